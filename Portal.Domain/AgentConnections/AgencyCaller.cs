using Portal.Domain.Common;

namespace Portal.Domain.AgentConnections;

/// <summary>
/// An agency's own systems, signed in with the agency's <c>hash</c> secret: a principal with the <see cref="Role"/> role
/// and the id <c>agency:{id}</c>. It is not a Portal role (no staff route admits it); the services let it read and change
/// only its own agency's records.
/// </summary>
public static class AgencyCaller
{
    public const string Role = "Agency";
    public const string IdPrefix = "agency:";

    /// <summary>The agency the caller speaks for, or null when it is a person or an API key.</summary>
    public static Guid? AgencyId(this ICurrentUser user) =>
        user.IsAuthenticated && user.IsInRole(Role) && user.Id is { } id && id.StartsWith(IdPrefix, StringComparison.Ordinal)
        && Guid.TryParse(id.AsSpan(IdPrefix.Length), out var agencyId) ? agencyId : null;

    /// <summary>
    /// Refuses unless the caller is staff with <paramref name="roles"/> or an agency's systems; answers the agency the
    /// caller is bound to (null for staff, who see every agency).
    /// </summary>
    public static Guid? RequireStaffOrAgency(this ICurrentUser user, IReadOnlyList<string> roles)
    {
        if (user.AgencyId() is { } agencyId) return agencyId;
        user.Require(roles);
        return null;
    }
}
