using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.BusinessConnections;

/// <summary>
/// Finds assurance certificates by country (ISO 3166-1 alpha-3), postcode and holding number, answering only those valid
/// or in grace (as the scheme's lookup does). Portal's implementation reads the certificates it holds; a live Red Tractor
/// client would implement the same interface.
/// </summary>
public interface ICertificateLookup
{
    Task<IReadOnlyList<CertificateRow>> FindAsync(CertificateLookupQuery query, CancellationToken ct = default);
}

/// <summary>The lookup over the certificates Portal holds (imported or entered by staff): there is no internet here.</summary>
internal sealed class HeldCertificateLookup(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock, IOptions<CertificateOptions> options) : ICertificateLookup
{
    public async Task<IReadOnlyList<CertificateRow>> FindAsync(CertificateLookupQuery query, CancellationToken ct = default)
    {
        var country = Countries.FromAlpha3(query.Country) ?? throw DomainValidationException.For("country", "The country is an ISO 3166-1 alpha-3 code such as GBR.");
        var now = clock.GetUtcNow();
        var graceStart = now - options.Value.Grace;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var sites = db.CertifiedSites.Where(s => s.CountryCode == country);
        if (!string.IsNullOrWhiteSpace(query.Postcode))
        {
            var postcode = PostcodeFormat.Normalise(query.Postcode, country);
            sites = sites.Where(s => s.Postcode == postcode);
        }
        if (!string.IsNullOrWhiteSpace(query.HoldingNumber))
        {
            var holding = BusinessUnitFormats.NormaliseHolding(query.HoldingNumber, country);
            sites = sites.Where(s => s.IdentifierType == "holdingno" && s.Identifier == holding);
        }
        var certificates = db.AssuranceCertificates.Where(c => c.ExpiresAt >= graceStart && sites.Any(s => s.CertificateId == c.Id));
        return await CertificateService.RowsAsync(db, certificates.OrderByDescending(c => c.ExpiresAt).Take(50), options.Value, now, ct);
    }
}

