using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Pricing;

internal static class PricingGroupRules
{
    public static void Name<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string>> name)
    {
        v.RuleFor(name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the group's name.");
        v.RuleFor(name).MaximumLength(PricingGroup.NameMaxLength).WithMessage($"A name must be {PricingGroup.NameMaxLength} characters or fewer.");
    }

    public static void Metadata<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, Dictionary<string, string>>> metadata)
    {
        v.RuleFor(metadata).Must(m => m is null || m.Count <= PricingGroup.MetadataMaxEntries)
            .WithMessage($"A group has at most {PricingGroup.MetadataMaxEntries} metadata entries.");
        v.RuleFor(metadata).Must(m => m is null || m.Keys.All(k => !string.IsNullOrWhiteSpace(k) && k.Length <= PricingGroup.MetadataKeyMaxLength))
            .WithMessage($"A metadata key is 1 to {PricingGroup.MetadataKeyMaxLength} characters.");
        v.RuleFor(metadata).Must(m => m is null || m.Values.All(x => x is not null && x.Length <= PricingGroup.MetadataValueMaxLength))
            .WithMessage($"A metadata value is {PricingGroup.MetadataValueMaxLength} characters or fewer.");
    }
}

public sealed class CreatePricingGroupValidator : AbstractValidator<CreatePricingGroup>
{
    public CreatePricingGroupValidator()
    {
        PricingGroupRules.Name(this, g => g.Name);
        RuleFor(g => g.Currency).Must(c => Currencies.Normalise(c) is not null).WithMessage("Choose an ISO 4217 currency (EUR, GBP, USD…).");
        PricingGroupRules.Metadata(this, g => g.Metadata);
    }
}

public sealed class UpdatePricingGroupValidator : AbstractValidator<UpdatePricingGroup>
{
    public UpdatePricingGroupValidator()
    {
        PricingGroupRules.Name(this, g => g.Name);
        PricingGroupRules.Metadata(this, g => g.Metadata);
    }
}

public sealed class SchedulePriceValidator : AbstractValidator<SchedulePrice>
{
    public SchedulePriceValidator()
    {
        RuleFor(p => p.Sku).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Enter the SKU.");
        RuleFor(p => p.Sku).MaximumLength(Price.SkuMaxLength).WithMessage($"A SKU must be {Price.SkuMaxLength} characters or fewer.");
        RuleFor(p => p.Amount).GreaterThanOrEqualTo(0).WithMessage("An amount cannot be negative.");
        RuleFor(p => p.OriginalAmount).Must((p, o) => o is null || o >= p.Amount)
            .WithMessage("The original (\"was\") amount cannot be below the amount.");
        RuleFor(p => p.Vat).Must(v => v is null || v.Count <= 60).WithMessage("A price has at most 60 VAT rates.");
        RuleFor(p => p.Vat).Must(v => v is null || v.GroupBy(r => (r.Country?.Trim().ToUpperInvariant(), r.Region?.Trim().ToUpperInvariant() ?? "")).All(g => g.Count() == 1))
            .WithMessage("Give each country (and region) one VAT rate.");
        RuleForEach(p => p.Vat).Must(r => r is not null && VatRates.ProblemOf(r) is null)
            .WithMessage((_, r) => r is null ? "A VAT rate is missing." : VatRates.ProblemOf(r)!);
    }
}

public sealed class AssignPricingGroupValidator : AbstractValidator<AssignPricingGroup>
{
    public AssignPricingGroupValidator()
    {
        RuleFor(a => a.PricingGroupId).NotNull().WithMessage("Choose the pricing group.");
    }
}
