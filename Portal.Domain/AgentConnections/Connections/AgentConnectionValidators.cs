using FluentValidation;

namespace Portal.Domain.AgentConnections;

/// <summary>Each method's fields, as the create dialog's tabs and the API take them (spec §1.2, §3.2).</summary>
public sealed class ConnectValidator : AbstractValidator<Connect>
{
    public ConnectValidator()
    {
        RuleFor(c => c.Method).IsInEnum().WithMessage("Choose how to connect: Did, Alias, InvitationUrl or LinkedDomain.");
        When(c => c.Method == ConnectionMethod.Did, () =>
            RuleFor(c => c.Did).Must(d => AgentIdentifiers.DidProblem(d) is null).WithMessage(c => AgentIdentifiers.DidProblem(c.Did)!));
        When(c => c.Method == ConnectionMethod.LinkedDomain, () =>
            RuleFor(c => c.LinkedDomain).Must(d => AgentIdentifiers.DomainProblem(d) is null).WithMessage(c => AgentIdentifiers.DomainProblem(c.LinkedDomain)!));
        When(c => c.Method == ConnectionMethod.InvitationUrl, () =>
            RuleFor(c => c.InvitationUrl).Must(u => OobInvitation.Parse(u).Error is null).WithMessage(c => OobInvitation.Parse(c.InvitationUrl).Error!));
        // The alias: required except by invitation URL, where an empty one defaults from the invitation.
        RuleFor(c => c.Alias).Must(a => AgentIdentifiers.AliasProblem(a) is null).WithMessage(c => AgentIdentifiers.AliasProblem(c.Alias)!)
            .When(c => c.Method != ConnectionMethod.InvitationUrl || !string.IsNullOrEmpty(c.Alias));
        RuleFor(c => c.Title).MaximumLength(AgentConnection.TitleMaxLength).WithMessage($"A title must be {AgentConnection.TitleMaxLength} characters or fewer.");
    }
}

public sealed class ChangeConnectionStateValidator : AbstractValidator<ChangeConnectionState>
{
    public ChangeConnectionStateValidator()
    {
        RuleFor(c => c.State).IsInEnum().WithMessage("Name a DID Exchange state: Invited, Requested, Responded, Completed or Abandoned.");
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).When(c => c.State == ConnectionState.Abandoned)
            .WithMessage("Say why the connection is abandoned.");
        RuleFor(c => c.Reason).MaximumLength(AgentConnection.ReasonMaxLength).WithMessage($"A reason must be {AgentConnection.ReasonMaxLength} characters or fewer.");
    }
}

public sealed class DeleteConnectionsValidator : AbstractValidator<DeleteConnections>
{
    public const int MaxIds = 1000;

    public DeleteConnectionsValidator()
    {
        RuleFor(d => d.Ids).NotEmpty().WithMessage("Name the connections to delete.");
        RuleFor(d => d.Ids).Must(i => i.Count <= MaxIds).WithMessage($"Delete at most {MaxIds:N0} connections at a time.");
    }
}

public sealed class SetStageAccessValidator : AbstractValidator<SetStageAccess>
{
    public SetStageAccessValidator() =>
        RuleFor(s => s.StageAccess).NotNull().WithMessage("Say whether the connection has stage access: true or false.");
}
