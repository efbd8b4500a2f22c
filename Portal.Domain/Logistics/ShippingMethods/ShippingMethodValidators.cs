using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

public sealed class ShippingMethodFieldsValidator : AbstractValidator<ShippingMethodFields>
{
    public ShippingMethodFieldsValidator()
    {
        RuleFor(m => m.Carrier).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Enter the carrier (e.g. dpd).")
            .MaximumLength(ShippingMethod.CarrierMaxLength).WithMessage($"A carrier must be {ShippingMethod.CarrierMaxLength} characters or fewer.")
            .Matches("^[A-Za-z0-9_-]*$").WithMessage("A carrier is one word of letters, digits, '-' or '_' (e.g. royal-mail).");
        RuleFor(m => m.Service).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Enter the carrier's service (e.g. next-day).")
            .MaximumLength(ShippingMethod.ServiceMaxLength).WithMessage($"A service must be {ShippingMethod.ServiceMaxLength} characters or fewer.");
        RuleFor(m => m.Name).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Enter the name staff see.")
            .MaximumLength(ShippingMethod.NameMaxLength).WithMessage($"A name must be {ShippingMethod.NameMaxLength} characters or fewer.");
        RuleForEach(m => m.Countries).Must(c => Countries.IsKnown(c?.Trim().ToUpperInvariant()))
            .WithMessage((_, c) => $"'{c}' is not a country code (use two letters such as GB or NL).");
        RuleFor(m => m.MaxWeightGrams).InclusiveBetween(1, 1_000_000).When(m => m.MaxWeightGrams is not null)
            .WithMessage("A maximum weight is between 1 g and 1,000 kg (in grams).");
    }
}
