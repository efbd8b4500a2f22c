using Portal.Domain.Common;

namespace Portal.Domain.Pricing;

public sealed record PricingGroupQuery : ListQuery
{
    /// <summary>Only enabled (false) or only disabled (true) groups.</summary>
    public bool? Disabled { get; init; }
    public string? Currency { get; init; }
}

public sealed record PricingGroupRow(
    Guid Id, string Name, string Currency, bool IncludesVat, IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, int PriceCount, int OrganisationCount, long Version);

/// <summary>A group to choose for an organisation (enabled ones only).</summary>
public sealed record PricingGroupOption(Guid Id, string Name, string Currency, bool IncludesVat, bool Disabled = false);

public sealed class CreatePricingGroup
{
    public string Name { get; set; } = "";
    public string Currency { get; set; } = Currencies.EUR;
    public bool IncludesVat { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
}

/// <summary>Name and metadata. Currency and VAT mode are fixed: sending them different from the group's is a 409.</summary>
public sealed class UpdatePricingGroup
{
    public string Name { get; set; } = "";
    public Dictionary<string, string> Metadata { get; set; } = [];
    public string? Currency { get; set; }
    public bool? IncludesVat { get; set; }
    /// <summary>The version read (forms); the API sends If-Match.</summary>
    public long? Version { get; set; }
}

public sealed class AssignPricingGroup
{
    /// <summary>The group (an enabled one). Taking an organisation out of every group is its own action.</summary>
    public Guid? PricingGroupId { get; set; }
}
