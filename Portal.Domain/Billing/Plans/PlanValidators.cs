using FluentValidation;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Domain.Billing;

public sealed class PlanFieldsValidator : AbstractValidator<PlanFields>
{
    /// <summary>The most a price or tier amount may be, in minor units: far from any overflow when multiplied by a quantity.</summary>
    public const long MaxAmount = 100_000_000;

    public PlanFieldsValidator()
    {
        RuleFor(p => p.Code).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Enter the plan's code (e.g. growth-monthly).");
        RuleFor(p => p.Code).MaximumLength(Plan.CodeMaxLength).WithMessage($"A code must be {Plan.CodeMaxLength} characters or fewer.");
        RuleFor(p => p.Code).Matches("^[A-Za-z0-9._-]*$").WithMessage("A code has only letters, digits and . _ -.");
        RuleFor(p => p.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the plan's name.");
        RuleFor(p => p.Name).MaximumLength(Plan.NameMaxLength).WithMessage($"A name must be {Plan.NameMaxLength} characters or fewer.");
        RuleFor(p => p.Description).MaximumLength(Plan.DescriptionMaxLength).WithMessage($"A description must be {Plan.DescriptionMaxLength} characters or fewer.");
        RuleFor(p => p.Kind).IsInEnum().WithMessage("Choose base or add-on.");
        RuleFor(p => p.Interval).IsInEnum().WithMessage("Choose month or year.");
        RuleFor(p => p.PriceMinor).InclusiveBetween(0, MaxAmount).WithMessage("The price must be zero or more (in minor units), at most 1,000,000.00.");
        RuleFor(p => p.Currency).Must(Currencies.IsKnown).WithMessage("Choose an ISO 4217 currency (GBP, EUR, USD…).");
        RuleFor(p => p.TrialDays).InclusiveBetween(0, Plan.MaxTrialDays).WithMessage($"Trial days are between 0 and {Plan.MaxTrialDays}.");
        RuleFor(p => p.UsageUnit).MaximumLength(Plan.UsageUnitMaxLength).WithMessage($"A usage unit must be {Plan.UsageUnitMaxLength} characters or fewer.");
        RuleFor(p => p.UsageUnit).Must(u => !string.IsNullOrWhiteSpace(u)).When(p => p.Tiers.Count > 0).WithMessage("Name the unit usage is counted in (e.g. API calls).");
        RuleFor(p => p.Tiers).Must(t => t.Count <= Plan.MaxTiers).WithMessage($"A plan has at most {Plan.MaxTiers} usage tiers.");
        RuleFor(p => p.Tiers).Must(HaveAscendingBoundsAndAnOpenLastTier).When(p => p.Tiers.Count > 0)
            .WithMessage("Tier bounds must rise, and only the last tier is open (no up to).");
        RuleForEach(p => p.Tiers).ChildRules(t =>
        {
            t.RuleFor(x => x.UnitAmountMinor).InclusiveBetween(0, MaxAmount).WithMessage("A unit amount is zero or more, at most 1,000,000.00.");
            t.RuleFor(x => x.FlatAmountMinor).InclusiveBetween(0, MaxAmount).WithMessage("A flat amount is zero or more, at most 1,000,000.00.");
            t.RuleFor(x => x.UpTo).InclusiveBetween(1, 1_000_000_000_000).When(x => x.UpTo is not null).WithMessage("A tier's bound is 1 to 1,000,000,000,000 units.");
        });
        RuleFor(p => p.ModuleIds).Must(m => m.Count <= 20).WithMessage("At most 20 modules.");
        RuleFor(p => p.AddOnCodes).Must(m => m.Count <= 20).WithMessage("At most 20 add-ons.");
        RuleForEach(p => p.AddOnCodes).Must(c => !string.IsNullOrWhiteSpace(c) && c.Length <= Plan.CodeMaxLength).WithMessage("An add-on code is 1 to 40 characters.");
        RuleForEach(p => p.ModuleIds).Must(m => ModuleCatalogue.Find(m) is not null).WithMessage($"A module is one of: {ModuleCatalogue.Ids}.");
        RuleFor(p => p.AddOnCodes).Empty().When(p => p.Kind == PlanKind.AddOn).WithMessage("An add-on cannot offer add-ons itself.");
    }

    private static bool HaveAscendingBoundsAndAnOpenLastTier(List<PlanTierFields> tiers)
    {
        for (var i = 0; i < tiers.Count; i++)
        {
            var last = i == tiers.Count - 1;
            if (last != tiers[i].UpTo is null) return false;
            if (!last && (tiers[i].UpTo <= 0 || (i > 0 && tiers[i].UpTo <= tiers[i - 1].UpTo))) return false;
        }
        return true;
    }
}
