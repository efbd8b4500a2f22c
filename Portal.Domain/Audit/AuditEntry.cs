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
    public static AuditEntry For(Common.ICurrentUser user, DateTimeOffset at, string entityType, string entityId, string action,
        IReadOnlyDictionary<string, object?> changes, string? aggregateId = null) => new()
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
