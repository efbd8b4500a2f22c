using Portal.Domain.Common;

namespace Portal.Domain.BusinessConnections;

/// <summary>Where a certificate stands on a day: the scheme's "valid", then a grace period after expiry, then expired.</summary>
public enum CertificateStatus { Valid, Grace, Expired }

/// <summary>How long a certificate stays in grace after its expiry (configuration <c>BusinessConnections:CertificateGrace</c>).</summary>
public sealed class CertificateOptions
{
    public TimeSpan Grace { get; set; } = TimeSpan.FromDays(30);
    /// <summary>The work queue's window: certificates that expire within it are due for renewal.</summary>
    public TimeSpan ExpiringWithin { get; set; } = TimeSpan.FromDays(30);

    public CertificateStatus StatusAt(DateTimeOffset expiresAt, DateTimeOffset now) =>
        now <= expiresAt ? CertificateStatus.Valid : now <= expiresAt + Grace ? CertificateStatus.Grace : CertificateStatus.Expired;
}

/// <summary>
/// An assurance certificate (Red Tractor) that Portal holds: imported from the scheme's file or entered by staff, and
/// linked to the business unit it covers. Its status is not stored: it follows from the expiry and the clock.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class AssuranceCertificate : IVersioned
{
    public const int IdentifierMaxLength = 60;
    public const int EnterprisesMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string Scheme { get; init; } = "RT";
    /// <summary>The scheme's certificate identifier (e.g. <c>0349EQH8NH</c>).</summary>
    public required string Identifier { get; set; }
    /// <summary>The enterprises covered, between semicolons (<c>Combinable Crops;Beef</c>).</summary>
    public string Enterprises { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public Guid? BusinessUnitId { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<CertifiedSite> Sites { get; init; } = [];
    public long Version { get; set; }

    public void LinkTo(BusinessUnit unit)
    {
        unit.EnsureEditable();
        if (BusinessUnitId == unit.Id) throw new ConflictException("certificate.already_linked", $"{Identifier} is already linked to {unit.Name}.");
        if (BusinessUnitId is not null) throw new ConflictException("certificate.linked_elsewhere", $"{Identifier} is linked to another unit; unlink it there first.");
        BusinessUnitId = unit.Id;
    }

    public void Unlink()
    {
        if (BusinessUnitId is null) throw new ConflictException("certificate.not_linked", $"{Identifier} is not linked to a unit.");
        BusinessUnitId = null;
    }
}

/// <summary>A site a certificate covers: identified by its holding number (type <c>holdingno</c>) or another identifier.</summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class CertifiedSite : IAggregatePart
{
    public const int IdentifierTypeMaxLength = 20;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CertificateId { get; init; }
    public string IdentifierType { get; set; } = "holdingno";
    public required string Identifier { get; set; }
    public bool IsPrimary { get; set; }
    public string? SiteName { get; set; }
    public string? Address { get; set; }
    public string Postcode { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2 (the scheme sends a country name; Portal keeps the code).</summary>
    public string CountryCode { get; set; } = "GB";
    Guid IFiledUnderAggregate.AggregateId => CertificateId;
}
