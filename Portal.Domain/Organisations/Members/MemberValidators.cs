using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

public sealed class CreateMemberValidator : AbstractValidator<CreateMember>
{
    public CreateMemberValidator()
    {
        RuleFor(m => m.Email).ValidEmail(Organisation.EmailMaxLength);
        RuleFor(m => m.GivenName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter a first name.")
            .MaximumLength(OrganisationMember.NameMaxLength).WithMessage($"A first name must be {OrganisationMember.NameMaxLength} characters or fewer.");
        RuleFor(m => m.FamilyName).MaximumLength(OrganisationMember.NameMaxLength)
            .WithMessage($"A last name must be {OrganisationMember.NameMaxLength} characters or fewer.");
        RuleFor(m => m.Role).IsInEnum().WithMessage("Role must be Owner, Admin or Member.");
    }
}
