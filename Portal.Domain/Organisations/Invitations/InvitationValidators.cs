using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

public sealed class CreateInvitationValidator : AbstractValidator<CreateInvitation>
{
    public CreateInvitationValidator()
    {
        RuleFor(m => m.Email).ValidEmail(Organisation.EmailMaxLength);
        RuleFor(m => m.GivenName).MaximumLength(OrganisationMember.NameMaxLength)
            .WithMessage($"A first name must be {OrganisationMember.NameMaxLength} characters or fewer.");
        RuleFor(m => m.FamilyName).MaximumLength(OrganisationMember.NameMaxLength)
            .WithMessage($"A last name must be {OrganisationMember.NameMaxLength} characters or fewer.");
        RuleFor(m => m.Role).Must(r => r is MemberRole.Admin or MemberRole.Member)
            .WithMessage("Invite as Admin or Member; make someone the owner once they have joined.");
    }
}

public sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitation>
{
    public AcceptInvitationValidator()
    {
        RuleFor(a => a.GivenName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter your first name.");
        RuleFor(a => a.GivenName).MaximumLength(OrganisationMember.NameMaxLength)
            .WithMessage($"Your first name must be {OrganisationMember.NameMaxLength} characters or fewer.");
        RuleFor(a => a.FamilyName).MaximumLength(OrganisationMember.NameMaxLength)
            .WithMessage($"Your last name must be {OrganisationMember.NameMaxLength} characters or fewer.");
    }
}
