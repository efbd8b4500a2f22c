using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

public sealed class CreateOrganisationValidator : AbstractValidator<CreateOrganisation>
{
    public CreateOrganisationValidator()
    {
        Include(new OrganisationFieldsValidator());
        RuleFor(c => c.Owner!).SetValidator(new CreateMemberValidator()).When(c => c.Owner is not null);
    }
}

public sealed class UpdateOrganisationValidator : AbstractValidator<UpdateOrganisation>
{
    public UpdateOrganisationValidator()
    {
        Include(new OrganisationFieldsValidator());
        RuleFor(c => c.Version).Must(VersionedExtensions.IsVersionSent).WithMessage("Send the version you read (it comes with the organisation).");
    }
}

public sealed class ChangeStatusValidator : AbstractValidator<ChangeStatus>
{
    public ChangeStatusValidator()
    {
        RuleFor(c => c.Reason).MaximumLength(Organisation.StatusMessageMaxLength)
            .WithMessage($"A reason must be {Organisation.StatusMessageMaxLength} characters or fewer.");
        RuleFor(c => c.Version).Must(VersionedExtensions.IsVersionSent).WithMessage("Send the version you read (it comes with the organisation).");
    }
}

/// <summary>Rules shared by create and update. Internal so the DI scan does not register it on its own.</summary>
internal sealed class OrganisationFieldsValidator : AbstractValidator<OrganisationFields>
{
    public OrganisationFieldsValidator()
    {
        RuleFor(o => o.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the organisation's name.")
            .MaximumLength(Organisation.NameMaxLength).WithMessage($"A name must be {Organisation.NameMaxLength} characters or fewer.");
        RuleFor(o => o.TradingName).MaximumLength(Organisation.NameMaxLength)
            .WithMessage($"A trading name must be {Organisation.NameMaxLength} characters or fewer.");
        RuleFor(o => o.BillingEmail).ValidEmail(Organisation.EmailMaxLength);
        RuleFor(o => o.CompanyNumber).MaximumLength(Organisation.CompanyNumberMaxLength)
            .WithMessage($"A company number must be {Organisation.CompanyNumberMaxLength} characters or fewer.")
            .Matches("^[A-Za-z0-9 /-]*$").WithMessage("A company number has only letters, digits, spaces, '/' and '-'.");
        RuleFor(o => o.CountryCode).Must(Countries.IsKnown)
            .WithMessage("Choose a country (a two-letter ISO code such as GB, NL or US).");
    }
}
