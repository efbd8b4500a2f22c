using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Domain.AgentConnections;

namespace Portal.Auth;

/// <summary>
/// Authenticates an agency's own systems by the <c>hash</c> header (the agency secret; spec §3.8), in the shape of the
/// API-key handler: looked up by its public prefix, its SHA-256 compared in constant time, never logged. The principal
/// has only the <see cref="AgencyCaller.Role"/> role and the agency's id, so it opens the agency-scoped routes and no other.
/// </summary>
public sealed class AgencyHashAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AgencyService agencies)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AgencyHash";
    public const string HeaderName = "hash";
    public const string Policy = "access-agency";
    public const string AgencyIdClaim = "portal:agency_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count == 0) return AuthenticateResult.NoResult();
        var presented = values.ToString();
        if (presented.Length > 200) return AuthenticateResult.Fail("Malformed agency secret.");
        var agency = await agencies.AuthenticateAsync(presented, Context.RequestAborted);
        if (agency is null)
        {
            Logger.LogInformation("Refused an agency secret that is unknown, rotated away or of a deleted agency");
            return AuthenticateResult.Fail("The agency secret is unknown, rotated or of a deleted agency.");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"{AgencyCaller.IdPrefix}{agency.Id}"),
            new Claim(ClaimTypes.Name, $"agency:{agency.Name}"),
            new Claim(ClaimTypes.Role, AgencyCaller.Role),
            new Claim(AgencyIdClaim, agency.Id.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return Task.CompletedTask;
    }
}

public static class AgencyHashAuthentication
{
    /// <summary>The <c>hash</c> scheme and its policy: only this scheme, only the agency role (no staff credential opens agency routes).</summary>
    public static IServiceCollection AddAgencyHashAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AgencyHashAuthenticationHandler>(AgencyHashAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(AgencyHashAuthenticationHandler.Policy,
            p => p.AddAuthenticationSchemes(AgencyHashAuthenticationHandler.SchemeName).RequireRole(AgencyCaller.Role));
        return services;
    }
}
