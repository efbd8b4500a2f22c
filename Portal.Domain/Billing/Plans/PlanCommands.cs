using Portal.Domain.Common;

namespace Portal.Domain.Billing;

/// <summary>The plan catalogue's filter (API, page address and CSV export share it).</summary>
public sealed record PlanQuery : ListQuery
{
    /// <summary>Only archived (true) or only offered (false) plans; both when empty.</summary>
    public bool? Archived { get; init; }
    public PlanKind? Kind { get; init; }
    public PlanInterval? Interval { get; init; }
}

public sealed record PlanTierRow(long? UpTo, long UnitAmountMinor, long FlatAmountMinor);

public sealed record PlanRow(
    Guid Id, string Code, string Name, string? Description, PlanKind Kind, PlanInterval Interval, long PriceMinor, string Currency,
    string? UsageUnit, int TrialDays, bool IsArchived, DateTimeOffset CreatedAt, long Version)
{
    public Money Price => new(PriceMinor, Currency);
}

public sealed record PlanDetails(
    PlanRow Plan, IReadOnlyList<PlanTierRow> Tiers, IReadOnlyList<string> ModuleIds, IReadOnlyList<PlanRow> AddOns, int SubscriptionCount);

public sealed class PlanTierFields
{
    /// <summary>The tier's upper bound in units; null for the last, open tier.</summary>
    public long? UpTo { get; set; }
    public long UnitAmountMinor { get; set; }
    public long FlatAmountMinor { get; set; }
}

/// <summary>The fields of a plan; creating and editing share them (price, currency, interval and tiers are fixed once the plan is in use).</summary>
public sealed class PlanFields
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public PlanKind Kind { get; set; } = PlanKind.Base;
    public PlanInterval Interval { get; set; } = PlanInterval.Month;
    public long PriceMinor { get; set; }
    public string Currency { get; set; } = Currencies.GBP;
    public string? UsageUnit { get; set; }
    public List<PlanTierFields> Tiers { get; set; } = [];
    public int TrialDays { get; set; }
    public List<string> ModuleIds { get; set; } = [];
    /// <summary>Codes of the add-on plans offered with this one.</summary>
    public List<string> AddOnCodes { get; set; } = [];
    /// <summary>Editing only: the version read.</summary>
    public long? Version { get; set; }
}
