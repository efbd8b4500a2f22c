using FluentValidation;

namespace Portal.Domain.Billing;

public sealed class PaymentMethodFieldsValidator : AbstractValidator<PaymentMethodFields>
{
    public PaymentMethodFieldsValidator()
    {
        RuleFor(p => p.Brand).IsInEnum().WithMessage("Choose the card's brand.");
        RuleFor(p => p.Last4).Must(NotBeACardNumber)
            .WithMessage("Enter only the last four digits. A full card number is never accepted or stored.");
        RuleFor(p => p.Last4).Matches("^[0-9]{4}$").When(p => NotBeACardNumber(p.Last4)).WithMessage("Enter the card's last four digits.");
        RuleFor(p => p.ExpMonth).InclusiveBetween(1, 12).WithMessage("The expiry month is 1 to 12.");
        RuleFor(p => p.ExpYear).InclusiveBetween(2000, 2100).WithMessage("Enter the expiry year in four digits.");
        RuleFor(p => p.HolderName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the name on the card.");
        RuleFor(p => p.HolderName).MaximumLength(PaymentMethod.HolderNameMaxLength).WithMessage($"A name must be {PaymentMethod.HolderNameMaxLength} characters or fewer.");
    }

    /// <summary>Twelve digits or more (spaces and dashes ignored) is a card number, not its last four.</summary>
    public static bool NotBeACardNumber(string? text) => (text ?? "").Count(char.IsAsciiDigit) < 12;
}
