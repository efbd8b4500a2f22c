using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Pricing;

public enum PriceImportKind { New, Changed, Unchanged }

/// <summary>One checked row of an import: what it does to the SKU's price at its moment (old → new for a change).</summary>
public sealed record PriceImportLine(int Row, string Sku, DateTimeOffset ActiveAt, PriceImportKind Kind, long? OldAmount, long Amount, string? OldVat, string Vat);

/// <summary>
/// The preview of an import (and, once applied, its result): counts of new, changed and unchanged rows, the refused rows
/// with their reasons and a file of just those rows (with an <c>error</c> column) to fix and upload again, and the
/// group's version the apply must be made against.
/// </summary>
public sealed record PriceImportReport(
    int Total, int New, int Changed, int Unchanged, IReadOnlyList<CsvRowError> Errors, string? FailedRowsCsv,
    IReadOnlyList<PriceImportLine> Lines, bool Applied, long GroupVersion)
{
    public const int LinesShown = 1000;
    public bool CanApply => Errors.Count == 0 && New + Changed > 0;
}

/// <summary>
/// A group's prices from CSV (a file, or rows pasted from a spreadsheet): <c>sku, amount, original_amount, active_at,
/// vat</c>. Every row is checked and compared with the SKU's price in force at its moment (the file's earlier rows for
/// the SKU count too), so the preview says what is new, what changes (old → new) and what stays the same. Applying is
/// all or nothing: refused while any row is refused, then every new and changed row is written in batches inside ONE
/// transaction that first moves the group's version from the one the preview saw — a second import of the same group
/// from a stale preview (or racing this one) is a concurrency error and writes nothing. Unchanged rows write nothing;
/// a changed row at the moment of a planned price replaces it (the planned one is cancelled, kept in the history).
/// </summary>
public sealed class PriceImportService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<SchedulePrice> rules,
    ILogger<PriceImportService> log)
{
    public const int MaxRows = 100_000;
    private const int SaveBatch = 2_000;
    private const int ReportEvery = 2_000;
    private const int SkuChunk = 2_000;

    public static readonly IReadOnlyList<string> Columns = ["sku", "amount", "original_amount", "active_at", "vat"];

    public static string Template() => CsvFiles.Template(Columns, ["TSHIRT-RED-M", "1995", "2495", "2027-01-01T00:00:00Z", "NL:21;DE:19;US/Florida:6"]);

    /// <summary>Rows pasted from a spreadsheet (tabs) or typed (commas), with or without the header line, as a CSV stream.</summary>
    public static Stream Pasted(string text)
    {
        var trimmed = text.Trim('\r', '\n', ' ');
        var first = trimmed.Split('\n', 2)[0];
        var separator = first.Contains('\t') ? "\t" : ",";
        var hasHeader = first.TrimStart().StartsWith("sku", StringComparison.OrdinalIgnoreCase);
        var csv = hasHeader ? trimmed : string.Join(separator, Columns) + "\n" + trimmed;
        return new MemoryStream(Encoding.UTF8.GetBytes(csv));
    }

    /// <summary>Checks the file against the group (<paramref name="apply"/> false: the preview) or applies it at <paramref name="version"/>.</summary>
    public async Task<PriceImportReport> ImportAsync(Guid groupId, Stream csv, bool apply, long version = VersionedExtensions.AnyVersion,
        IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var rows = await CsvFiles.ReadAsync(csv, Columns, MaxRows, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var group = await db.PricingGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct) ?? throw new NotFoundException("PricingGroup", groupId);
        group.EnsureTakesPrices();
        var now = clock.GetUtcNow();

        progress?.Report(new WorkProgress("Checking", 0, rows.Count));
        var errors = new List<CsvRowError>();
        var parsed = new List<(CsvRecord Row, string Sku, long Amount, long? Original, DateTimeOffset ActiveAt, string Vat)>(rows.Count);
        var seen = new HashSet<(string, DateTimeOffset)>();
        var done = 0;
        foreach (var row in rows)
        {
            var rowErrors = new List<CsvRowError>();
            var command = Parse(row, now, rowErrors, out var activeAt);
            var result = await rules.ValidateAsync(command, ct);
            rowErrors.AddRange(result.Errors.Select(e => new CsvRowError(row.Row, ColumnOf(e.PropertyName), e.ErrorMessage)));
            var sku = Price.NormalizeSku(command.Sku);
            if (rowErrors.Count == 0 && !seen.Add((sku, activeAt)))
                rowErrors.Add(new CsvRowError(row.Row, "sku", $"{sku} from {activeAt:u} appears twice in the file; keep one row."));
            if (rowErrors.Count > 0) errors.AddRange(rowErrors);
            else parsed.Add((row, sku, command.Amount, command.OriginalAmount, activeAt, VatRates.Format(command.Vat)));
            if (++done % ReportEvery == 0) progress?.Report(new WorkProgress("Checking", done, rows.Count));
        }

        var checkedIn = watch.Elapsed;
        // The SKUs' live prices that a row from now on can meet, in chunks, as (moment → row) per SKU: each one's price in
        // force now and its planned ones (every row starts now or later, so what was superseded before now never counts —
        // at a million stored rows that is most of them). The file's rows join them in time order.
        var timelines = new Dictionary<string, List<Existing>>(StringComparer.Ordinal);
        var stored = 0;
        foreach (var chunk in parsed.Select(p => p.Sku).Distinct().Chunk(SkuChunk))
        {
            var existing = await db.Prices.AsNoTracking()
                .Where(p => p.GroupId == groupId && p.CancelledAt == null && chunk.Contains(p.Sku)
                    && (p.ActiveAt > now || !db.Set<Price>().Any(later => later.GroupId == groupId && later.Sku == p.Sku && later.CancelledAt == null
                                                                  && later.ActiveAt > p.ActiveAt && later.ActiveAt <= now)))
                .Select(p => new Existing(p.Id, p.Sku, p.ActiveAt, p.Amount.Minor, p.OriginalMinor, p.Vat)).ToListAsync(ct);
            foreach (var e in existing) (timelines.TryGetValue(e.Sku, out var list) ? list : timelines[e.Sku] = []).Add(e);
            stored += existing.Count;
        }
        var readIn = watch.Elapsed - checkedIn;
        progress?.Report(new WorkProgress("Checking", rows.Count, rows.Count));

        var lines = new List<PriceImportLine>(parsed.Count);
        var toAdd = new List<Price>();
        var toCancel = new List<Guid>();
        foreach (var p in parsed.OrderBy(p => p.Sku, StringComparer.Ordinal).ThenBy(p => p.ActiveAt))
        {
            var timeline = timelines.TryGetValue(p.Sku, out var t) ? t : timelines[p.Sku] = [];
            var current = timeline.Where(e => e.ActiveAt <= p.ActiveAt).MaxBy(e => e.ActiveAt);
            var kind = current is null ? PriceImportKind.New
                : current.Amount == p.Amount && current.Original == p.Original && current.Vat == p.Vat ? PriceImportKind.Unchanged
                : PriceImportKind.Changed;
            if (kind != PriceImportKind.Unchanged && current is not null && current.ActiveAt == p.ActiveAt)
            {
                if (current.Id is not { } id || current.ActiveAt <= now)
                {
                    errors.Add(new CsvRowError(p.Row.Row, "active_at", $"{p.Sku} already has a price from {p.ActiveAt:u} that has started; choose a later moment."));
                    continue;
                }
                toCancel.Add(id); // a planned price at the same moment is replaced
                timeline.Remove(current);
            }
            lines.Add(new PriceImportLine(p.Row.Row, p.Sku, p.ActiveAt, kind, current?.Amount, p.Amount, current?.Vat, p.Vat));
            if (kind == PriceImportKind.Unchanged) continue;
            timeline.Add(new Existing(null, p.Sku, p.ActiveAt, p.Amount, p.Original, p.Vat));
            toAdd.Add(new Price
            {
                GroupId = groupId, Sku = p.Sku, Amount = new Money(p.Amount, group.Currency), OriginalMinor = p.Original,
                Vat = p.Vat, ActiveAt = p.ActiveAt, CreatedAt = now,
            });
        }

        var comparedIn = watch.Elapsed - checkedIn - readIn;
        var newCount = lines.Count(l => l.Kind == PriceImportKind.New);
        var changedCount = lines.Count(l => l.Kind == PriceImportKind.Changed);
        var unchangedCount = lines.Count - newCount - changedCount;
        var applied = false;
        var groupVersion = group.Version;
        if (apply && errors.Count == 0 && toAdd.Count > 0)
        {
            groupVersion = await db.InTransactionAsync(async ct =>
            {
                var tracked = await PricingGroupService.ForChangeAsync(db, groupId, version, ct);
                tracked.EnsureTakesPrices();
                PricingGroupService.TouchPrices(db, tracked, now);
                db.AuditEntries.Add(ImportEntry(groupId, rows.Count, newCount, changedCount, unchangedCount, toCancel.Count, toAdd, now));
                await db.SaveChangesAsync(ct); // moves the version first: a racing import of this group fails here or at commit
                var newVersion = tracked.Version;
                foreach (var ids in toCancel.Chunk(SaveBatch))
                {
                    // Few (a planned price replaced at its own moment), and each one's cancellation in its own History entry.
                    foreach (var planned in await db.Prices.Where(x => ids.Contains(x.Id)).ToListAsync(ct)) planned.Cancel(now);
                    await db.SaveChangesAsync(ct);
                }
                var saved = 0;
                foreach (var batch in toAdd.Chunk(SaveBatch))
                {
                    // Multi-row INSERTs, not tracked entities: the import's one History entry above stands for these rows.
                    saved += await db.InsertAsync(batch, ct);
                    progress?.Report(new WorkProgress("Saving", saved, toAdd.Count));
                }
                return newVersion;
            }, ct: ct);
            applied = true;
        }
        log.LogInformation(
            "Price import into {Group} ({Mode}): {Rows} rows checked in {CheckMs} ms, {Stored} stored prices read in {ReadMs} ms, compared in {CompareMs} ms, {Written} written in {WriteMs} ms",
            groupId, apply ? "apply" : "preview", rows.Count, (long)checkedIn.TotalMilliseconds, stored, (long)readIn.TotalMilliseconds,
            (long)comparedIn.TotalMilliseconds, applied ? toAdd.Count : 0, (long)(watch.Elapsed - checkedIn - readIn - comparedIn).TotalMilliseconds);

        var sorted = errors.OrderBy(e => e.Row).ToList();
        return new PriceImportReport(rows.Count, newCount, changedCount, unchangedCount,
            sorted, sorted.Count == 0 ? null : CsvImportReport.Build(Columns, rows, sorted, 0).FailedRowsCsv,
            [.. lines.Where(l => l.Kind != PriceImportKind.Unchanged).OrderBy(l => l.Row).Take(PriceImportReport.LinesShown)],
            applied, groupVersion);
    }

    /// <summary>
    /// The import's one History entry, on the group (its History tab shows it), in the same transaction as its rows: who,
    /// when (every row it wrote carries this moment as its CreatedAt), how many rows did what and which moments they start
    /// at. The rows themselves are never edited, so they need no entry of their own; one each cost more than the rows.
    /// </summary>
    private AuditEntry ImportEntry(Guid groupId, int rows, int added, int changed, int unchanged, int replaced, IReadOnlyList<Price> written, DateTimeOffset now) =>
        AuditEntry.For(user, now, nameof(PricingGroup), groupId.ToString(), AuditActions.Updated, new Dictionary<string, object?>
        {
            ["pricesImported"] = new { to = written.Count },
            ["importRows"] = new { to = rows },
            ["newPrices"] = new { to = added },
            ["changedPrices"] = new { to = changed },
            ["unchangedRows"] = new { to = unchanged },
            ["plannedPricesReplaced"] = new { to = replaced },
            ["activeFrom"] = new { to = written.Min(p => p.ActiveAt) },
            ["activeUntil"] = new { to = written.Max(p => p.ActiveAt) },
        });

    private sealed record Existing(Guid? Id, string Sku, DateTimeOffset ActiveAt, long Amount, long? Original, string Vat);

    private static SchedulePrice Parse(CsvRecord row, DateTimeOffset now, List<CsvRowError> errors, out DateTimeOffset activeAt)
    {
        long Whole(string column, string what)
        {
            var text = row[column].Trim();
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
            errors.Add(new CsvRowError(row.Row, column, text.Length == 0
                ? $"Enter the {what} in minor units (1995 for 19.95)."
                : $"\"{text}\" is not a whole number of minor units (1995 for 19.95)."));
            return 0;
        }

        var amount = Whole("amount", "amount");
        long? original = row["original_amount"].Trim().Length == 0 ? null : Whole("original_amount", "original amount");

        activeAt = now;
        var when = row["active_at"].Trim();
        if (when.Length > 0)
        {
            if (!Moments.TryParse(when, out var parsed))
                errors.Add(new CsvRowError(row.Row, "active_at", Moments.Problem(when)));
            else if ((activeAt = parsed) < now)
                errors.Add(new CsvRowError(row.Row, "active_at", $"{when} is in the past: a new price starts now or later (leave it empty for now)."));
        }

        List<VatRate> vat = [];
        try { vat = [.. VatRates.Parse(row["vat"])]; }
        catch (FormatException e) { errors.Add(new CsvRowError(row.Row, "vat", e.Message)); }

        return new SchedulePrice { Sku = row["sku"], Amount = amount, OriginalAmount = original, ActiveAt = activeAt, Vat = vat };
    }

    private static string ColumnOf(string property) => property switch
    {
        "OriginalAmount" => "original_amount",
        "ActiveAt" => "active_at",
        _ when property.StartsWith("Vat", StringComparison.Ordinal) => "vat",
        _ => ValidationExtensions.JsonName(property),
    };
}
