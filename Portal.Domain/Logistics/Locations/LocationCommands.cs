using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

public sealed record LocationQuery : ListQuery
{
    /// <summary>Only enabled (false) or only disabled (true) locations.</summary>
    public bool? Disabled { get; init; }
    public string? Country { get; init; }
}

public sealed record LocationRow(
    Guid Id, string Name, string Line1, string? Line2, string City, string? Region, string Postcode, string CountryCode,
    bool IsDisabled, int PositionCount, DateTimeOffset CreatedAt, long Version);

public sealed record PositionRow(Guid Id, string Code, int Sorting);

public sealed record SkuDefaultRow(Guid Id, string Sku, string Position);

public sealed record LocationDetails(LocationRow Location, IReadOnlyList<PositionRow> Positions, IReadOnlyList<SkuDefaultRow> SkuDefaults);

/// <summary>The fields of a location; creating and editing share them.</summary>
public sealed class LocationFields : IPostalAddress
{
    public string Name { get; set; } = "";
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    public string? Region { get; set; }
    public string Postcode { get; set; } = "";
    public string CountryCode { get; set; } = "GB";
    public bool IsDisabled { get; set; }
    /// <summary>Editing only: the version read.</summary>
    public long? Version { get; set; }
}

public sealed class AddPosition
{
    public string Code { get; set; } = "";
}

/// <summary>The full walk order: every position code of the location, first to last.</summary>
public sealed class ReorderPositions
{
    public List<string> Codes { get; set; } = [];
}

public sealed class SetSkuDefaults
{
    public List<SkuDefault> Items { get; set; } = [];
}

public sealed record SkuDefault(string Sku, string Position);