/// <summary>Certificates Portal holds: staff enter them, link them to units, and watch the ones running out.</summary>
public sealed class CertificateService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IOptions<CertificateOptions> options,
    ICertificateLookup lookup,
    IValidator<CreateCertificate> createValidator,
    IValidator<CertificateLookupQuery> lookupValidator)
{
    private static readonly SortMap<AssuranceCertificate> Sorts = new SortMap<AssuranceCertificate>("expiresAt")
        .Add("expiresAt", c => c.ExpiresAt).Add("identifier", c => c.Identifier).Add("createdAt", c => c.CreatedAt);

    public CertificateOptions Options => options.Value;

    public CertificateStatus StatusOf(DateTimeOffset expiresAt) => options.Value.StatusAt(expiresAt, clock.GetUtcNow());

    public async Task<PagedResult<CertificateRow>> ListAsync(CertificateQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValidFilters();
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var certificates = Filter(db, query, now);
        var total = await certificates.CountAsync(ct);
        var page = Sorts.Apply(certificates, query.Sort, c => c.Id).Skip(query.Offset).Take(query.PageSize);
        var rows = await RowsAsync(db, page, options.Value, now, ct);
        return new PagedResult<CertificateRow>(rows, query.Page, query.PageSize, total);
    }

    /// <summary>Every certificate the list's filter selects (paging ignored), streamed as CSV: one line per certificate, its primary site beside it.</summary>
    public async Task ExportAsync(CertificateQuery query, Stream output, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValidFilters();
        var now = clock.GetUtcNow();
        var settings = options.Value;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = Sorts.Apply(Filter(db, query, now), query.Sort, c => c.Id).Select(c => new
        {
            c.Id, c.Scheme, c.Identifier, c.Enterprises, c.ExpiresAt, c.BusinessUnitId,
            UnitName = db.Set<BusinessUnit>().Where(u => u.Id == c.BusinessUnitId).Select(u => u.Name).FirstOrDefault(),
            // The primary site's fields, one scalar subquery each (SQLite has no APPLY for a row-valued one).
            SiteType = db.Set<CertifiedSite>().Where(s => s.CertificateId == c.Id).OrderByDescending(s => s.IsPrimary).ThenBy(s => s.Id).Select(s => s.IdentifierType).FirstOrDefault(),
            SiteIdentifier = db.Set<CertifiedSite>().Where(s => s.CertificateId == c.Id).OrderByDescending(s => s.IsPrimary).ThenBy(s => s.Id).Select(s => s.Identifier).FirstOrDefault(),
            SiteName = db.Set<CertifiedSite>().Where(s => s.CertificateId == c.Id).OrderByDescending(s => s.IsPrimary).ThenBy(s => s.Id).Select(s => s.SiteName).FirstOrDefault(),
            SitePostcode = db.Set<CertifiedSite>().Where(s => s.CertificateId == c.Id).OrderByDescending(s => s.IsPrimary).ThenBy(s => s.Id).Select(s => s.Postcode).FirstOrDefault(),
            SiteCountry = db.Set<CertifiedSite>().Where(s => s.CertificateId == c.Id).OrderByDescending(s => s.IsPrimary).ThenBy(s => s.Id).Select(s => s.CountryCode).FirstOrDefault(),
        }).AsAsyncEnumerable();
        await CsvFiles.WriteAsync(output,
        [
            ("id", c => c.Id.ToString()), ("scheme", c => c.Scheme), ("certificateIdentifier", c => c.Identifier),
            ("status", c => settings.StatusAt(c.ExpiresAt, now).ToString()),
            ("certificateEnterprises", c => string.Join('|', c.Enterprises.Split(';', StringSplitOptions.RemoveEmptyEntries))),
            ("certificateExpiryDate", c => c.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            ("businessUnitId", c => c.BusinessUnitId?.ToString()), ("businessUnit", c => c.UnitName),
            ("identifierType", c => c.SiteType), ("identifier", c => c.SiteIdentifier), ("siteName", c => c.SiteName),
            ("sitePostcode", c => c.SitePostcode), ("siteCountry", c => c.SiteCountry),
        ], rows, ct);
    }

    /// <summary>The list's filter in SQL (the export reads the same): every time condition a range of the indexed ExpiresAt.</summary>
    internal IQueryable<AssuranceCertificate> Filter(PortalDbContext db, CertificateQuery query, DateTimeOffset now)
    {
        var graceStart = now - options.Value.Grace;
        IQueryable<AssuranceCertificate> certificates = db.AssuranceCertificates.AsNoTracking();
        // The status follows from the expiry, so its filter is a range of ExpiresAt (indexed), never a stored column.
        certificates = query.Status switch
        {
            CertificateStatus.Valid => certificates.Where(c => c.ExpiresAt >= now),
            CertificateStatus.Grace => certificates.Where(c => c.ExpiresAt < now && c.ExpiresAt >= graceStart),
            CertificateStatus.Expired => certificates.Where(c => c.ExpiresAt < graceStart),
            _ => certificates,
        };
        if (query.NeedsAttention == true)
        {
            var soon = now + options.Value.ExpiringWithin;
            certificates = certificates.Where(c => c.ExpiresAt >= graceStart && c.ExpiresAt <= soon);
        }
        if (query.ExpiringWithinDays is { } days)
        {
            var until = now + TimeSpan.FromDays(days);
            certificates = certificates.Where(c => c.ExpiresAt >= now && c.ExpiresAt <= until);
        }
        if (!string.IsNullOrWhiteSpace(query.Scheme))
        {
            // A residual test, not an index: nearly every certificate is RT, so the (Scheme, Identifier) index is no narrower
            // than the scheme itself and would take the expiry range's place (BusinessConnectionsPlanTests).
            var scheme = query.Scheme.Trim().ToUpperInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
            certificates = certificates.Where(c => EF.Functions.Like(c.Scheme, scheme, "\\"));
        }
        if (query.Linked is { } linked) certificates = linked ? certificates.Where(c => c.BusinessUnitId != null) : certificates.Where(c => c.BusinessUnitId == null);
        if (query.BusinessUnitId is { } unitId) certificates = certificates.Where(c => c.BusinessUnitId == unitId);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            certificates = certificates.Where(c => EF.Functions.Like(c.Identifier, pattern, "\\")
                || db.Set<CertifiedSite>().Any(s => s.CertificateId == c.Id && (EF.Functions.Like(s.Identifier, pattern, "\\") || EF.Functions.Like(s.Postcode, pattern, "\\"))));
        }
        return certificates;
    }

    public async Task<CertificateRow> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return (await RowsAsync(db, db.AssuranceCertificates.Where(c => c.Id == id), options.Value, clock.GetUtcNow(), ct)).FirstOrDefault()
            ?? throw new NotFoundException("Certificate", id);
    }

    public async Task<CertificateRow> CreateAsync(CreateCertificate command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await createValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var identifier = command.Identifier.Trim().ToUpperInvariant();
        if (await db.AssuranceCertificates.AnyAsync(c => c.Scheme == command.Scheme && c.Identifier == identifier, ct))
            throw new ConflictException("certificate.exists", $"Portal already holds certificate {identifier}.");
        var certificate = New(command, identifier, clock.GetUtcNow());
        db.AssuranceCertificates.Add(certificate);
        await db.SaveChangesAsync(ct);
        return (await RowsAsync(db, db.AssuranceCertificates.Where(c => c.Id == certificate.Id), options.Value, clock.GetUtcNow(), ct))[0];
    }

    /// <summary>The scheme's lookup (valid or in grace only), through <see cref="ICertificateLookup"/>.</summary>
    public async Task<IReadOnlyList<CertificateRow>> LookupAsync(CertificateLookupQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await lookupValidator.ValidateOrThrowAsync(query, ct);
        return await lookup.FindAsync(query, ct);
    }

    internal static AssuranceCertificate New(CreateCertificate command, string identifier, DateTimeOffset now)
    {
        var certificate = new AssuranceCertificate
        {
            Scheme = command.Scheme, Identifier = identifier, ExpiresAt = command.ExpiresAt.ToUniversalTime(), CreatedAt = now,
            Enterprises = string.Join(';', command.Enterprises.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct()),
        };
        certificate.Sites.AddRange(command.Sites.Select((s, i) => new CertifiedSite
        {
            CertificateId = certificate.Id, IdentifierType = s.IdentifierType.Trim().ToLowerInvariant(),
            Identifier = s.IdentifierType == "holdingno" ? BusinessUnitFormats.NormaliseHolding(s.Identifier, s.CountryCode)! : s.Identifier.Trim(),
            IsPrimary = s.IsPrimary || (i == 0 && !command.Sites.Any(x => x.IsPrimary)),
            SiteName = string.IsNullOrWhiteSpace(s.SiteName) ? null : s.SiteName.Trim(),
            Address = string.IsNullOrWhiteSpace(s.Address) ? null : s.Address.Trim(),
            Postcode = PostcodeFormat.Normalise(s.Postcode, s.CountryCode), CountryCode = s.CountryCode,
        }));
        return certificate;
    }

    /// <summary>Rows of the certificates <paramref name="query"/> selects (already ordered and paged), with their sites and status now.</summary>
    internal static async Task<IReadOnlyList<CertificateRow>> RowsAsync(PortalDbContext db, IQueryable<AssuranceCertificate> query,
        CertificateOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var certificates = await query.AsNoTracking().Select(c => new
        {
            c.Id, c.Scheme, c.Identifier, c.Enterprises, c.ExpiresAt, c.BusinessUnitId, c.Version,
            UnitName = db.Set<BusinessUnit>().Where(u => u.Id == c.BusinessUnitId).Select(u => u.Name).FirstOrDefault(),
        }).ToListAsync(ct);
        var ids = certificates.Select(c => c.Id).ToList();
        var sites = (await db.CertifiedSites.AsNoTracking().Where(s => ids.Contains(s.CertificateId)).ToListAsync(ct)).ToLookup(s => s.CertificateId);
        return [.. certificates.Select(c => new CertificateRow(c.Id, c.Scheme, c.Identifier, options.StatusAt(c.ExpiresAt, now),
            c.Enterprises.Split(';', StringSplitOptions.RemoveEmptyEntries), c.ExpiresAt, c.BusinessUnitId, c.UnitName,
            [.. sites[c.Id].OrderByDescending(s => s.IsPrimary).ThenBy(s => s.Identifier, StringComparer.Ordinal)
                .Select(s => new CertifiedSiteRow(s.Id, s.IdentifierType, s.Identifier, s.IsPrimary, s.SiteName, s.Address, s.Postcode, s.CountryCode))],
            c.Version))];
    }
}
