using System.Text.Json.Serialization;
using Portal.Domain.Common;

namespace Portal.Domain.Billing;

public enum PlanInterval
{
    [JsonStringEnumMemberName("month")] Month,
    [JsonStringEnumMemberName("year")] Year,
}

/// <summary>A base plan is subscribed to; an add-on is bought with a base plan that offers it.</summary>
public enum PlanKind
{
    [JsonStringEnumMemberName("base")] Base,
    [JsonStringEnumMemberName("add_on")] AddOn,
}

/// <summary>
/// A plan of the catalogue: a licence price per interval (times the subscription's quantity), optional usage pricing in
/// graduated tiers, trial days, the modules it switches on and the add-ons offered with it. Its price, currency,
/// interval and tiers are fixed once a subscription uses it (a new price is a new plan, as in Stripe), so every invoice
/// can be derived again from its subscription's history; a plan in use is archived, never deleted.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class Plan : IVersioned
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 1000;
    public const int UsageUnitMaxLength = 40;
    public const int MaxTrialDays = 365;
    public const int MaxTiers = 10;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public PlanKind Kind { get; set; }
    public PlanInterval Interval { get; set; }
    /// <summary>The licence price of one unit of quantity for one interval.</summary>
    public Money Price { get; set; }
    /// <summary>What usage is counted in ("API calls"); null when the plan has no usage pricing.</summary>
    public string? UsageUnit { get; set; }
    public List<PlanTier> Tiers { get; init; } = [];
    public int TrialDays { get; set; }
    /// <summary>Module catalogue ids (<c>trading</c>) a subscription to the plan switches on while it entitles the organisation.</summary>
    public List<string> ModuleIds { get; set; } = [];
    /// <summary>The add-on plans that can be bought with this one.</summary>
    public List<Guid> AddOnIds { get; set; } = [];
    public bool IsArchived { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public long Version { get; set; }

    public string Currency => Price.Currency;

    /// <summary>The end of the interval that starts at <paramref name="start"/> (a month or a year later, same time of day).</summary>
    public DateTimeOffset PeriodEnd(DateTimeOffset start) => Interval == PlanInterval.Month ? start.AddMonths(1) : start.AddYears(1);

    public void Archive()
    {
        if (IsArchived) throw new ConflictException("plan.archived", $"{Name} is already archived.");
        IsArchived = true;
    }

    public void Restore()
    {
        if (!IsArchived) throw new ConflictException("plan.not_archived", $"{Name} is not archived.");
        IsArchived = false;
    }

    /// <summary>Replaces the usage tiers (bounds ascending, the last one open).</summary>
    public void SetTiers(IEnumerable<PlanTierFields> tiers)
    {
        Tiers.Clear();
        var sorting = 0;
        foreach (var t in tiers)
            Tiers.Add(new PlanTier { PlanId = Id, Sorting = ++sorting, UpTo = t.UpTo, UnitAmountMinor = t.UnitAmountMinor, FlatAmountMinor = t.FlatAmountMinor });
    }
}

/// <summary>
/// One graduated usage tier (Stripe's <c>up_to</c>, <c>unit_amount</c>, <c>flat_amount</c>): the units from the previous
/// tier's bound up to <see cref="UpTo"/> cost <see cref="UnitAmountMinor"/> each, plus <see cref="FlatAmountMinor"/> once
/// when any unit falls in the tier. The last tier has no bound.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class PlanTier : IAggregatePart
{
    Guid IFiledUnderAggregate.AggregateId => PlanId;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PlanId { get; init; }
    public int Sorting { get; init; }
    public long? UpTo { get; init; }
    public long UnitAmountMinor { get; init; }
    public long FlatAmountMinor { get; init; }
}
