using Portal.Domain.Common;

namespace Portal.Domain.BusinessConnections;

/// <summary>What a business unit is; chosen at creation and never changed (spec 3.5).</summary>
public enum BusinessUnitType { Farm, Stores, Region }

/// <summary>
/// A farm, a store (grain store) or a region of an organisation, with its one site record folded in: location, contact,
/// tags, assurance scheme, holding number and SQC. Farms and stores may sit under one of the organisation's regions.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class BusinessUnit : IVersioned, IPostalAddress
{
    public const int NameMaxLength = 200;
    public const int What3WordsMaxLength = 80;
    public const int EmailMaxLength = 256;
    public const int TagMaxLength = 50;
    public const int TagsMaxLength = 500;
    public const int SchemeMaxLength = 10;
    public const int HoldingNumberMaxLength = 20;
    public const int SqcNumberMaxLength = 40;
    public const int PhoneMaxLength = 16;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public BusinessUnitType Type { get; init; }
    public required string Name { get; set; }
    /// <summary>The site's trading name where it differs from the unit's name.</summary>
    public string? BusinessName { get; set; }
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    public string? Region { get; set; }
    public string Postcode { get; set; } = "";
    public string CountryCode { get; set; } = "GB";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary><c>///word.word.word</c>, stored with its three slashes.</summary>
    public string? What3Words { get; set; }
    /// <summary>E.164 (calling code and number).</summary>
    public string? Phone { get; set; }
    public string? Email { get; set; }
    /// <summary>Tags between semicolons (<c>;organic;north;</c>) so one tag is found by an exact LIKE.</summary>
    public string Tags { get; set; } = "";
    public string? LocationTag { get; set; }
    public string? ManagementTag { get; set; }
    /// <summary>The assurance scheme (<c>RT</c>, Red Tractor) or none.</summary>
    public string? AssuranceScheme { get; set; }
    /// <summary>County/parish/holding, <c>11/111/1111</c> in the UK.</summary>
    public string? HoldingNumber { get; set; }
    public string? SqcNumber { get; set; }
    public bool IsSqcAssured { get; set; }
    /// <summary>The region (a unit of type Region of the same organisation) this farm or store belongs to.</summary>
    public Guid? ParentRegionId { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ArchivedAt { get; private set; }
    public long Version { get; set; }

    public bool IsArchived => ArchivedAt is not null;

    public IReadOnlyList<string> TagList => TagsOf(Tags);

    public static string JoinTags(IEnumerable<string> tags)
    {
        var list = tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return list.Count == 0 ? "" : ";" + string.Join(';', list) + ";";
    }

    public static IReadOnlyList<string> TagsOf(string tags) => tags.Split(';', StringSplitOptions.RemoveEmptyEntries);

    public void Archive(DateTimeOffset now)
    {
        if (IsArchived) throw new ConflictException("business_unit.archived", $"{Name} is already archived.");
        ArchivedAt = now;
    }

    public void Restore()
    {
        if (!IsArchived) throw new ConflictException("business_unit.not_archived", $"{Name} is not archived.");
        ArchivedAt = null;
    }

    public void EnsureEditable()
    {
        if (IsArchived) throw new ConflictException("business_unit.archived", $"{Name} is archived; restore it first.");
    }

    /// <summary>Moves a farm or store under one of its organisation's regions (null: under none).</summary>
    public void MoveTo(BusinessUnit? region)
    {
        EnsureEditable();
        if (region is null) { ParentRegionId = null; return; }
        if (Type == BusinessUnitType.Region)
            throw new ConflictException("business_unit.region_in_region", "A region cannot sit under another region.");
        if (region.Type != BusinessUnitType.Region)
            throw DomainValidationException.For("regionId", $"{region.Name} is not a region.");
        if (region.OrganisationId != OrganisationId)
            throw DomainValidationException.For("regionId", $"{region.Name} belongs to another organisation; move a unit between its own organisation's regions.");
        if (region.IsArchived)
            throw DomainValidationException.For("regionId", $"{region.Name} is archived.");
        ParentRegionId = region.Id;
    }

    /// <summary>For the import, which has checked the region (same organisation, a region, in use) for the whole file.</summary>
    internal void PlaceUnder(Guid regionId) => ParentRegionId = regionId;

    /// <summary>The map link: coordinates when known, else the postcode.</summary>
    public static string? MapLink(double? latitude, double? longitude, string? postcode, string countryCode) =>
        latitude is { } lat && longitude is { } lon
            ? FormattableString.Invariant($"https://www.openstreetmap.org/?mlat={lat:0.######}&mlon={lon:0.######}#map=14/{lat:0.######}/{lon:0.######}")
            : string.IsNullOrWhiteSpace(postcode) ? null
            : $"https://www.openstreetmap.org/search?query={Uri.EscapeDataString(postcode + ", " + countryCode)}";
}
