using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

/// <summary>
/// A fulfilment location (a warehouse or a shop's stock room): its address, whether it is in use, its pick positions in
/// walk order and the default position of each SKU. Positions and SKU defaults are parts of it (they move its version).
/// </summary>
[HistoryReaders(Access.LogisticsReadRoles)]
public sealed class Location : IVersioned, IPostalAddress
{
    public const int NameMaxLength = 120;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    public string? Region { get; set; }
    public string Postcode { get; set; } = "";
    public string CountryCode { get; set; } = "GB";
    /// <summary>A disabled location takes no new shipments or handling lists; what is under way there carries on.</summary>
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<LocationPosition> Positions { get; init; } = [];
    public List<SkuDefaultPosition> SkuDefaults { get; init; } = [];
    public long Version { get; set; }

    public LocationPosition AddPosition(string code)
    {
        var normalized = LocationPosition.Normalize(code);
        if (Positions.Any(p => p.Code == normalized))
            throw DomainValidationException.For("code", $"{Name} already has a position {normalized}.");
        var position = new LocationPosition { LocationId = Id, Code = normalized, Sorting = Positions.Count == 0 ? 1 : Positions.Max(p => p.Sorting) + 1 };
        Positions.Add(position);
        return position;
    }

    /// <summary>
    /// The walk order from the full ordered list of codes: every position named exactly once. A code the location does
    /// not have, a missing one or a repeat is refused and nothing moves.
    /// </summary>
    public void Reorder(IReadOnlyList<string> codes)
    {
        var normalized = codes.Select(LocationPosition.Normalize).ToList();
        var known = Positions.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var unknown = normalized.Where(c => !known.Contains(c)).Distinct().ToList();
        if (unknown.Count > 0)
            throw DomainValidationException.For("codes", $"{Name} has no position {string.Join(", ", unknown)}; reorder only its own positions.");
        var repeated = normalized.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            throw DomainValidationException.For("codes", $"Name each position once; {string.Join(", ", repeated)} came more than once.");
        var missing = known.Except(normalized).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw DomainValidationException.For("codes", $"Send every position of {Name} in the new order; missing: {string.Join(", ", missing)}.");
        for (var i = 0; i < normalized.Count; i++) Positions.Single(p => p.Code == normalized[i]).Sorting = i + 1;
    }

    /// <summary>Sets (or moves) the default position of a SKU; the position must be one of the location's.</summary>
    public SkuDefaultPosition SetSkuDefault(string sku, string positionCode)
    {
        var code = LocationPosition.Normalize(positionCode);
        if (Positions.All(p => p.Code != code))
            throw DomainValidationException.For("position", $"{Name} has no position {code}.");
        var normalizedSku = ShipmentLine.NormalizeSku(sku);
        var existing = SkuDefaults.FirstOrDefault(d => d.Sku == normalizedSku);
        if (existing is not null) { existing.Position = code; return existing; }
        var added = new SkuDefaultPosition { LocationId = Id, Sku = normalizedSku, Position = code };
        SkuDefaults.Add(added);
        return added;
    }
}

/// <summary>A place to pick from or put away to (<c>A3.32435</c>); <see cref="Sorting"/> is its place in the walk.</summary>
[HistoryReaders(Access.LogisticsReadRoles)]
public sealed class LocationPosition : IAggregatePart
{
    public const int CodeMaxLength = 40;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LocationId { get; init; }
    public required string Code { get; init; }
    public int Sorting { get; set; }
    Guid IFiledUnderAggregate.AggregateId => LocationId;

    /// <summary>Codes compare as scanned: trimmed, upper case.</summary>
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();
}

/// <summary>Where a SKU is normally picked at a location: the position a new shipment line gets when it names none.</summary>
[HistoryReaders(Access.LogisticsReadRoles)]
public sealed class SkuDefaultPosition : IAggregatePart
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LocationId { get; init; }
    public required string Sku { get; init; }
    public required string Position { get; set; }
    Guid IFiledUnderAggregate.AggregateId => LocationId;
}
