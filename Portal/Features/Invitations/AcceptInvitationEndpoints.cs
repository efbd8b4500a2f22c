using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Portal.Api;
using Portal.Domain.Common;
using Portal.Domain.Invitations;
using Portal.Domain.Organisations;

namespace Portal.Features.Invitations;

/// <summary>
/// The invitee's answer to /invitations/accept (a member link's name, or the four key items): a plain form post (no circuit, no sign-in), rate limited
/// with the API's verification policy (the same <see cref="VerificationGate"/>, then the per-address limit), and antiforgery-checked by hand. It goes
/// back to the page with nothing of what was typed in the address: the key items never travel in a URL. A refused answer
/// keeps the names typed (only the digits and the secret are typed again) in a short-lived, encrypted cookie for the page.
/// </summary>
public static class AcceptInvitationEndpoints
{
    /// <summary>The names of a refused answer, for the page to fill in again (encrypted, 10 minutes, this page only).</summary>
    public const string TypedNamesCookie = "portal-invitee-names";
    private const string TypedNamesPurpose = "Portal.Invitations.TypedNames.v1";
    private static readonly TimeSpan TypedNamesLifetime = TimeSpan.FromMinutes(10);

    public static IEndpointRouteBuilder MapAcceptInvitationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/invitations/accept/answer", Accept).RequireRateLimiting(InvitationsApi.VerificationRateLimit)
            .DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Accept(HttpContext http, IAntiforgery antiforgery, InvitationService invitations,
        IDataProtectionProvider protection, OrganisationInvitationService members)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : FormCollection.Empty;
        if (form["token"].ToString() is { Length: > 0 } token) return await AcceptMemberLinkAsync(http, antiforgery, protection, members, form, token);
        var id = Guid.TryParse(form["invitation"].ToString(), out var parsed) ? parsed : (Guid?)null;
        var page = id is { } i ? $"/invitations/accept?invitation={i}" : "/invitations/accept";
        var and = id is null ? "?" : "&";
        var names = new TypedNames(form["firstName"].ToString().Trim(), form["lastName"].ToString().Trim());
        IResult Refused(string error)
        {
            KeepNames(http, protection, names);
            return TypedResults.Redirect($"{page}{and}error={error}");
        }
        if (!await antiforgery.IsRequestValidAsync(http)) return Refused("expired");
        try
        {
            await invitations.VerifyAsync(new VerifyInvitation
            {
                FirstName = form["firstName"].ToString(), LastName = form["lastName"].ToString(),
                Identification = form["identification"].ToString(), SharedSecret = form["sharedSecret"].ToString(), InvitationId = id,
            });
            http.Response.Cookies.Delete(TypedNamesCookie, CookieOptions(http));
            return TypedResults.Redirect($"{page}{and}accepted=true");
        }
        catch (DomainValidationException)
        {
            return Refused("invalid");
        }
        catch (DomainException)
        {
            return Refused("nomatch");
        }
    }

    /// <summary>
    /// The answer when the <see cref="VerificationGate"/> refused it (the rate limiter's, before this endpoint runs): back to
    /// the page that posted it, "try again in a moment", the names kept.
    /// </summary>
    internal static async Task RefuseBusyAsync(HttpContext http)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : FormCollection.Empty;
        KeepNames(http, http.RequestServices.GetRequiredService<IDataProtectionProvider>(),
            new TypedNames(form["firstName"].ToString().Trim(), form["lastName"].ToString().Trim()));
        var page = form["token"].ToString() is { Length: > 0 } token ? $"/invitations/accept/{Uri.EscapeDataString(token)}"
            : Guid.TryParse(form["invitation"].ToString(), out var id) ? $"/invitations/accept?invitation={id}" : "/invitations/accept";
        http.Response.Redirect($"{page}{(page.Contains('?') ? '&' : '?')}error=busy");
    }

    /// <summary>A member link's answer: the invitee's name; the link's token (posted, not in the address) is the credential.</summary>
    private static async Task<IResult> AcceptMemberLinkAsync(HttpContext http, IAntiforgery antiforgery, IDataProtectionProvider protection,
        OrganisationInvitationService members, IFormCollection form, string token)
    {
        var page = $"/invitations/accept/{Uri.EscapeDataString(token)}";
        var command = new Portal.Domain.Organisations.AcceptInvitation { GivenName = form["firstName"].ToString(), FamilyName = form["lastName"].ToString() };
        IResult Refused(string error)
        {
            KeepNames(http, protection, new TypedNames(command.GivenName.Trim(), command.FamilyName?.Trim() ?? ""));
            return TypedResults.Redirect($"{page}?error={error}");
        }
        if (!await antiforgery.IsRequestValidAsync(http)) return Refused("expired");
        try
        {
            await members.AcceptAsync(token, command);
            http.Response.Cookies.Delete(TypedNamesCookie, CookieOptions(http));
            return TypedResults.Redirect($"{page}?joined=true");
        }
        catch (DomainValidationException)
        {
            return Refused("invalid"); // the page runs the same validator and shows the messages under the fields
        }
        catch (DomainException)
        {
            return TypedResults.Redirect(page); // used, withdrawn, expired or unknown meanwhile: the page says which
        }
    }

    /// <summary>The names the invitee typed before a refusal, when the cookie is there, still valid and this server's.</summary>
    public static TypedNames? TypedNamesOf(HttpContext http, IDataProtectionProvider protection)
    {
        if (http.Request.Cookies[TypedNamesCookie] is not { Length: > 0 } value) return null;
        try
        {
            return JsonSerializer.Deserialize<TypedNames>(Protector(protection).Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null; // expired, tampered with, or from before a key rotation: the invitee types them again
        }
    }

    private static void KeepNames(HttpContext http, IDataProtectionProvider protection, TypedNames names) =>
        http.Response.Cookies.Append(TypedNamesCookie, Protector(protection).Protect(JsonSerializer.Serialize(names), TypedNamesLifetime), CookieOptions(http));

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection) =>
        protection.CreateProtector(TypedNamesPurpose).ToTimeLimitedDataProtector();

    private static CookieOptions CookieOptions(HttpContext http) => new()
    {
        Path = "/invitations/accept", HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, MaxAge = TypedNamesLifetime,
        IsEssential = true,
    };

    public sealed record TypedNames(string FirstName, string LastName);
}
