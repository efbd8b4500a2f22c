using FluentValidation;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Domain.Organisations;

public sealed class UpdateBankDetailsValidator : AbstractValidator<UpdateBankDetails>
{
    public UpdateBankDetailsValidator()
    {
        RuleFor(c => c.AccountHolderName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the account holder's name, as the bank has it.");
        RuleFor(c => c.AccountHolderName).MaximumLength(OrganisationBankDetails.AccountHolderNameMaxLength)
            .WithMessage($"An account holder's name must be {OrganisationBankDetails.AccountHolderNameMaxLength} characters or fewer.");
        RuleFor(c => c.BankName).MaximumLength(OrganisationBankDetails.BankNameMaxLength)
            .WithMessage($"A bank name must be {OrganisationBankDetails.BankNameMaxLength} characters or fewer.");
        RuleFor(c => c.SortCode).Must(BankDetailsFormat.IsSortCode).WithMessage("Enter a sort code of 6 digits, like 12-34-56.");
        RuleFor(c => c.AccountNumber).Must(BankDetailsFormat.IsAccountNumber).WithMessage("Enter an account number of 8 to 18 digits, like 12345678.");
        RuleFor(c => c.Version).Must(Common.VersionedExtensions.IsVersionSent).WithMessage("Send the version you read (it comes with the organisation).");
    }
}
