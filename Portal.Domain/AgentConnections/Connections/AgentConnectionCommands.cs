using Portal.Domain.Common;

namespace Portal.Domain.AgentConnections;

public sealed record AgentConnectionQuery : ListQuery
{
    public Guid? AgencyId { get; init; }
    public ConnectionState? State { get; init; }
    public ConnectionMethod? Method { get; init; }
    public bool? StageAccess { get; init; }
}

public sealed record AgentConnectionRow(
    Guid Id, Guid AgencyId, string AgencyName, string AgentId, ConnectionMethod Method, string Alias, string? Title, string? Did,
    string? LinkedDomain, ConnectionState State, string? AbandonReason, bool StageAccess, DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt, long Version);

/// <summary>One line of a connection's timeline: what happened, when, by whom.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string What, string? By);

public sealed record AgentConnectionDetails(
    AgentConnectionRow Connection, IReadOnlyList<AgentMessageRow> Messages, IReadOnlyList<AgentCredentialRow> Credentials,
    IReadOnlyList<TimelineEntry> Timeline);

/// <summary>
/// A new connection, by one of four methods. <see cref="Alias"/> is the alias connected to (by alias) or the default alias
/// registered for it (by DID, by linked domain; optional by invitation URL, where it defaults from the invitation).
/// </summary>
public sealed class Connect
{
    /// <summary>Staff name the agency; an agency's own systems connect for themselves (left empty).</summary>
    public Guid? AgencyId { get; set; }
    public ConnectionMethod Method { get; set; } = ConnectionMethod.Did;
    public string? Did { get; set; }
    public string? Alias { get; set; }
    public string? Title { get; set; }
    public string? InvitationUrl { get; set; }
    public string? LinkedDomain { get; set; }
}

public sealed class ChangeConnectionState
{
    public ConnectionState State { get; set; }
    /// <summary>Required to abandon.</summary>
    public string? Reason { get; set; }
}

public sealed class SetStageAccess
{
    /// <summary>Required: on or off (an empty body says neither).</summary>
    public bool? StageAccess { get; set; }
}

public sealed class DeleteConnections
{
    public List<Guid> Ids { get; set; } = [];
}

/// <summary>How many were deleted, and the ids that named no connection (of the caller's agency); the rest were done.</summary>
public sealed record DeleteConnectionsResult(int Deleted, IReadOnlyList<Guid> Unknown);
