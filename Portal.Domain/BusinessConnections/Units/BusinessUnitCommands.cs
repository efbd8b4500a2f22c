using Portal.Domain.Common;

namespace Portal.Domain.BusinessConnections;

/// <summary>The business units list's filter: one record for the API, the page's address and the CSV export.</summary>
public sealed record BusinessUnitQuery : ListQuery
{
    public Guid? OrganisationId { get; init; }
    public BusinessUnitType? Type { get; init; }
    public string? Tag { get; init; }
    public string? Scheme { get; init; }
    /// <summary>Units with a linked certificate in this status now.</summary>
    public CertificateStatus? CertificateStatus { get; init; }
    public string? Country { get; init; }
    /// <summary>Archived units only (true); otherwise those in use (the default view).</summary>
    public bool? Archived { get; init; }
}

public sealed record BusinessUnitRow(
    Guid Id, Guid OrganisationId, string OrganisationName, BusinessUnitType Type, string Name, string? BusinessName,
    string Postcode, string CountryCode, string? HoldingNumber, string? AssuranceScheme, string Tags, bool IsArchived,
    DateTimeOffset? CertificateExpiresAt, DateTimeOffset CreatedAt, long Version);

public sealed record BusinessUnitDetails(
    Guid Id, Guid OrganisationId, string OrganisationName, BusinessUnitType Type, string Name, string? BusinessName,
    string Line1, string? Line2, string City, string? Region, string Postcode, string CountryCode,
    double? Latitude, double? Longitude, string? What3Words, string? Phone, string? Email,
    IReadOnlyList<string> Tags, string? LocationTag, string? ManagementTag, string? AssuranceScheme, string? HoldingNumber,
    string? SqcNumber, bool IsSqcAssured, Guid? ParentRegionId, string? ParentRegionName,
    DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt, bool IsAssured, string? MapLink,
    IReadOnlyList<CertificateRow> Certificates, long Version);

/// <summary>What staff edit on a unit; the type and organisation are set on creation only (<see cref="CreateBusinessUnit"/>).</summary>
public class BusinessUnitFields : IPostalAddress
{
    public string Name { get; set; } = "";
    public string? BusinessName { get; set; }
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    public string? Region { get; set; }
    public string Postcode { get; set; } = "";
    public string CountryCode { get; set; } = "GB";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? What3Words { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public List<string> Tags { get; set; } = [];
    public string? LocationTag { get; set; }
    public string? ManagementTag { get; set; }
    public string? AssuranceScheme { get; set; }
    public string? HoldingNumber { get; set; }
    public string? SqcNumber { get; set; }
    public bool IsSqcAssured { get; set; }
    /// <summary>Editing only: the version read.</summary>
    public long? Version { get; set; }
}

public sealed class CreateBusinessUnit : BusinessUnitFields
{
    public Guid OrganisationId { get; set; }
    public BusinessUnitType Type { get; set; } = BusinessUnitType.Farm;
    /// <summary>Optional: the organisation's region the farm or store sits under.</summary>
    public Guid? RegionId { get; set; }
}

public sealed class MoveBusinessUnit
{
    /// <summary>A region of the same organisation (DELETE …/region takes the unit out of its region).</summary>
    public Guid? RegionId { get; set; }
}
