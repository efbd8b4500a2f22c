using Portal.Domain.Common;

namespace Portal.Domain.Pricing;

/// <summary>
/// A named price list with one currency and one VAT mode (both fixed once created: every price of the group is read
/// by them). Disabling keeps every price and its history; a disabled group takes no new prices and no organisations,
/// and an Admin can enable it again. Prices are filed under the group (its History) but are not parts of it: a price
/// is never edited, and scheduling or importing prices touches <see cref="PricesChangedAt"/>, so the group's version
/// moves and two imports from the same preview cannot both apply.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class PricingGroup : IVersioned
{
    public const int NameMaxLength = 120;
    public const int MetadataKeyMaxLength = 60;
    public const int MetadataValueMaxLength = 500;
    public const int MetadataMaxEntries = 30;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>ISO 4217; set on create only.</summary>
    public required string Currency { get; init; }
    /// <summary>Prices are gross (VAT included) rather than net; set on create only.</summary>
    public bool IncludesVat { get; init; }
    public Dictionary<string, string> Metadata { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DisabledAt { get; private set; }
    /// <summary>When a price was last scheduled, cancelled or imported (moves the version).</summary>
    [NotAudited] public DateTimeOffset? PricesChangedAt { get; set; }
    public long Version { get; set; }

    public bool IsDisabled => DisabledAt is not null;

    public void Disable(DateTimeOffset now)
    {
        if (DisabledAt is not null) throw new ConflictException("pricing_group.disabled", $"{Name} is already disabled.");
        DisabledAt = now;
    }

    public void Enable()
    {
        if (DisabledAt is null) throw new ConflictException("pricing_group.enabled", $"{Name} is not disabled.");
        DisabledAt = null;
    }

    /// <summary>New prices (one or an import) only go into an enabled group.</summary>
    public void EnsureTakesPrices()
    {
        if (DisabledAt is not null)
            throw new ConflictException("pricing_group.disabled", $"{Name} is disabled: it takes no new prices. An Admin can enable it again.");
    }
}
