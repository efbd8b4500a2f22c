using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// Organisations from a CSV file: every row is checked first (the same rules as the create form, plus: the account
/// manager by email, and no organisation twice), then all good rows are saved in ONE transaction, so an import is
/// either saved whole (its good rows) or not at all. Each organisation starts Pending, with its owner when the row
/// names one. Saved in batches so 100,000 rows neither hold every entity in the change tracker nor go silent: progress
/// is reported as rows are checked and saved.
/// </summary>
public sealed class OrganisationImportService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<CreateOrganisation> rules,
    IEnumerable<INewOrganisationDefaults> defaults,
    ILogger<OrganisationImportService> log)
{
    public const int MaxRows = 100_000;
    private const int SaveBatch = 2_000;
    private const int ReportEvery = 1_000;

    public static readonly IReadOnlyList<string> Columns =
    [
        "name", "tradingName", "billingEmail", "companyNumber", "countryCode", "vetted", "merchant", "accountManagerEmail",
        "ownerEmail", "ownerGivenName", "ownerFamilyName",
    ];

    public static string Template() => CsvFiles.Template(Columns,
    [
        "Up Marden Farms Ltd", "Up Marden", "accounts@upmarden.example", "01234567", "GB", "false", "true", "",
        "olive@upmarden.example", "Olive", "Owner",
    ]);

    public async Task<CsvImportReport> ImportAsync(Stream csv, bool dryRun = false, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        var rows = await CsvFiles.ReadAsync(csv, Columns, MaxRows, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var managers = await ManagersByEmailAsync(db, ct);
        // Organisation identity for an import: its company number in its country, or else its name in its country.
        var existing = (await db.Organisations.AsNoTracking().Select(o => new { o.CountryCode, o.CompanyNumber, o.Name }).ToListAsync(ct))
            .Select(o => Identity(o.CountryCode, o.CompanyNumber, o.Name)).ToHashSet();
        var seen = new HashSet<string>();

        var errors = new List<CsvRowError>();
        var good = new List<CreateOrganisation>(rows.Count);
        var done = 0;
        progress?.Report(new WorkProgress("Checking", 0, rows.Count));
        foreach (var row in rows)
        {
            var rowErrors = new List<CsvRowError>();
            var command = Parse(row, managers, rowErrors);
            var result = await rules.ValidateAsync(command, ct);
            rowErrors.AddRange(result.Errors.Select(e => new CsvRowError(row.Row, ColumnOf(e.PropertyName), e.ErrorMessage)));
            if (rowErrors.Count == 0)
            {
                var identity = Identity(command.CountryCode, Normalize(command.CompanyNumber), command.Name.Trim());
                if (existing.Contains(identity))
                    rowErrors.Add(new CsvRowError(row.Row, IdentityColumn(command), $"An organisation with this {IdentityText(command)} in {command.CountryCode} already exists."));
                else if (!seen.Add(identity))
                    rowErrors.Add(new CsvRowError(row.Row, IdentityColumn(command), $"This {IdentityText(command)} appears twice in the file for {command.CountryCode}."));
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
                var setDefaults = await defaults.ForNewAsync(db, ct);
                foreach (var batch in good.Chunk(SaveBatch))
                {
                    foreach (var command in batch)
                    {
                        var org = OrganisationService.NewOrganisation(command, now);
                        setDefaults(org);
                        db.Organisations.Add(org);
                    }
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                    saved += batch.Length;
                    progress?.Report(new WorkProgress("Saving", saved, good.Count));
                    // The API has no progress bar: the log shows a long import moving (nothing is visible until the commit).
                    log.LogInformation("Organisation import: {Saved} of {Total} rows written, not yet committed", saved, good.Count);
                }
            }, ct: ct);
            log.LogInformation("Organisation import: {Total} rows committed", good.Count);
        }
        return CsvImportReport.Build(Columns, rows, errors, dryRun ? 0 : good.Count);
    }

    private static CreateOrganisation Parse(CsvRecord row, IReadOnlyDictionary<string, Guid> managers, List<CsvRowError> errors)
    {
        bool Flag(string column)
        {
            var text = row[column].Trim().ToLowerInvariant();
            if (text is "" or "false" or "no" or "0") return false;
            if (text is "true" or "yes" or "1") return true;
            errors.Add(new CsvRowError(row.Row, column, $"{column} must be true or false (or yes/no), not \"{row[column]}\"."));
            return false;
        }

        Guid? manager = null;
        var managerEmail = row["accountManagerEmail"].Trim();
        if (managerEmail.Length > 0)
        {
            if (managers.TryGetValue(managerEmail.ToUpperInvariant(), out var id)) manager = id;
            else errors.Add(new CsvRowError(row.Row, "accountManagerEmail", $"No active Admin or Staff user has the email {managerEmail}."));
        }

        var ownerEmail = row["ownerEmail"].Trim();
        return new CreateOrganisation
        {
            Name = row["name"], TradingName = Blank(row["tradingName"]), BillingEmail = row["billingEmail"],
            CompanyNumber = Blank(row["companyNumber"]), CountryCode = row["countryCode"].Trim().ToUpperInvariant(),
            IsVetted = Flag("vetted"), IsMerchant = Flag("merchant"), AccountManagerId = manager,
            Owner = ownerEmail.Length == 0 && row["ownerGivenName"].Trim().Length == 0 ? null
                : new CreateMember { Email = ownerEmail, GivenName = row["ownerGivenName"], FamilyName = row["ownerFamilyName"] },
        };
    }

    /// <summary>Who may be named as account manager: active Admin and Staff users, by upper-cased email.</summary>
    private static async Task<Dictionary<string, Guid>> ManagersByEmailAsync(PortalDbContext db, CancellationToken ct)
    {
        var writerRoles = Access.Write.Select(r => RoleIds.ByName[r]).ToArray();
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && writerRoles.Contains(r.RoleId)))
            .ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, ct);
    }

    /// <summary>The CSV column a validation error belongs to (the owner's fields are flattened into owner* columns).</summary>
    private static string ColumnOf(string property) => property switch
    {
        "Owner.Email" => "ownerEmail",
        "Owner.GivenName" => "ownerGivenName",
        "Owner.FamilyName" => "ownerFamilyName",
        "AccountManagerId" => "accountManagerEmail",
        _ => ValidationExtensions.JsonName(property),
    };

    private static string Identity(string country, string? companyNumber, string name) =>
        companyNumber is null ? $"{country}|name|{name.ToUpperInvariant()}" : $"{country}|number|{companyNumber}";

    private static string IdentityColumn(CreateOrganisation c) => c.CompanyNumber is null ? "name" : "companyNumber";
    private static string IdentityText(CreateOrganisation c) => c.CompanyNumber is null ? "name" : "company number";
    private static string? Normalize(string? companyNumber) => Blank(companyNumber)?.ToUpperInvariant();
    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
