using FluentValidation;

namespace Portal.Domain.Billing;

public sealed class SubscriptionItemsFieldsValidator : AbstractValidator<SubscriptionItemsFields>
{
    public SubscriptionItemsFieldsValidator()
    {
        RuleFor(s => s.PlanCode).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Choose a plan.");
        RuleFor(s => s.PlanCode).MaximumLength(Plan.CodeMaxLength).WithMessage($"A plan code is {Plan.CodeMaxLength} characters or fewer.");
        RuleFor(s => s.Quantity).InclusiveBetween(1, Subscription.MaxQuantity).WithMessage($"The quantity is 1 to {Subscription.MaxQuantity:N0} licences.");
        RuleFor(s => s.AddOns).Must(a => a.Count <= 20).WithMessage("At most 20 add-ons.");
        RuleFor(s => s.AddOns).Must(a => a.Select(x => x.Code.Trim().ToLowerInvariant()).Distinct().Count() == a.Count).WithMessage("Name each add-on once.");
        RuleForEach(s => s.AddOns).ChildRules(a =>
        {
            a.RuleFor(x => x.Code).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Choose the add-on.");
            a.RuleFor(x => x.Quantity).InclusiveBetween(1, Subscription.MaxQuantity).WithMessage($"An add-on's quantity is 1 to {Subscription.MaxQuantity:N0}.");
        });
    }
}

public sealed class ReportUsageValidator : AbstractValidator<ReportUsage>
{
    public ReportUsageValidator()
    {
        RuleFor(u => u.Quantity).InclusiveBetween(1, 1_000_000_000).WithMessage("Report a usage quantity of 1 or more.");
        RuleFor(u => u.IdempotencyKey).Must(k => !string.IsNullOrWhiteSpace(k)).WithMessage("Send an idempotency key, so a retried report counts once.");
        RuleFor(u => u.IdempotencyKey).MaximumLength(UsageRecord.IdempotencyKeyMaxLength).WithMessage($"An idempotency key is {UsageRecord.IdempotencyKeyMaxLength} characters or fewer.");
    }
}
