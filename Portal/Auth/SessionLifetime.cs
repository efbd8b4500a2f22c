using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Portal.Auth;

/// <summary>
/// An absolute limit on a sign-in session, in both sign-in modes. Sliding renewals move the cookie's own issue time, so
/// the session's start is stamped in the ticket once, at sign-in, and a cookie older than the limit is rejected however
/// recently it was used; the person signs in again (with Entra: and gets the roles Entra gives them now).
/// </summary>
public static class SessionLifetime
{
    public const string StartedItem = "portal.session_started";
    public static readonly TimeSpan Default = TimeSpan.FromHours(8);

    public static TimeSpan Of(IConfiguration config) => config.GetValue("Auth:SessionLifetime", Default);

    public static void Apply(CookieAuthenticationOptions o, TimeSpan limit)
    {
        var signingIn = o.Events.OnSigningIn;
        o.Events.OnSigningIn = ctx =>
        {
            ctx.Properties.Items.TryAdd(StartedItem, Stamp((ctx.Options.TimeProvider ?? TimeProvider.System).GetUtcNow()));
            return signingIn(ctx);
        };
        var validate = o.Events.OnValidatePrincipal;
        o.Events.OnValidatePrincipal = async ctx =>
        {
            var now = (ctx.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            if (IsOver(ctx.Properties.Items.TryGetValue(StartedItem, out var started) ? started : null, now, limit))
            {
                ctx.RejectPrincipal();
                await ctx.HttpContext.SignOutAsync(ctx.Scheme.Name);
                return;
            }
            await validate(ctx);
        };
    }

    /// <summary>How the session's start is written into the ticket: round-trip ("O"), to the tick.</summary>
    public static string Stamp(DateTimeOffset started) => started.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// True when a session that started at <paramref name="started"/> (a <see cref="Stamp"/>) has lasted
    /// <paramref name="limit"/> or longer by <paramref name="now"/>; a missing or unreadable stamp (a cookie from before
    /// this rule) counts as over, so that person signs in once more.
    /// </summary>
    public static bool IsOver(string? started, DateTimeOffset now, TimeSpan limit) =>
        !DateTimeOffset.TryParse(started, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
        || now - at >= limit;
}
