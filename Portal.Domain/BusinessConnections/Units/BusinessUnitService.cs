using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.BusinessConnections;

/// <summary>Business units (farms, stores, regions) and the certificates linked to them: Admin and Staff change them, Viewers read.</summary>
public sealed class BusinessUnitService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IOptions<CertificateOptions> certificateOptions,
    IValidator<CreateBusinessUnit> createValidator,
    IValidator<BusinessUnitFields> fieldsValidator,
    IValidator<MoveBusinessUnit> moveValidator)
{
    private CertificateOptions Certificates => certificateOptions.Value;

    private static readonly SortMap<BusinessUnit> Sorts = new SortMap<BusinessUnit>("name")
        .Add("name", u => u.Name).Add("type", u => u.Type).Add("postcode", u => u.Postcode)
        .Add("countryCode", u => u.CountryCode).Add("holdingNumber", u => u.HoldingNumber).Add("createdAt", u => u.CreatedAt);

    public async Task<PagedResult<BusinessUnitRow>> ListAsync(BusinessUnitQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ordered = Sorts.Apply(Filter(db, query), query.Sort, u => u.Id);
        return await ordered.ToPageAsync(query, u => new BusinessUnitRow(
            u.Id, u.OrganisationId, db.Organisations.Where(o => o.Id == u.OrganisationId).Select(o => o.Name).First(), u.Type, u.Name,
            u.BusinessName, u.Postcode, u.CountryCode, u.HoldingNumber, u.AssuranceScheme, u.Tags, u.ArchivedAt != null,
            db.Set<AssuranceCertificate>().Where(c => c.BusinessUnitId == u.Id).Max(c => (DateTimeOffset?)c.ExpiresAt), u.CreatedAt, u.Version), ct);
    }

    /// <summary>Every unit the list's filter selects (paging ignored), streamed as CSV in the import's column names where they match.</summary>
    public async Task ExportAsync(BusinessUnitQuery query, Stream output, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = Sorts.Apply(Filter(db, query), query.Sort, u => u.Id).Select(u => new
        {
            u.Id, u.OrganisationId, Organisation = db.Organisations.Where(o => o.Id == u.OrganisationId).Select(o => o.Name).First(),
            u.Type, u.Name, u.BusinessName, u.Line1, u.City, u.Postcode, u.CountryCode, u.Latitude, u.Longitude, u.What3Words,
            u.Tags, u.AssuranceScheme, u.HoldingNumber, u.SqcNumber, u.ArchivedAt, u.CreatedAt,
        }).AsAsyncEnumerable();
        await CsvFiles.WriteAsync(output,
        [
            ("id", u => u.Id.ToString()), ("organisationId", u => u.OrganisationId.ToString()), ("organisation", u => u.Organisation),
            ("type", u => u.Type.ToString().ToLowerInvariant()), ("name", u => u.Name), ("businessName", u => u.BusinessName),
            ("line1", u => u.Line1), ("city", u => u.City), ("postcode", u => u.Postcode), ("countryCode", u => u.CountryCode),
            ("latitude", u => u.Latitude?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("longitude", u => u.Longitude?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("what3words", u => u.What3Words),
            ("tags", u => string.Join('|', BusinessUnit.TagsOf(u.Tags))), ("assuranceScheme", u => u.AssuranceScheme),
            ("holdingNumber", u => u.HoldingNumber), ("sqcNumber", u => u.SqcNumber), ("archivedAt", u => u.ArchivedAt?.ToString("O")),
            ("createdAt", u => u.CreatedAt.ToString("O")),
        ], rows, ct);
    }

    /// <summary>The list's filter in SQL; the CSV export reads the same.</summary>
    internal IQueryable<BusinessUnit> Filter(PortalDbContext db, BusinessUnitQuery query)
    {
        IQueryable<BusinessUnit> units = db.BusinessUnits.AsNoTracking();
        if (query.OrganisationId is { } org) units = units.Where(u => u.OrganisationId == org);
        if (query.Type is { } type) units = units.Where(u => u.Type == type);
        units = query.Archived == true ? units.Where(u => u.ArchivedAt != null) : units.Where(u => u.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(query.Country)) units = units.Where(u => u.CountryCode == query.Country.Trim().ToUpperInvariant());
        if (!string.IsNullOrWhiteSpace(query.Scheme)) units = units.Where(u => u.AssuranceScheme == query.Scheme.Trim().ToUpperInvariant());
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = $"%;{EscapeLike(query.Tag.Trim())};%";
            units = units.Where(u => EF.Functions.Like(u.Tags, tag, "\\"));
        }
        if (query.CertificateStatus is { } status)
        {
            var now = clock.GetUtcNow();
            var graceStart = now - Certificates.Grace;
            var best = (IQueryable<BusinessUnit> q) => q.Select(u => new { Unit = u, Best = db.Set<AssuranceCertificate>().Where(c => c.BusinessUnitId == u.Id).Max(c => (DateTimeOffset?)c.ExpiresAt) });
            units = status switch
            {
                CertificateStatus.Valid => best(units).Where(x => x.Best >= now).Select(x => x.Unit),
                CertificateStatus.Grace => best(units).Where(x => x.Best < now && x.Best >= graceStart).Select(x => x.Unit),
                _ => best(units).Where(x => x.Best < graceStart).Select(x => x.Unit),
            };
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var text = query.Q.Trim();
            var pattern = PagingExtensions.ContainsPattern(text);
            var prefix = EscapeLike(text.ToUpperInvariant()) + "%";
            var holding = BusinessUnitFormats.NormaliseHolding(text, "GB");
            units = units.Where(u => EF.Functions.Like(u.Name, pattern, "\\") || u.HoldingNumber == holding
                || EF.Functions.Like(u.Postcode, prefix, "\\"));
        }
        return units;
    }

    public async Task<BusinessUnitDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<BusinessUnitDetails> CreateAsync(CreateBusinessUnit command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await createValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Organisations.AnyAsync(o => o.Id == command.OrganisationId, ct))
            throw DomainValidationException.For("organisationId", "No organisation has this id.");
        var unit = New(command, clock.GetUtcNow());
        if (command.RegionId is { } regionId) unit.MoveTo(await RegionAsync(db, regionId, ct));
        db.BusinessUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, unit.Id, ct);
    }

    public async Task<BusinessUnitDetails> UpdateAsync(Guid id, BusinessUnitFields command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await fieldsValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var unit = await ForChangeAsync(db, id, version, ct);
        unit.EnsureEditable();
        Apply(unit, command);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<BusinessUnitDetails> MoveAsync(Guid id, MoveBusinessUnit command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await moveValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var unit = await ForChangeAsync(db, id, version, ct);
        unit.MoveTo(await RegionAsync(db, command.RegionId!.Value, ct));
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>Takes a farm or store out of its region.</summary>
    public async Task<BusinessUnitDetails> LeaveRegionAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var unit = await ForChangeAsync(db, id, version, ct);
        if (unit.ParentRegionId is null) throw new ConflictException("business_unit.not_in_region", $"{unit.Name} is in no region.");
        unit.MoveTo(null);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<BusinessUnitDetails> ArchiveAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var unit = await ForChangeAsync(db, id, version, ct);
        if (unit.Type == BusinessUnitType.Region && await db.BusinessUnits.AnyAsync(u => u.ParentRegionId == id && u.ArchivedAt == null, ct))
            throw new ConflictException("business_unit.region_in_use", $"Units still sit under {unit.Name}; move them out of the region first.");
        unit.Archive(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<BusinessUnitDetails> RestoreAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var unit = await ForChangeAsync(db, id, version, ct);
        unit.Restore();
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>Links a certificate Portal holds to the unit; the unit's version moves (it is now assured, or not).</summary>
    public async Task<BusinessUnitDetails> LinkCertificateAsync(Guid id, LinkCertificate command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var unit = await ForChangeAsync(db, id, version, ct);
        var certificate = await db.AssuranceCertificates.FirstOrDefaultAsync(c => c.Id == command.CertificateId, ct)
            ?? throw DomainValidationException.For("certificateId", "Portal holds no certificate with this id.");
        certificate.LinkTo(unit);
        Touch(db, unit);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<BusinessUnitDetails> UnlinkCertificateAsync(Guid id, Guid certificateId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var unit = await ForChangeAsync(db, id, version, ct);
        var certificate = await db.AssuranceCertificates.FirstOrDefaultAsync(c => c.Id == certificateId && c.BusinessUnitId == id, ct)
            ?? throw new NotFoundException("Certificate", certificateId);
        certificate.Unlink();
        Touch(db, unit);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>A certificate change is a change of the unit as people see it: its version moves so open copies learn of it.</summary>
    private static void Touch(PortalDbContext db, BusinessUnit unit) => db.Entry(unit).State = EntityState.Modified;

    internal static BusinessUnit New(CreateBusinessUnit command, DateTimeOffset now)
    {
        var unit = new BusinessUnit { OrganisationId = command.OrganisationId, Type = command.Type, Name = command.Name.Trim(), CreatedAt = now };
        Apply(unit, command);
        return unit;
    }

    private static async Task<BusinessUnit> RegionAsync(PortalDbContext db, Guid regionId, CancellationToken ct) =>
        await db.BusinessUnits.FirstOrDefaultAsync(u => u.Id == regionId, ct) ?? throw DomainValidationException.For("regionId", "No business unit has this id.");

    private static async Task<BusinessUnit> ForChangeAsync(PortalDbContext db, Guid id, long version, CancellationToken ct)
    {
        var unit = await db.BusinessUnits.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("BusinessUnit", id);
        unit.EnsureVersion(version, id);
        return unit;
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void Apply(BusinessUnit unit, BusinessUnitFields f)
    {
        unit.Name = f.Name.Trim();
        unit.BusinessName = Blank(f.BusinessName);
        unit.Line1 = f.Line1.Trim();
        unit.Line2 = Blank(f.Line2);
        unit.City = f.City.Trim();
        unit.Region = Blank(f.Region);
        unit.CountryCode = f.CountryCode;
        unit.Postcode = PostcodeFormat.Normalise(f.Postcode, f.CountryCode);
        unit.Latitude = f.Latitude is { } lat ? Math.Round(lat, 6) : null;
        unit.Longitude = f.Longitude is { } lon ? Math.Round(lon, 6) : null;
        unit.What3Words = BusinessUnitFormats.NormaliseWhat3Words(f.What3Words);
        unit.Phone = string.IsNullOrWhiteSpace(f.Phone) ? null : PhoneNumberFormat.Normalise(f.Phone, f.CountryCode);
        unit.Email = Blank(f.Email)?.ToLowerInvariant();
        unit.Tags = BusinessUnit.JoinTags(f.Tags);
        unit.LocationTag = Blank(f.LocationTag);
        unit.ManagementTag = Blank(f.ManagementTag);
        unit.AssuranceScheme = Blank(f.AssuranceScheme)?.ToUpperInvariant();
        unit.HoldingNumber = BusinessUnitFormats.NormaliseHolding(f.HoldingNumber, f.CountryCode);
        unit.SqcNumber = Blank(f.SqcNumber);
        unit.IsSqcAssured = f.IsSqcAssured;
    }

    private async Task<BusinessUnitDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var unit = await db.BusinessUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("BusinessUnit", id);
        var orgName = await db.Organisations.Where(o => o.Id == unit.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var regionName = unit.ParentRegionId is { } r ? await db.BusinessUnits.Where(u => u.Id == r).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        var certificates = await CertificateService.RowsAsync(db, db.AssuranceCertificates.Where(c => c.BusinessUnitId == id), Certificates, clock.GetUtcNow(), ct);
        return new BusinessUnitDetails(unit.Id, unit.OrganisationId, orgName, unit.Type, unit.Name, unit.BusinessName, unit.Line1, unit.Line2,
            unit.City, unit.Region, unit.Postcode, unit.CountryCode, unit.Latitude, unit.Longitude, unit.What3Words, unit.Phone, unit.Email,
            unit.TagList, unit.LocationTag, unit.ManagementTag, unit.AssuranceScheme, unit.HoldingNumber, unit.SqcNumber, unit.IsSqcAssured,
            unit.ParentRegionId, regionName, unit.CreatedAt, unit.ArchivedAt,
            certificates.Any(c => c.Status != CertificateStatus.Expired),
            BusinessUnit.MapLink(unit.Latitude, unit.Longitude, unit.Postcode, unit.CountryCode), certificates, unit.Version);
    }
}
