using FluentValidation;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Domain.Organisations;

/// <summary>Sets or replaces an organisation's advance-pay bank details; sort code and account number as people type them.</summary>
public sealed class UpdateBankDetails
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
