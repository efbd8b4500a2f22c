using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// Organisations from a CSV file: every row is checked first (the same rules as the create form, plus: the account
/// manager by email, no organisation twice in the file, and the create form's duplicate check unless the row says
/// <c>notDuplicate</c>), then all good rows are saved in ONE transaction, so an import is
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
    /// <summary>Rows whose duplicates are looked up together (each way of matching is one indexed query per batch).</summary>
    private const int DuplicateBatch = 500;

    /// <summary>
    /// Columns a file may leave out (files made before they existed still import): <c>notDuplicate</c> true says the row
    /// is a different organisation from the likely duplicates the import found for it.
    /// </summary>
    public static readonly IReadOnlyList<string> OptionalColumns = ["notDuplicate"];

    public static readonly IReadOnlyList<string> Columns =
    [
        "name", "tradingName", "billingEmail", "companyNumber", "countryCode", "vetted", "merchant", "accountManagerEmail",
        "ownerEmail", "ownerGivenName", "ownerFamilyName",
    ];

    public static string Template() => CsvFiles.Template([.. Columns, .. OptionalColumns],
    [
        "Up Marden Farms Ltd", "Up Marden", "accounts@upmarden.example", "01234567", "GB", "false", "true", "",
        "olive@upmarden.example", "Olive", "Owner", "false",
    ]);

    public async Task<CsvImportReport> ImportAsync(Stream csv, bool dryRun = false, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        var rows = await CsvFiles.ReadAsync(csv, Columns, MaxRows, ct, optional: OptionalColumns);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var managers = await ManagersByEmailAsync(db, ct);
        var seen = new HashSet<string>();

        var errors = new List<CsvRowError>();
        var checkedRows = new List<(int Row, CreateOrganisation Command)>(rows.Count);
        var done = 0;
        progress?.Report(new WorkProgress("Checking", 0, rows.Count));
        foreach (var row in rows)
        {
            var rowErrors = new List<CsvRowError>();
            var command = Parse(row, managers, rowErrors);
            var result = await rules.ValidateAsync(command, ct);
            rowErrors.AddRange(result.Errors.Select(e => new CsvRowError(row.Row, ColumnOf(e.PropertyName), e.ErrorMessage)));
            // Twice in the file: the same company number in the country, or else the same name in the country.
            if (rowErrors.Count == 0 && !seen.Add(Identity(command)))
                rowErrors.Add(new CsvRowError(row.Row, IdentityColumn(command), $"This {IdentityText(command)} appears twice in the file for {command.CountryCode}."));
            if (rowErrors.Count > 0) errors.AddRange(rowErrors);
            else checkedRows.Add((row.Row, command));
            if (++done % ReportEvery == 0) progress?.Report(new WorkProgress("Checking", done, rows.Count));
        }

        // Against the organisations Portal has: the create form's duplicate check, a batch of rows per lookup.
        var good = new List<CreateOrganisation>(checkedRows.Count);
        foreach (var batch in checkedRows.Chunk(DuplicateBatch))
        {
            var toCheck = batch.Where(r => !r.Command.ConfirmedNotDuplicate).ToList();
            var candidates = await OrganisationDuplicates.FindAsync(db, toCheck.Select(r => DuplicateProbe.Of(r.Command)).ToList(), ct);
            var refused = new Dictionary<int, IReadOnlyList<DuplicateCandidate>>();
            for (var i = 0; i < toCheck.Count; i++)
                if (candidates[i].Count > 0) refused[toCheck[i].Row] = candidates[i];
            foreach (var (row, command) in batch)
            {
                if (refused.TryGetValue(row, out var found)) errors.Add(DuplicateError(row, found));
                else good.Add(command);
            }
        }
        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
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
        return CsvImportReport.Build([.. Columns, .. OptionalColumns], rows, errors, dryRun ? 0 : good.Count);
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
            IsVetted = Flag("vetted"), IsMerchant = Flag("merchant"), AccountManagerId = manager, ConfirmedNotDuplicate = Flag("notDuplicate"),
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

    private static string Identity(CreateOrganisation c) => OrganisationDuplicates.CompanyNumberOf(c.CompanyNumber) is { } number
        ? $"{c.CountryCode}|number|{number}" : $"{c.CountryCode}|name|{OrganisationDuplicates.NameKey(c.Name)}";

    /// <summary>The row's error names the column of its strongest match and every candidate with how it matched.</summary>
    private static CsvRowError DuplicateError(int row, IReadOnlyList<DuplicateCandidate> found)
    {
        var column = found.SelectMany(c => c.Matches).Min() switch
        {
            DuplicateMatchKind.CompanyNumber => "companyNumber",
            DuplicateMatchKind.Name => "name",
            DuplicateMatchKind.BillingEmailDomain => "billingEmail",
            _ => "ownerEmail",
        };
        var which = string.Join("; ", found.Take(3).Select(c => $"{c.Name} ({c.CountryCode}: {string.Join(", ", c.Matches.Select(OrganisationDuplicates.Describe))})"));
        return new CsvRowError(row, column,
            $"An organisation like this already exists: {which}. If this row is a different organisation, set notDuplicate to true.");
    }

    private static string IdentityColumn(CreateOrganisation c) => c.CompanyNumber is null ? "name" : "companyNumber";
    private static string IdentityText(CreateOrganisation c) => c.CompanyNumber is null ? "name" : "company number";
    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
