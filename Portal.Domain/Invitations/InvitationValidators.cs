using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Invitations;

public sealed class InvitationFieldsValidator : AbstractValidator<InvitationFields>
{
    public InvitationFieldsValidator()
    {
        RuleFor(m => m.Type).Must(t => t is InvitationKind.Joint or InvitationKind.AuthorizedSigner)
            .WithMessage("Choose joint owner or authorized signer; member invitations are sent from the organisation's Members tab.");
        RuleFor(m => m.FirstName).MustBeName("first name");
        RuleFor(m => m.LastName).MustBeName("last name");
        RuleFor(m => m.EmailAddress).ValidEmail(Invitation.EmailMaxLength);
        RuleFor(m => m.Identification).MustBeIdentification();
        RuleFor(m => m.SharedSecret).MustBeSharedSecret();
        RuleFor(m => m.InviterFullName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the inviter's full name.")
            .MaximumLength(Invitation.InviterMaxLength).WithMessage($"The inviter's name must be {Invitation.InviterMaxLength} characters or fewer.");
        When(m => m.Type == InvitationKind.Joint, () =>
        {
            RuleFor(m => m.AccountUri).Must(BeAbsoluteUri).WithMessage("Enter the account's address, an absolute URI such as https://bank.example/accounts/123.")
                .MaximumLength(Invitation.AccountUriMaxLength).WithMessage($"An account address must be {Invitation.AccountUriMaxLength} characters or fewer.");
            RuleFor(m => m.OrganisationId).Null().WithMessage("A joint-owner invitation is to an account, not an organisation.");
        });
        When(m => m.Type == InvitationKind.AuthorizedSigner, () =>
        {
            RuleFor(m => m.OrganisationId).NotNull().WithMessage("Choose the organisation.");
            RuleFor(m => m.AccountUri).Must(string.IsNullOrWhiteSpace).WithMessage("An authorized-signer invitation is to an organisation, not an account.");
        });
    }

    private static bool BeAbsoluteUri(string? uri) =>
        Uri.TryCreate(uri?.Trim(), UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http";
}

public sealed class UpdateInvitationValidator : AbstractValidator<UpdateInvitation>
{
    public UpdateInvitationValidator()
    {
        When(m => !m.NamesOptional, () =>
        {
            RuleFor(m => m.FirstName).MustBeName("first name");
            RuleFor(m => m.LastName).MustBeName("last name");
        });
        RuleFor(m => m.EmailAddress).ValidEmail(Invitation.EmailMaxLength);
        RuleFor(m => m.Identification!).MustBeIdentification().When(m => !string.IsNullOrEmpty(m.Identification));
        RuleFor(m => m.SharedSecret!).MustBeSharedSecret().When(m => !string.IsNullOrEmpty(m.SharedSecret));
        RuleFor(m => m.InviterFullName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the inviter's full name.")
            .MaximumLength(Invitation.InviterMaxLength).WithMessage($"The inviter's name must be {Invitation.InviterMaxLength} characters or fewer.");
    }
}

public sealed class VerifyInvitationValidator : AbstractValidator<VerifyInvitation>
{
    public VerifyInvitationValidator()
    {
        RuleFor(m => m.FirstName).MustBeName("first name");
        RuleFor(m => m.LastName).MustBeName("last name");
        RuleFor(m => m.Identification).MustBeIdentification();
        RuleFor(m => m.SharedSecret).MustBeSharedSecret();
    }
}

internal static class InvitationRules
{
    public static IRuleBuilderOptions<T, string> MustBeName<T>(this IRuleBuilder<T, string> rule, string what) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage($"Enter the {what}.")
            .MaximumLength(Invitation.NameMaxLength).WithMessage($"The {what} must be {Invitation.NameMaxLength} characters or fewer.");

    public static IRuleBuilderOptions<T, string> MustBeIdentification<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(i => i is not null && System.Text.RegularExpressions.Regex.IsMatch(i.Trim(), "^[0-9]{4}$"))
            .WithMessage("Enter exactly 4 digits: the last four of the government ID.");

    public static IRuleBuilderOptions<T, string> MustBeSharedSecret<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(s => s is not null && InvitationSecrets.NormalizeSecret(s).Length >= Invitation.SecretMinLength)
            .WithMessage($"The shared secret must be at least {Invitation.SecretMinLength} characters.")
            .MaximumLength(Invitation.SecretMaxLength).WithMessage($"The shared secret must be {Invitation.SecretMaxLength} characters or fewer.");
}
