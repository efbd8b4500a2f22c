using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.AgentConnections;

public sealed record AgentMessageRow(
    Guid Id, Guid ConnectionId, AgentMessageKind Kind, string Title, string? Body, string? RequestId, DateTimeOffset? ExpiresAt,
    DeliveryState Delivery, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, string CreatedBy);

/// <summary>The agency's delivery queue: its messages (queued ones by default), oldest first.</summary>
public sealed record AgentMessageQuery : ListQuery
{
    public Guid? AgencyId { get; init; }
    public Guid? ConnectionId { get; init; }
    public DeliveryState? Delivery { get; init; }
}

public sealed class SendMessage
{
    public AgentMessageKind Kind { get; set; } = AgentMessageKind.General;
    public string Title { get; set; } = "";
    public string? Body { get; set; }
    /// <summary>The caller's correlation key: required for Data, optional for Action.</summary>
    public string? RequestId { get; set; }
    /// <summary>Required for Action: when its buttons stop meaning anything.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

public sealed class SendMessageValidator : AbstractValidator<SendMessage>
{
    public SendMessageValidator(TimeProvider clock)
    {
        RuleFor(m => m.Kind).IsInEnum().WithMessage("Choose General, Action or Data.");
        RuleFor(m => m.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Enter the message's title.");
        RuleFor(m => m.Title).MaximumLength(AgentMessage.TitleMaxLength).WithMessage($"A title must be {AgentMessage.TitleMaxLength} characters or fewer.");
        RuleFor(m => m.Body).MaximumLength(AgentMessage.BodyMaxLength).WithMessage($"A message must be {AgentMessage.BodyMaxLength:N0} characters or fewer.");
        RuleFor(m => m.RequestId).Must(r => !string.IsNullOrWhiteSpace(r)).When(m => m.Kind == AgentMessageKind.Data)
            .WithMessage("A data message answers a request: enter its request id.");
        RuleFor(m => m.RequestId).MaximumLength(AgentMessage.RequestIdMaxLength).WithMessage($"A request id must be {AgentMessage.RequestIdMaxLength} characters or fewer.");
        RuleFor(m => m.ExpiresAt).NotNull().When(m => m.Kind == AgentMessageKind.Action).WithMessage("An action message needs an expiry.");
        RuleFor(m => m.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithMessage("The expiry must be in the future.");
    }
}
