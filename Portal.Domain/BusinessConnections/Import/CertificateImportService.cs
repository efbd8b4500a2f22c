using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.BusinessConnections;

/// <summary>
/// The scheme's certificate file (Red Tractor), one line per certified site in the scheme's own field names; the lines
/// of one <c>certificateIdentifier</c> are one certificate. Each certificate is checked with the entry form's rules and
/// saved whole or refused whole (with every one of its lines in the failed-rows file); a certificate Portal already holds
/// is renewed (expiry, enterprises and sites replaced; its unit link kept). Good certificates in ONE transaction.
/// </summary>
public sealed class CertificateImportService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    IValidator<CreateCertificate> rules,
    TimeProvider clock,
    ILogger<CertificateImportService> log)
{
    public const int MaxRows = 100_000;
    private const int SaveBatch = 1_000;

    /// <summary>The documented layout (README "Business connections"): the scheme's fields, enterprises separated by <c>|</c>.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "certificateIdentifier", "certificateEnterprises", "certificateExpiryDate", "identifierType", "identifier", "isPrimary",
        "siteName", "siteAddress", "sitePostcode", "siteCountry",
    ];

    public static string Template() => CsvFiles.Template(Columns,
    [
        "2RRVTHNXTS", "Combinable Crops|Beef and Lamb", "2027-01-31T00:00:00.000+00:00", "holdingno", "11/111/1111", "true",
        "Up Marden Farms", "Pitlands Farm", "PO18 9JP", "United Kingdom",
    ]);

    /// <summary>The scheme sends a country name; UK nations are the UK. Alpha-2 and alpha-3 codes are read too.</summary>
    private static readonly Dictionary<string, string> CountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["United Kingdom"] = "GB", ["UK"] = "GB", ["Great Britain"] = "GB", ["England"] = "GB", ["Scotland"] = "GB", ["Wales"] = "GB",
        ["Northern Ireland"] = "GB", ["Ireland"] = "IE", ["Republic of Ireland"] = "IE",
    };

    public async Task<CsvImportReport> ImportAsync(Stream csv, bool dryRun = false, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        var rows = await CsvFiles.ReadAsync(csv, Columns, MaxRows, ct);
        var errors = new List<CsvRowError>();
        var good = new List<(CreateCertificate Command, CsvRecord[] Rows)>();
        progress?.Report(new WorkProgress("Checking", 0, rows.Count));

        foreach (var blank in rows.Where(r => string.IsNullOrWhiteSpace(r["certificateIdentifier"])))
            errors.Add(new CsvRowError(blank.Row, "certificateIdentifier", "Give the certificate's identifier on every line."));
        var groups = rows.Where(r => !string.IsNullOrWhiteSpace(r["certificateIdentifier"]))
            .GroupBy(r => r["certificateIdentifier"].Trim().ToUpperInvariant()).ToList();
        var checkedRows = 0;
        foreach (var group in groups)
        {
            var lines = group.ToArray();
            var lineErrors = new List<CsvRowError>();
            var command = Parse(group.Key, lines, lineErrors);
            var result = await rules.ValidateAsync(command, ct);
            foreach (var e in result.Errors.Where(e => !(e.PropertyName == nameof(CreateCertificate.ExpiresAt) && lineErrors.Any(x => x.Field == "certificateExpiryDate"))))
            {
                // Sites[2].Postcode belongs to the third line; the certificate's own fields to its first.
                var (index, field) = SiteField(e.PropertyName);
                lineErrors.Add(new CsvRowError(lines[index ?? 0].Row, field, e.ErrorMessage));
            }
            if (lineErrors.Count == 0) good.Add((command, lines));
            else
            {
                errors.AddRange(lineErrors);
                var failed = lineErrors.Select(x => x.Row).ToHashSet();
                // Saved whole or not at all: the certificate's other lines go in the failed file too, so it comes back complete.
                foreach (var line in lines.Where(l => !failed.Contains(l.Row)))
                    errors.Add(new CsvRowError(line.Row, "certificateIdentifier", $"Not saved: certificate {group.Key} has a problem on line {failed.Min()}, and is saved with all its sites or not at all."));
            }
            checkedRows += lines.Length;
            progress?.Report(new WorkProgress("Checking", checkedRows, rows.Count));
        }

        var imported = 0;
        if (!dryRun && good.Count > 0)
        {
            var now = clock.GetUtcNow();
            await using var db = await dbs.CreateDbContextAsync(ct);
            await db.InTransactionAsync(async ct =>
            {
                var saved = 0;
                foreach (var batch in good.Chunk(SaveBatch))
                {
                    var identifiers = batch.Select(b => b.Command.Identifier).ToList();
                    var held = await db.AssuranceCertificates.Include(c => c.Sites)
                        .Where(c => c.Scheme == "RT" && identifiers.Contains(c.Identifier)).ToDictionaryAsync(c => c.Identifier, ct);
                    foreach (var (command, _) in batch)
                    {
                        var fresh = CertificateService.New(command, command.Identifier, now);
                        if (held.TryGetValue(command.Identifier, out var certificate))
                        {
                            // A renewal: the scheme's file is the truth for expiry, enterprises and sites; the unit link stays.
                            certificate.ExpiresAt = fresh.ExpiresAt;
                            certificate.Enterprises = fresh.Enterprises;
                            db.RemoveRange(certificate.Sites);
                            foreach (var site in fresh.Sites)
                                db.CertifiedSites.Add(new CertifiedSite
                                {
                                    CertificateId = certificate.Id, IdentifierType = site.IdentifierType, Identifier = site.Identifier, IsPrimary = site.IsPrimary,
                                    SiteName = site.SiteName, Address = site.Address, Postcode = site.Postcode, CountryCode = site.CountryCode,
                                });
                            db.Entry(certificate).State = EntityState.Modified;
                        }
                        else db.AssuranceCertificates.Add(fresh);
                    }
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                    saved += batch.Sum(b => b.Rows.Length);
                    progress?.Report(new WorkProgress("Saving", saved, good.Sum(g => g.Rows.Length)));
                }
            }, ct: ct);
            imported = good.Sum(g => g.Rows.Length);
            log.LogInformation("Certificate import: {Certificates} certificates ({Rows} lines) saved", good.Count, imported);
        }
        return CsvImportReport.Build(Columns, rows, [.. errors.OrderBy(e => e.Row)], imported);
    }

    private static CreateCertificate Parse(string identifier, CsvRecord[] lines, List<CsvRowError> errors)
    {
        var first = lines[0];
        var expiryText = first["certificateExpiryDate"].Trim();
        var expires = default(DateTimeOffset);
        if (expiryText.Length == 0) errors.Add(new CsvRowError(first.Row, "certificateExpiryDate", "Give the expiry date, such as 2027-01-31 or 2027-01-31T00:00:00.000+00:00."));
        else if (!DateTimeOffset.TryParse(expiryText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out expires))
            errors.Add(new CsvRowError(first.Row, "certificateExpiryDate", $"certificateExpiryDate must be a date such as 2027-01-31 or 2027-01-31T00:00:00.000+00:00, not \"{expiryText}\"."));
        foreach (var line in lines.Skip(1).Where(l => l["certificateExpiryDate"].Trim() is { Length: > 0 } other && other != expiryText))
            errors.Add(new CsvRowError(line.Row, "certificateExpiryDate", $"Lines of certificate {identifier} give different expiry dates ({expiryText} on line {first.Row})."));

        var sites = new List<CertifiedSiteFields>();
        foreach (var line in lines)
        {
            var primaryText = line["isPrimary"].Trim().ToLowerInvariant();
            var primary = primaryText is "true" or "yes" or "1";
            if (!primary && primaryText is not ("" or "false" or "no" or "0"))
                errors.Add(new CsvRowError(line.Row, "isPrimary", $"isPrimary must be true or false, not \"{line["isPrimary"]}\"."));
            var countryText = line["siteCountry"].Trim();
            var country = CountryOf(countryText);
            if (country is null) errors.Add(new CsvRowError(line.Row, "siteCountry", $"siteCountry must be a country such as United Kingdom, GB or GBR, not \"{countryText}\"."));
            var type = line["identifierType"].Trim().ToLowerInvariant();
            sites.Add(new CertifiedSiteFields
            {
                IdentifierType = type.Length == 0 ? "holdingno" : type, Identifier = line["identifier"], IsPrimary = primary,
                SiteName = Blank(line["siteName"]), Address = Blank(line["siteAddress"]), Postcode = line["sitePostcode"], CountryCode = country ?? "GB",
            });
        }
        return new CreateCertificate
        {
            Scheme = "RT", Identifier = identifier, ExpiresAt = expires, Sites = sites,
            Enterprises = [.. lines.SelectMany(l => l["certificateEnterprises"].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.OrdinalIgnoreCase)],
        };
    }

    private static string? CountryOf(string text)
    {
        if (text.Length == 0) return "GB"; // the scheme is British; a blank country is the UK
        if (CountryNames.TryGetValue(text, out var named)) return named;
        var upper = text.ToUpperInvariant();
        if (Countries.IsKnown(upper)) return upper;
        return Countries.FromAlpha3(upper) ?? Countries.Codes.FirstOrDefault(c => string.Equals(Countries.NameOf(c), text, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"Sites[2].Postcode" is line 3's sitePostcode; a certificate-level property is the first line's column.</summary>
    private static (int? Index, string Column) SiteField(string property)
    {
        if (property.StartsWith("Sites[", StringComparison.Ordinal) && property.IndexOf(']') is > 6 and var end
            && int.TryParse(property[6..end], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return (index, property[(end + 1)..].TrimStart('.') switch
            {
                "IdentifierType" => "identifierType", "Identifier" => "identifier", "IsPrimary" => "isPrimary", "SiteName" => "siteName",
                "Address" => "siteAddress", "Postcode" => "sitePostcode", "CountryCode" => "siteCountry", _ => "identifier",
            });
        return (null, property switch
        {
            "Identifier" => "certificateIdentifier", "ExpiresAt" => "certificateExpiryDate", "Sites" => "isPrimary",
            _ when property.StartsWith("Enterprises", StringComparison.Ordinal) => "certificateEnterprises",
            _ => "certificateIdentifier",
        });
    }

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
