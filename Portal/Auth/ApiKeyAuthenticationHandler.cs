using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Domain.Admin;
using Portal.Domain.Common;

namespace Portal.Auth;

/// <summary>Authenticates machine clients by the <c>X-Api-Key</c> header. The key itself is never logged.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ApiKeyIdClaim = "portal:api_key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count == 0) return AuthenticateResult.NoResult();
        var presented = values.ToString();
        if (presented.Length > 200) return AuthenticateResult.Fail("Malformed API key.");
        var identity = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (identity is null)
        {
            Logger.LogInformation("Refused an API key that is unknown, revoked or expired");
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        }
        var claims = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"{CurrentUserExtensions.ApiKeyIdPrefix}{identity.Id}"),
            new Claim(ClaimTypes.Name, $"api-key:{identity.Name}"),
            new Claim(ClaimTypes.Role, identity.Role),
            new Claim(ApiKeyIdClaim, identity.Id.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(claims), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return Task.CompletedTask;
    }
}
