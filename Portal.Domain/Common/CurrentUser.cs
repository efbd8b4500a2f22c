using System.Security.Claims;

namespace Portal.Domain.Common;

/// <summary>Who is acting. Services check permissions against it and the audit trail records it.</summary>
public interface ICurrentUser
{
    /// <summary>Staff user id, API key id or external subject; null for the system itself.</summary>
    string? Id { get; }
    /// <summary>What the audit trail shows, e.g. "alice@example.com" or "api-key:Billing sync".</summary>
    string Name { get; }
    bool IsAuthenticated { get; }
    bool IsInRole(string role);
}

public static class CurrentUserExtensions
{
    public static void Require(this ICurrentUser user, params string[] roles)
    {
        if (!user.IsAuthenticated || !roles.Any(user.IsInRole))
            throw new ForbiddenException($"This needs the {string.Join(" or ", roles)} role.");
    }

    public static Guid? StaffUserId(this ICurrentUser user) => Guid.TryParse(user.Id, out var id) ? id : null;
}

/// <summary>The principal of the running request or circuit, set by the host; empty outside one (system work).</summary>
public sealed class CurrentUserAccessor : ICurrentUser
{
    public const string SystemName = "system";

    public ClaimsPrincipal? Principal { get; set; }

    public string? Id => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string Name => Principal?.Identity?.IsAuthenticated == true
        ? Principal.FindFirstValue(ClaimTypes.Email) ?? Principal.Identity.Name ?? Id ?? "unknown"
        : SystemName;
    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
}
