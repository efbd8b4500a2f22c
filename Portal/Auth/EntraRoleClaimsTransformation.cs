using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Portal.Domain.Common;

namespace Portal.Auth;

/// <summary>
/// Maps Entra app roles (the token's <c>roles</c> claim) onto Portal's roles. An app role value may be the role
/// itself (<c>Admin</c>) or prefixed (<c>Portal.Admin</c>); anything else is ignored, so an unknown role grants nothing.
/// </summary>
public sealed class EntraRoleClaimsTransformation : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity) return Task.FromResult(principal);
        // Materialised first: adding a claim while FindAll is still enumerating the identity would throw.
        foreach (var role in MapRoles(principal.FindAll("roles").Concat(principal.FindAll(ClaimTypes.Role)).Select(c => c.Value)).ToList())
        {
            if (!principal.IsInRole(role)) identity.AddClaim(new Claim(identity.RoleClaimType, role));
        }
        return Task.FromResult(principal);
    }

    public static IEnumerable<string> MapRoles(IEnumerable<string> appRoles) => appRoles
        .Select(r => r.StartsWith("Portal.", StringComparison.OrdinalIgnoreCase) ? r["Portal.".Length..] : r)
        .Select(r => Roles.All.FirstOrDefault(known => string.Equals(known, r, StringComparison.OrdinalIgnoreCase)))
        .OfType<string>()
        .Distinct();
}
