using FluentValidation;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Domain.BusinessConnections;

public sealed class CheckConnectionValidator : AbstractValidator<CheckConnection>
{
    public CheckConnectionValidator()
    {
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the organisation's name.");
        RuleFor(c => c.Name).MaximumLength(Organisation.NameMaxLength).WithMessage($"A name must be {Organisation.NameMaxLength} characters or fewer.");
        RuleFor(c => c.CompanyNumber).MaximumLength(Organisation.CompanyNumberMaxLength).WithMessage($"A company number must be {Organisation.CompanyNumberMaxLength} characters or fewer.");
        RuleFor(c => c.CountryCode).Must(Countries.IsKnown).WithMessage("Choose a country (a two-letter ISO code such as GB).");
        RuleFor(c => c.Contacts).NotEmpty().WithMessage("Add at least one contact of the organisation.");
        RuleFor(c => c.Contacts).Must(c => c.Count <= 20).WithMessage("Add at most 20 contacts at once.");
        RuleFor(c => c.Contacts).Must(c => c.Select(x => x.Email.Trim().ToLowerInvariant()).Distinct().Count() == c.Count)
            .WithMessage("Give each contact's email once.");
        RuleForEach(c => c.Contacts).ChildRules(x =>
        {
            x.RuleFor(p => p.GivenName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the contact's given name.")
                .MaximumLength(OrganisationMember.NameMaxLength).WithMessage($"A name must be {OrganisationMember.NameMaxLength} characters or fewer.");
            x.RuleFor(p => p.FamilyName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the contact's family name.")
                .MaximumLength(OrganisationMember.NameMaxLength).WithMessage($"A name must be {OrganisationMember.NameMaxLength} characters or fewer.");
            x.RuleFor(p => p.Email).ValidEmail(Organisation.EmailMaxLength);
        });
    }
}

public sealed class CreateBusinessConnectionValidator : AbstractValidator<CreateBusinessConnection>
{
    public CreateBusinessConnectionValidator()
    {
        RuleFor(c => c.FromOrganisationId).NotEmpty().WithMessage("Choose the organisation the connection is from.");
        RuleFor(c => c.ToOrganisationId).NotNull().When(c => c.NewOrganisation is null)
            .WithMessage("Choose the organisation to connect, or give a new one.");
        RuleFor(c => c.NewOrganisation).Null().When(c => c.ToOrganisationId is not null)
            .WithMessage("Connect an existing organisation or a new one, not both.");
        RuleFor(c => c.ToOrganisationId).NotEqual(c => c.FromOrganisationId).When(c => c.ToOrganisationId is not null)
            .WithMessage("An organisation cannot be connected to itself.");
        RuleFor(c => c.NewOrganisation!).SetValidator(new CheckConnectionValidator()).When(c => c.NewOrganisation is not null);
        RuleFor(c => c.Relationships).NotEmpty().WithMessage("Choose at least one relationship.");
        RuleFor(c => c.Relationships).Must(r => r.Distinct().Count() == r.Count).WithMessage("Name each relationship once.");
        RuleForEach(c => c.Relationships).IsInEnum().WithMessage("A relationship is Trading, Storage, Carrier or Organiser.");
        RuleFor(c => c.Notes).MaximumLength(BusinessConnection.NotesMaxLength).WithMessage($"Notes must be {BusinessConnection.NotesMaxLength} characters or fewer.");
        RuleFor(c => c.ContactMemberIds).Must(m => m.Distinct().Count() == m.Count).WithMessage("Name each contact once.");
        RuleFor(c => c.ContactMemberIds).Empty().When(c => c.NewOrganisation is not null)
            .WithMessage("A new organisation's contacts are given with it.");
    }
}

public sealed class UpdateBusinessConnectionValidator : AbstractValidator<UpdateBusinessConnection>
{
    public UpdateBusinessConnectionValidator()
    {
        RuleFor(c => c.Notes).MaximumLength(BusinessConnection.NotesMaxLength).WithMessage($"Notes must be {BusinessConnection.NotesMaxLength} characters or fewer.");
        RuleFor(c => c.Version).GreaterThan(0).When(c => c.Version is not null).WithMessage("Send the version you read (from 1).");
    }
}

public sealed class AddRelationshipValidator : AbstractValidator<AddRelationship>
{
    public AddRelationshipValidator()
    {
        RuleFor(r => r.Relationship).IsInEnum().WithMessage("A relationship is Trading, Storage, Carrier or Organiser.");
    }
}

public sealed class ConnectContactValidator : AbstractValidator<ConnectContact>
{
    public ConnectContactValidator()
    {
        RuleFor(c => c.MemberId).NotEmpty().WithMessage("Choose a member of the connected organisation.");
    }
}
