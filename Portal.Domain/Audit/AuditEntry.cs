using System.Diagnostics;
using System.Text.Json;
using Portal.Domain.Common;

namespace Portal.Domain.Audit;

/// <summary>One change to one entity: who, when, what and which fields (secrets show only as changed).</summary>
public sealed class AuditEntry
{
    public const int ActorMaxLength = 256;

    /// <summary>
    /// What <paramref name="user"/> did, now, in the running request's correlation: the one way an entry is made, by
    /// the interceptor for row changes and by a service for an action that changes no row (a reveal).
    /// </summary>
    /// <param name="securityEvent">A kind from <see cref="SecurityEvents"/> when the change is also a security event: the
    /// entry then records where the request came from (<see cref="ICurrentUser.Origin"/>).</param>
    public static AuditEntry For(ICurrentUser user, DateTimeOffset at, string entityType, string entityId, string action,
        IReadOnlyDictionary<string, object?> changes, string? aggregateId = null, string? securityEvent = null) => new()
    {
        At = at,
        ActorId = user.Id,
        Actor = user.ActorName,
        EntityType = entityType,
        EntityId = entityId,
        AggregateId = aggregateId,
        Action = action,
        Changes = JsonSerializer.Serialize(changes, ChangesJson),
        CorrelationId = Activity.Current?.TraceId.ToString(),
        SecurityEvent = securityEvent,
        ClientAddress = securityEvent is null ? null : user.Origin?.Address,
        UserAgent = securityEvent is null ? null : user.Origin?.UserAgent,
    };

    /// <summary>
    /// A security event of someone who is not (or not yet) the acting user: a sign-in, a failed one (the attempted email
    /// as the actor), a key's use. <paramref name="origin"/> is where the request came from.
    /// </summary>
    public static AuditEntry ForSecurityEvent(string kind, string? actorId, string actor, RequestOrigin? origin, DateTimeOffset at,
        string entityType, string entityId, IReadOnlyDictionary<string, object?> changes) => new()
    {
        At = at,
        ActorId = actorId,
        Actor = actor.Length <= ActorMaxLength ? actor : actor[..ActorMaxLength],
        EntityType = entityType,
        EntityId = entityId,
        Action = kind,
        Changes = JsonSerializer.Serialize(changes, ChangesJson),
        CorrelationId = Activity.Current?.TraceId.ToString(),
        SecurityEvent = kind,
        ClientAddress = origin?.Address,
        UserAgent = origin?.UserAgent,
    };

    private static readonly JsonSerializerOptions ChangesJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() }, // "Active", not 1
    };

    public Guid Id { get; init; } = SequentialIds.Next(); // ties in time keep the order the entries were made
    public DateTimeOffset At { get; init; }
    public string? ActorId { get; init; }
    public required string Actor { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    /// <summary>For a record filed under an aggregate (<see cref="Common.IFiledUnderAggregate"/>: its parts, an organisation's invitations), the aggregate's id: its History shows the part's changes.</summary>
    public string? AggregateId { get; init; }
    /// <summary>Created, Updated, Deleted, or a relationship change such as RoleAdded.</summary>
    public required string Action { get; init; }
    /// <summary>JSON object: field name to <c>{ "from": ..., "to": ... }</c>.</summary>
    public required string Changes { get; init; }
    public string? CorrelationId { get; init; }
    /// <summary>The <see cref="SecurityEvents"/> kind when this entry is a security event (readable by Admins only); null for an ordinary change.</summary>
    public string? SecurityEvent { get; init; }
    /// <summary>The client's address, for a security event.</summary>
    public string? ClientAddress { get; init; }
    /// <summary>The client's User-Agent, cut to <see cref="RequestOrigin.UserAgentMaxLength"/>, for a security event.</summary>
    public string? UserAgent { get; init; }
}

public static class AuditActions
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Deleted = "Deleted";
    public const string RoleAdded = "RoleAdded";
    public const string RoleRemoved = "RoleRemoved";
    /// <summary>Someone looked at a secret in full (bank details); written by the service, not the interceptor.</summary>
    public const string Revealed = "Revealed";

    public static readonly IReadOnlyList<string> All = [Created, Updated, Deleted, RoleAdded, RoleRemoved, Revealed];
}
