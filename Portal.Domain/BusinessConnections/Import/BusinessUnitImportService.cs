using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.BusinessConnections;

/// <summary>
/// Business units from a CSV file, as the organisations import does it (<see cref="CsvFiles"/>): every row checked first
/// with the create form's rules (plus: the organisation exists, the region is one of its regions, no unit name twice in an
/// organisation), then every good row saved in ONE transaction, in batches, with progress. Nothing half-saved.
/// </summary>
public sealed class BusinessUnitImportService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<CreateBusinessUnit> rules,
    ILogger<BusinessUnitImportService> log)
{
    public const int MaxRows = 100_000;
    private const int SaveBatch = 2_000;
    private const int ReportEvery = 1_000;

    /// <summary>The documented layout (README "Business connections"); <c>tags</c> are separated by <c>|</c>.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "organisationId", "type", "name", "businessName", "line1", "line2", "city", "region", "postcode", "countryCode",
        "latitude", "longitude", "what3words", "phone", "email", "tags", "locationTag", "managementTag", "assuranceScheme",
        "holdingNumber", "sqcNumber", "sqcAssured", "regionName",
    ];

    public static string Template() => CsvFiles.Template(Columns,
    [
        "", "farm", "Pitlands Farm", "Up Marden Farms", "Pitlands Lane", "", "Chichester", "West Sussex", "PO18 9JP", "GB",
        "50.9121", "-0.8712", "///filled.count.soap", "+44 1243 000000", "farm@upmarden.example", "arable|south", "West", "Estate",
        "RT", "11/111/1111", "SQC123", "true", "",
    ]);

    /// <param name="organisationId">The organisation of rows whose <c>organisationId</c> is blank (the import's target).</param>
    public async Task<CsvImportReport> ImportAsync(Stream csv, Guid? organisationId = null, bool dryRun = false,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        var rows = await CsvFiles.ReadAsync(csv, Columns, MaxRows, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (organisationId is { } target && !await db.Organisations.AnyAsync(o => o.Id == target, ct))
            throw DomainValidationException.For("organisationId", "No organisation has this id.");

        var named = rows.Select(r => Guid.TryParse(r["organisationId"], out var g) ? g : organisationId).OfType<Guid>().Distinct().ToList();
        var known = new HashSet<Guid>();
        foreach (var chunk in named.Chunk(500))
            known.UnionWith(await db.Organisations.Where(o => chunk.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct));
        // Unit identity within an organisation: its name (case-insensitive). Regions are found by name for regionName.
        var existing = new HashSet<(Guid, string)>();
        var regions = new Dictionary<(Guid, string), Guid>();
        foreach (var chunk in known.Chunk(500))
            foreach (var u in await db.BusinessUnits.AsNoTracking().Where(u => chunk.Contains(u.OrganisationId)).Select(u => new { u.OrganisationId, u.Name, u.Type, u.Id, u.ArchivedAt }).ToListAsync(ct))
            {
                existing.Add((u.OrganisationId, u.Name.ToUpperInvariant()));
                if (u.Type == BusinessUnitType.Region && u.ArchivedAt is null) regions[(u.OrganisationId, u.Name.ToUpperInvariant())] = u.Id;
            }
        var seen = new HashSet<(Guid, string)>();

        var errors = new List<CsvRowError>();
        var good = new List<CreateBusinessUnit>(rows.Count);
        var done = 0;
        progress?.Report(new WorkProgress("Checking", 0, rows.Count));
        foreach (var row in rows)
        {
            var rowErrors = new List<CsvRowError>();
            var command = Parse(row, organisationId, rowErrors);
            var result = await rules.ValidateAsync(command, ct);
            rowErrors.AddRange(result.Errors.Select(e => new CsvRowError(row.Row, ColumnOf(e.PropertyName), e.ErrorMessage)));
            if (command.OrganisationId != Guid.Empty && !known.Contains(command.OrganisationId))
                rowErrors.Add(new CsvRowError(row.Row, "organisationId", "No organisation has this id."));
            var regionName = row["regionName"].Trim();
            if (regionName.Length > 0)
            {
                if (regions.TryGetValue((command.OrganisationId, regionName.ToUpperInvariant()), out var region)) command.RegionId = region;
                else rowErrors.Add(new CsvRowError(row.Row, "regionName", $"The organisation has no region named {regionName}."));
            }
            if (rowErrors.Count == 0)
            {
                var identity = (command.OrganisationId, command.Name.Trim().ToUpperInvariant());
                if (existing.Contains(identity)) rowErrors.Add(new CsvRowError(row.Row, "name", "The organisation already has a unit with this name."));
                else if (!seen.Add(identity)) rowErrors.Add(new CsvRowError(row.Row, "name", "This unit name appears twice in the file for one organisation."));
            }
            if (rowErrors.Count > 0) errors.AddRange(rowErrors);
            else good.Add(command);
            if (++done % ReportEvery == 0) progress?.Report(new WorkProgress("Checking", done, rows.Count));
        }
        progress?.Report(new WorkProgress("Checking", rows.Count, rows.Count));

        if (!dryRun && good.Count > 0)
        {
            var now = clock.GetUtcNow();
            await db.InTransactionAsync(async ct =>
            {
                var saved = 0;
                foreach (var batch in good.Chunk(SaveBatch))
                {
                    foreach (var command in batch)
                    {
                        var unit = BusinessUnitService.New(command, now);
                        if (command.RegionId is { } region && unit.Type != BusinessUnitType.Region) unit.PlaceUnder(region);
                        db.BusinessUnits.Add(unit);
                    }
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                    saved += batch.Length;
                    progress?.Report(new WorkProgress("Saving", saved, good.Count));
                    log.LogInformation("Business unit import: {Saved} of {Total} rows written, not yet committed", saved, good.Count);
                }
            }, ct: ct);
            log.LogInformation("Business unit import: {Total} rows committed", good.Count);
        }
        return CsvImportReport.Build(Columns, rows, errors, dryRun ? 0 : good.Count);
    }

    private static CreateBusinessUnit Parse(CsvRecord row, Guid? target, List<CsvRowError> errors)
    {
        double? Number(string column)
        {
            var text = row[column].Trim();
            if (text.Length == 0) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
            errors.Add(new CsvRowError(row.Row, column, $"{column} must be a number in degrees such as 50.9121, not \"{text}\"."));
            return null;
        }

        bool Flag(string column)
        {
            var text = row[column].Trim().ToLowerInvariant();
            if (text is "" or "false" or "no" or "0") return false;
            if (text is "true" or "yes" or "1") return true;
            errors.Add(new CsvRowError(row.Row, column, $"{column} must be true or false (or yes/no), not \"{row[column]}\"."));
            return false;
        }

        var org = target ?? Guid.Empty;
        var orgText = row["organisationId"].Trim();
        if (orgText.Length > 0)
        {
            if (Guid.TryParse(orgText, out var id)) org = id;
            else errors.Add(new CsvRowError(row.Row, "organisationId", $"organisationId must be an organisation's id, not \"{orgText}\"."));
        }
        var typeText = row["type"].Trim();
        var type = BusinessUnitType.Farm;
        if (!Enum.TryParse(typeText, ignoreCase: true, out type) || !Enum.IsDefined(type))
            errors.Add(new CsvRowError(row.Row, "type", $"type must be farm, stores or region, not \"{typeText}\"."));

        return new CreateBusinessUnit
        {
            OrganisationId = org, Type = type, Name = row["name"], BusinessName = Blank(row["businessName"]),
            Line1 = row["line1"], Line2 = Blank(row["line2"]), City = row["city"], Region = Blank(row["region"]),
            Postcode = row["postcode"], CountryCode = row["countryCode"].Trim().ToUpperInvariant(),
            Latitude = Number("latitude"), Longitude = Number("longitude"), What3Words = Blank(row["what3words"]),
            Phone = Blank(row["phone"]), Email = Blank(row["email"]),
            Tags = [.. row["tags"].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            LocationTag = Blank(row["locationTag"]), ManagementTag = Blank(row["managementTag"]),
            AssuranceScheme = Blank(row["assuranceScheme"]), HoldingNumber = Blank(row["holdingNumber"]),
            SqcNumber = Blank(row["sqcNumber"]), IsSqcAssured = Flag("sqcAssured"),
        };
    }

    /// <summary>The CSV column of a validation error (the form's property names, camelCase, with a few renamed).</summary>
    private static string ColumnOf(string property) => property switch
    {
        "IsSqcAssured" => "sqcAssured",
        "What3Words" => "what3words",
        _ when property.StartsWith("Tags", StringComparison.Ordinal) => "tags",
        _ => ValidationExtensions.JsonName(property),
    };

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
