using Portal.Domain.Common;

namespace Portal.Domain.AgentConnections;

/// <summary>The message kinds Portal sends (spec §1.4): general, an action with an expiry, data answering a request id.</summary>
public enum AgentMessageKind { General, Action, Data }

public enum DeliveryState { Queued, Delivered }

/// <summary>
/// A message to a connection. Portal talks to no agent: it stores the message as queued, the agency's systems fetch the
/// queue through the agency-scoped API, deliver it and mark it delivered. Filed under the connection's History.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class AgentMessage : IFiledUnderAggregate
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 4000;
    public const int RequestIdMaxLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid AgencyId { get; init; }
    public Guid ConnectionId { get; init; }
    public AgentMessageKind Kind { get; init; }
    public required string Title { get; init; }
    public string? Body { get; init; }
    public string? RequestId { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DeliveryState Delivery { get; set; } = DeliveryState.Queued;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public required string CreatedBy { get; init; }
    Guid IFiledUnderAggregate.AggregateId => ConnectionId;
}
