using FluentValidation;

namespace Portal.Domain.Billing;

public sealed class RecordPaymentValidator : AbstractValidator<RecordPayment>
{
    public RecordPaymentValidator()
    {
        RuleFor(p => p.Note).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Say how it was paid (e.g. the bank transfer's reference).");
        RuleFor(p => p.Note).MaximumLength(Invoice.PaymentNoteMaxLength).WithMessage($"A note is {Invoice.PaymentNoteMaxLength} characters or fewer.");
    }
}
