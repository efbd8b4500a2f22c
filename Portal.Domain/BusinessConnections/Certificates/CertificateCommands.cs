using Portal.Domain.Common;

namespace Portal.Domain.BusinessConnections;

/// <summary>The certificates list (and work queue) filter.</summary>
public sealed record CertificateQuery : ListQuery
{
    public CertificateStatus? Status { get; init; }
    /// <summary>The work queue: expiring within the window or in grace.</summary>
    public bool? NeedsAttention { get; init; }
    /// <summary>Only certificates linked (true) or not linked (false) to a unit.</summary>
    public bool? Linked { get; init; }
    public Guid? BusinessUnitId { get; init; }
    /// <summary>The scheme (RT).</summary>
    public string? Scheme { get; init; }
    /// <summary>Valid certificates whose expiry is within this many days from now (the page's "expiring within N days").</summary>
    public int? ExpiringWithinDays { get; init; }
    public const int MaxExpiringWithinDays = 3650;

    /// <summary>The list's checks and this filter's range: a 400 before any row (or byte of an export).</summary>
    public void EnsureValidFilters()
    {
        EnsureValid();
        if (ExpiringWithinDays is < 0 or > MaxExpiringWithinDays)
            throw DomainValidationException.For("expiringWithinDays", $"Expiring within is a number of days from 0 to {MaxExpiringWithinDays}.");
    }
}

public sealed record CertifiedSiteRow(Guid Id, string IdentifierType, string Identifier, bool IsPrimary, string? SiteName, string? Address, string Postcode, string CountryCode);

public sealed record CertificateRow(
    Guid Id, string Scheme, string Identifier, CertificateStatus Status, IReadOnlyList<string> Enterprises, DateTimeOffset ExpiresAt,
    Guid? BusinessUnitId, string? BusinessUnitName, IReadOnlyList<CertifiedSiteRow> Sites, long Version);

public sealed class CertifiedSiteFields
{
    public string IdentifierType { get; set; } = "holdingno";
    public string Identifier { get; set; } = "";
    public bool IsPrimary { get; set; }
    public string? SiteName { get; set; }
    public string? Address { get; set; }
    public string Postcode { get; set; } = "";
    public string CountryCode { get; set; } = "GB";
}

/// <summary>A certificate entered by staff (or read from the scheme's file).</summary>
public sealed class CreateCertificate
{
    public string Scheme { get; set; } = "RT";
    public string Identifier { get; set; } = "";
    public List<string> Enterprises { get; set; } = [];
    public DateTimeOffset ExpiresAt { get; set; }
    public List<CertifiedSiteFields> Sites { get; set; } = [];
}

/// <summary>The lookup's question: ISO 3166-1 alpha-3 country (default GBR) and a postcode and/or a holding number.</summary>
public sealed record CertificateLookupQuery
{
    public string Country { get; init; } = "GBR";
    public string? Postcode { get; init; }
    public string? HoldingNumber { get; init; }
}

public sealed class LinkCertificate
{
    public Guid CertificateId { get; set; }
}
