using System.Text.Json.Serialization;

namespace Portal.Domain.LiveUpdates;

/// <summary>
/// "A record changed": what one instance tells every instance after a save, so a page that shows the record (or a list
/// that holds it) can say so and read it again. <see cref="Kind"/> is the record's type name (<c>Organisation</c>),
/// <see cref="Id"/> its id; <see cref="Id"/> null means many records of the kind changed at once (a bulk change or an
/// import: one message, not one per row). A message with a <see cref="Payload"/> is not about a save (presence).
/// </summary>
public sealed record LiveUpdate
{
    /// <summary>The record's type name, e.g. <c>Organisation</c>, <c>HandlingList</c>; or a channel such as <see cref="PresenceTracker.Kind"/>.</summary>
    [JsonPropertyName("k")] public required string Kind { get; init; }
    /// <summary>The record's id; null when many records of <see cref="Kind"/> changed.</summary>
    [JsonPropertyName("i")] public string? Id { get; init; }
    /// <summary>For a record filed under an aggregate (a pick under its handling list), the aggregate's id: the aggregate's page hears it.</summary>
    [JsonPropertyName("a")] public string? AggregateId { get; init; }
    [JsonPropertyName("c")] public LiveChange Change { get; init; } = LiveChange.Updated;
    /// <summary>The record's version after the change, for an aggregate (<see cref="Common.IVersioned"/>).</summary>
    [JsonPropertyName("v")] public long? Version { get; init; }
    /// <summary>Who saved it (<see cref="Common.ICurrentUser.Id"/>): a page does not tell a person about their own change.</summary>
    [JsonPropertyName("u")] public string? ActorId { get; init; }
    /// <summary>Who saved it, as the audit trail names them (<see cref="Common.ICurrentUser.ActorName"/>).</summary>
    [JsonPropertyName("n")] public string Actor { get; init; } = "";
    /// <summary>A message's own content, for messages that are not about a save (presence).</summary>
    [JsonPropertyName("p")] public string? Payload { get; init; }

    /// <summary>Whether this is about the record <paramref name="id"/>: its own change, one filed under it, or many of its kind at once.</summary>
    public bool Concerns(string kind, string id) =>
        Id == id || AggregateId == id || (Id is null && Kind == kind);
}

public enum LiveChange
{
    Created,
    Updated,
    Deleted,
}
