using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

public sealed class AddressFieldsValidator : AbstractValidator<AddressFields>
{
    public AddressFieldsValidator()
    {
        RuleFor(a => a.Kind).IsInEnum().WithMessage("Choose whether it is a billing or a shipping address.");
        RuleFor(a => a.Label).MaximumLength(OrganisationAddress.LabelMaxLength)
            .WithMessage($"A label must be {OrganisationAddress.LabelMaxLength} characters or fewer.");
        RuleFor(a => a.Attention).MaximumLength(OrganisationAddress.AttentionMaxLength)
            .WithMessage($"'For the attention of' must be {OrganisationAddress.AttentionMaxLength} characters or fewer.");
        Include(new PostalAddressRules<AddressFields>());
    }
}

public sealed class PhoneNumberFieldsValidator : AbstractValidator<PhoneNumberFields>
{
    public PhoneNumberFieldsValidator()
    {
        RuleFor(p => p.Label).Must(l => !string.IsNullOrWhiteSpace(l)).WithMessage("Enter a label, such as Main, Accounts, Warehouse or Mobile.");
        RuleFor(p => p.Label).MaximumLength(OrganisationPhoneNumber.LabelMaxLength)
            .WithMessage($"A label must be {OrganisationPhoneNumber.LabelMaxLength} characters or fewer.");
        RuleFor(p => p.Number).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the phone number.");
        RuleFor(p => p.Number).MaximumLength(OrganisationPhoneNumber.InputMaxLength)
            .WithMessage($"A phone number must be {OrganisationPhoneNumber.InputMaxLength} characters or fewer.");
        RuleFor(p => p.Number).Must(PhoneNumberFormat.IsValid).When(p => !string.IsNullOrWhiteSpace(p.Number))
            .WithMessage(p => PhoneNumberFormat.Problem(p.Number)!);
    }
}

public sealed class VatNumberFieldsValidator : AbstractValidator<VatNumberFields>
{
    public VatNumberFieldsValidator()
    {
        RuleFor(v => v.CountryCode).Must(VatNumberFormat.IsKnownCountry)
            .WithMessage("Choose the country the VAT number is registered in (GB, XI for Northern Ireland, an EU country, …).");
        RuleFor(v => v.Number).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the VAT number.");
        RuleFor(v => v.Number).MaximumLength(OrganisationVatNumber.InputMaxLength)
            .WithMessage($"A VAT number must be {OrganisationVatNumber.InputMaxLength} characters or fewer.");
        RuleFor(v => v.Number).Must(HaveTheCountrysFormat).When(v => !string.IsNullOrWhiteSpace(v.Number))
            .WithMessage(v => VatNumberFormat.Problem(v.CountryCode, v.Number)!);
    }

    private static bool HaveTheCountrysFormat(VatNumberFields v, string? number) => VatNumberFormat.Problem(v.CountryCode, number) is null;
}

public sealed class VatCheckValidator : AbstractValidator<VatCheck>
{
    public VatCheckValidator()
    {
        RuleFor(c => c.Result).Must(r => r is VatState.Valid or VatState.Invalid)
            .WithMessage("Record what the check said: Valid or Invalid.");
        RuleFor(c => c.RegisteredName).MaximumLength(OrganisationVatNumber.RegisteredNameMaxLength)
            .WithMessage($"A registered name must be {OrganisationVatNumber.RegisteredNameMaxLength} characters or fewer.");
    }
}
