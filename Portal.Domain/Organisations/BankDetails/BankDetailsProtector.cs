using FluentValidation;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Domain.Organisations;

/// <summary>Encrypts bank details with ASP.NET Core Data Protection; the key ring lives in the database.</summary>
public sealed class BankDetailsProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Portal.Organisations.BankDetails.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);
}
