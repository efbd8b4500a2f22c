using System.Security.Claims;

namespace Portal.Domain.Common;

/// <summary>Who is acting. Services check permissions against it and the audit trail records it.</summary>
public interface ICurrentUser
{
    /// <summary>Staff user id, API key id or external subject; null for the system itself.</summary>
    string? Id { get; }
    /// <summary>What the audit trail shows, e.g. "alice@example.com" or "api-key:Billing sync".</summary>
    string Name { get; }
    /// <summary>
    /// How Portal records who acted, everywhere it says "by whom" (the audit trail, "on since … by …", "checked by",
    /// "created by", emails): <see cref="Name"/>, cut to the columns' <see cref="Audit.AuditEntry.ActorMaxLength"/>.
    /// </summary>
    string ActorName { get; }
    bool IsAuthenticated { get; }
    bool IsInRole(string role);
    /// <summary>Where the request or circuit came from, for security events; null for system work.</summary>
    RequestOrigin? Origin { get; }
}

/// <summary>The client's address and User-Agent (cut to <see cref="UserAgentMaxLength"/>), as a security event records them.</summary>
public sealed record RequestOrigin
{
    public const int AddressMaxLength = 45; // the longest textual IPv6 address
    public const int UserAgentMaxLength = 256;

    public RequestOrigin(string? address, string? userAgent)
    {
        Address = Cut(address, AddressMaxLength);
        UserAgent = Cut(userAgent, UserAgentMaxLength);
    }

    public string? Address { get; }
    public string? UserAgent { get; }

    private static string? Cut(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= max ? text : text[..max];
}

public static class CurrentUserExtensions
{
    /// <summary>Refuses (403) unless the user has one of <paramref name="roles"/>, usually an <see cref="Access"/> set.</summary>
    public static void Require(this ICurrentUser user, IReadOnlyList<string> roles)
    {
        if (!user.IsAuthenticated || !roles.Any(user.IsInRole))
            throw new ForbiddenException($"This needs the {string.Join(" or ", roles)} role.");
    }

    /// <summary>Prefix of the <see cref="ICurrentUser.Id"/> of a caller that authenticated with an API key.</summary>
    public const string ApiKeyIdPrefix = "api-key:";

    /// <summary>
    /// For what grants access (new API keys, new staff users): a person must do it, not a machine holding a key, so a
    /// leaked key cannot mint more keys or accounts.
    /// </summary>
    public static void RequireAPerson(this ICurrentUser user, IReadOnlyList<string> roles)
    {
        user.Require(roles);
        if (user.Id?.StartsWith(ApiKeyIdPrefix, StringComparison.Ordinal) == true)
            throw new ForbiddenException("Creating API keys and staff users needs a signed-in person, not an API key.");
    }

    public static Guid? StaffUserId(this ICurrentUser user) => Guid.TryParse(user.Id, out var id) ? id : null;
}

/// <summary>The principal of the running request or circuit, set by the host; empty outside one (system work).</summary>
public sealed class CurrentUserAccessor : ICurrentUser
{
    public const string SystemName = "system";

    private (string Id, string Name)? _actingFor;

    public ClaimsPrincipal? Principal { get; set; }

    public string? Id => _actingFor?.Id ?? Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string Name => _actingFor?.Name ?? (Principal?.Identity?.IsAuthenticated == true
        ? Principal.FindFirstValue(ClaimTypes.Email) ?? Principal.Identity.Name ?? Id ?? "unknown"
        : SystemName);
    public string ActorName => Name.Length <= Audit.AuditEntry.ActorMaxLength ? Name : Name[..Audit.AuditEntry.ActorMaxLength];
    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
    /// <summary>Set by the host from the request (or the circuit's connection) before anyone authenticates.</summary>
    public RequestOrigin? Origin { get; set; }

    /// <summary>
    /// Work done for someone who is not signed in but has shown who they are another way (an invitee following their
    /// one-time link): until disposed, the audit trail names them. It grants no role and does not sign anyone in.
    /// </summary>
    public IDisposable ActingFor(string id, string name)
    {
        var previous = _actingFor;
        _actingFor = (id, name);
        return new Restore(() => _actingFor = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
