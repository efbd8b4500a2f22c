using FluentValidation;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Domain.Organisations;

/// <summary>Sets or replaces an organisation's advance-pay bank details; sort code and account number as people type them.</summary>
public sealed class SetBankDetails
{
    public string AccountHolderName { get; set; } = "";
    public string? BankName { get; set; }
    /// <summary>"12-34-56", "12 34 56" or "123456".</summary>
    public string SortCode { get; set; } = "";
    /// <summary>8 to 18 digits; spaces and dashes are ignored.</summary>
    public string AccountNumber { get; set; } = "";
    /// <summary>The organisation's version the change is based on.</summary>
    public long Version { get; set; }
}

/// <summary>Bank details as everyone who may read the organisation sees them: sort code and account number masked.</summary>
public sealed record MaskedBankDetails(
    string AccountHolderName, string? BankName, string SortCode, string AccountNumber, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>The Billing details tab: where invoices go and how the organisation pays in advance; <see cref="Version"/> is the organisation's.</summary>
public sealed record BillingDetails(Guid OrganisationId, string BillingEmail, MaskedBankDetails? BankDetails, long Version);

/// <summary>The full values, for an Admin only; every reveal is audited.</summary>
public sealed record RevealedBankDetails(string AccountHolderName, string? BankName, string SortCode, string AccountNumber);

/// <summary>Encrypts bank details with ASP.NET Core Data Protection; the key ring lives in the database.</summary>
public sealed class BankDetailsProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Portal.Organisations.BankDetails.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);
}

public sealed class SetBankDetailsValidator : AbstractValidator<SetBankDetails>
{
    public SetBankDetailsValidator()
    {
        RuleFor(c => c.AccountHolderName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the account holder's name, as the bank has it.");
        RuleFor(c => c.AccountHolderName).MaximumLength(OrganisationBankDetails.AccountHolderNameMaxLength)
            .WithMessage($"An account holder's name must be {OrganisationBankDetails.AccountHolderNameMaxLength} characters or fewer.");
        RuleFor(c => c.BankName).MaximumLength(OrganisationBankDetails.BankNameMaxLength)
            .WithMessage($"A bank name must be {OrganisationBankDetails.BankNameMaxLength} characters or fewer.");
        RuleFor(c => c.SortCode).Must(BankDetailsFormat.IsSortCode).WithMessage("Enter a sort code of 6 digits, like 12-34-56.");
        RuleFor(c => c.AccountNumber).Must(BankDetailsFormat.IsAccountNumber).WithMessage("Enter an account number of 8 to 18 digits, like 12345678.");
        RuleFor(c => c.Version).GreaterThan(0).WithMessage("Send the version you read (it comes with the organisation).");
    }
}
