using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Store;

namespace Portal.Auth;

/// <summary>Sign-in and sign-out are plain form posts (cookies cannot be set from a circuit), rate limited and antiforgery-checked.</summary>
public static class AccountEndpoints
{
    public const string SignInRateLimit = "sign-in";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        // Antiforgery is checked by hand so an expired form sends the user back with a message, not a bare 400.
        account.MapPost("/sign-in/password", SignIn).RequireRateLimiting(SignInRateLimit).DisableAntiforgery();
        account.MapGet("/sign-in/entra", SignInWithEntra);
        account.MapPost("/sign-out", SignOut).DisableAntiforgery();
        return app;
    }

    /// <summary>Starts the Entra ID sign-in; with local accounts (no Entra scheme) the sign-in form is the way in.</summary>
    private static async Task<IResult> SignInWithEntra(string? returnUrl, IAuthenticationSchemeProvider schemes)
    {
        var back = SafeReturnUrl(returnUrl);
        if (await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is null)
            return TypedResults.Redirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(back));
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = back }, [OpenIdConnectDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> SignIn(
        HttpContext http, IAntiforgery antiforgery, IServiceProvider services, TimeProvider clock, ILogger<PortalSignInManager> log)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : FormCollection.Empty;
        var (email, password) = (form["email"].ToString(), form["password"].ToString());
        var back = SafeReturnUrl(form["returnUrl"]);
        if (!await antiforgery.IsRequestValidAsync(http)) return Back("expired", email, back);
        if (services.GetService<SignInManager<StaffUser>>() is not { } signIn)
            return TypedResults.Redirect("/account/sign-in/entra?returnUrl=" + Uri.EscapeDataString(back));
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return Back("missing", email, back);
        if (!await services.GetRequiredService<AccountSignInLimiter>().TryAttemptAsync(email, http.RequestAborted))
        {
            http.Response.Headers.RetryAfter = "60";
            return TypedResults.Text("Too many attempts for this account. Wait a minute and try again.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        // Who exists is nobody's business: an unknown email costs the same hash check, the same audit write and gets the
        // same answer as a wrong password, and "disabled" or "locked" is said only to someone who knows the password.
        var events = services.GetRequiredService<SecurityEventLog>();
        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            UnknownUserPassword.Verify(users.PasswordHasher, password);
            await events.SignInFailedAsync(email, null, SecurityEventLog.Reasons.UnknownEmail);
            return Back("invalid", email, back);
        }
        var lockedOut = await users.IsLockedOutAsync(user);
        if (user.PasswordHash is null) UnknownUserPassword.Verify(users.PasswordHasher, password); // imported, no password yet
        if (!await users.CheckPasswordAsync(user, password))
        {
            await events.SignInFailedAsync(email, user.Id, user.PasswordHash is null ? SecurityEventLog.Reasons.NoPassword : SecurityEventLog.Reasons.WrongPassword);
            if (!lockedOut && !user.IsDisabled) await users.AccessFailedAsync(user); // the failure that locks writes LockedOut
            return Back("invalid", email, back);
        }
        if (!await signIn.CanSignInAsync(user))
        {
            await events.SignInFailedAsync(email, user.Id, SecurityEventLog.Reasons.Disabled);
            return Back("disabled", email, back);
        }
        if (lockedOut)
        {
            log.LogWarning("Sign-in refused: account {UserId} is locked out", user.Id);
            await events.SignInFailedAsync(email, user.Id, SecurityEventLog.Reasons.LockedOut);
            return Back("locked", email, back);
        }
        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "pwd");
        await events.SignedInAsync(user.Id, user.Email ?? email, "password");

        // Bookkeeping only: no audit entry, no version bump.
        var db = services.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now));
        return TypedResults.LocalRedirect(back);
    }

    private static async Task<IResult> SignOut(HttpContext http, IConfiguration config, IAntiforgery antiforgery, SecurityEventLog events)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.LocalRedirect("/"); // a forged sign-out does nothing
        if (http.User.Identity?.IsAuthenticated == true) await events.SignedOutAsync();
        await http.SignOutAsync(PortalAuthentication.CookieScheme(config));
        if (PortalAuthentication.UsesEntra(config))
            return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);
        return TypedResults.LocalRedirect("/account/sign-in");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult Back(string error, string? email, string returnUrl) =>
        TypedResults.Redirect($"/account/sign-in?error={error}&email={Uri.EscapeDataString(email?.Trim() ?? "")}&returnUrl={Uri.EscapeDataString(returnUrl)}");

    /// <summary>
    /// Only a path on this site: an open redirect would let a phishing link borrow Portal's sign-in page. The framework's
    /// check also refuses control characters, which browsers drop (<c>/%09/evil.com</c> would become <c>//evil.com</c>).
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(returnUrl) && returnUrl.StartsWith('/') ? returnUrl : "/";
}

/// <summary>A hash of a random password, checked when the email is unknown so that answer takes as long as a wrong password.</summary>
internal static class UnknownUserPassword
{
    private static string? _hash;

    public static void Verify(IPasswordHasher<StaffUser> hasher, string password)
    {
        _hash ??= hasher.HashPassword(new StaffUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(new StaffUser(), _hash, password);
    }
}
