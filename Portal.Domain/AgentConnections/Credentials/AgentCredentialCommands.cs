using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.AgentConnections;

public sealed record CredentialAttributeValue(string Name, string Value);

public sealed record AgentCredentialRow(
    Guid Id, Guid ConnectionId, string ConnectionAlias, string SchemaId, IReadOnlyList<CredentialAttributeValue> Attributes,
    CredentialStatus Status, bool IsRevoked, bool IsSuspended, DeliveryState Delivery, DateTimeOffset IssuedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? StatusChangedAt);

public sealed record AgentCredentialQuery : ListQuery
{
    public Guid? AgencyId { get; init; }
    public Guid? ConnectionId { get; init; }
    public string? SchemaId { get; init; }
    public CredentialStatus? Status { get; init; }
}

public sealed class IssueCredential
{
    public string SchemaId { get; set; } = "";
    public List<CredentialAttributeValue> Attributes { get; set; } = [];
    public string? RequestId { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}

public sealed class ChangeCredentialStatus
{
    /// <summary>Required: which list (an empty body names none).</summary>
    public CredentialPurpose? Purpose { get; set; }
}

/// <summary>Credentials of one agency with a schema and every attribute value named (spec RevokeByCriteria/RestoreByCriteria).</summary>
public sealed class CredentialCriteria
{
    /// <summary>Staff name the agency; an agency's own systems change their own (left empty).</summary>
    public Guid? AgencyId { get; set; }
    public CredentialPurpose Purpose { get; set; } = CredentialPurpose.Revocation;
    public string SchemaId { get; set; } = "";
    public List<CredentialAttributeValue> Attributes { get; set; } = [];
}

/// <summary>What a by-criteria change did: how many matched, how many changed, how many were already so.</summary>
public sealed record CriteriaResult(int Matched, int Changed, int AlreadySo);

public sealed class IssueCredentialValidator : AbstractValidator<IssueCredential>
{
    public const int MaxAttributes = 50;

    public IssueCredentialValidator()
    {
        RuleFor(c => c.SchemaId).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Enter the credential's schema id.");
        RuleFor(c => c.SchemaId).MaximumLength(AgentCredential.SchemaIdMaxLength).WithMessage($"A schema id must be {AgentCredential.SchemaIdMaxLength} characters or fewer.");
        RuleFor(c => c.Attributes).NotEmpty().WithMessage("Give the credential at least one attribute.");
        RuleFor(c => c.Attributes).Must(a => a.Count <= MaxAttributes).WithMessage($"A credential has at most {MaxAttributes} attributes.");
        RuleFor(c => c.Attributes).Must(a => a.Select(x => x.Name).Distinct(StringComparer.Ordinal).Count() == a.Count)
            .WithMessage("Name each attribute once.");
        RuleForEach(c => c.Attributes).SetValidator(new CredentialAttributeValidator());
        RuleFor(c => c.RequestId).MaximumLength(AgentMessage.RequestIdMaxLength).WithMessage($"A request id must be {AgentMessage.RequestIdMaxLength} characters or fewer.");
    }
}

public sealed class CredentialCriteriaValidator : AbstractValidator<CredentialCriteria>
{
    public CredentialCriteriaValidator()
    {
        RuleFor(c => c.Purpose).IsInEnum().WithMessage("Name the list: Revocation or Suspension.");
        RuleFor(c => c.SchemaId).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Name the schema whose credentials to change.");
        RuleFor(c => c.SchemaId).MaximumLength(AgentCredential.SchemaIdMaxLength).WithMessage($"A schema id must be {AgentCredential.SchemaIdMaxLength} characters or fewer.");
        RuleFor(c => c.Attributes).Must(a => a.Count <= IssueCredentialValidator.MaxAttributes)
            .WithMessage($"Name at most {IssueCredentialValidator.MaxAttributes} attributes.");
        RuleForEach(c => c.Attributes).SetValidator(new CredentialAttributeValidator());
    }
}

public sealed class ChangeCredentialStatusValidator : AbstractValidator<ChangeCredentialStatus>
{
    public ChangeCredentialStatusValidator() =>
        RuleFor(c => c.Purpose).NotNull().IsInEnum().WithMessage("Name the list: Revocation or Suspension.");
}

internal sealed class CredentialAttributeValidator : AbstractValidator<CredentialAttributeValue>
{
    public CredentialAttributeValidator()
    {
        RuleFor(a => a.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the attribute.");
        RuleFor(a => a.Name).MaximumLength(AgentCredentialAttribute.NameMaxLength).WithMessage($"An attribute name must be {AgentCredentialAttribute.NameMaxLength} characters or fewer.");
        RuleFor(a => a.Value).NotNull().WithMessage("Give the attribute a value.");
        RuleFor(a => a.Value).MaximumLength(AgentCredentialAttribute.ValueMaxLength).WithMessage($"An attribute value must be {AgentCredentialAttribute.ValueMaxLength} characters or fewer.");
    }
}
