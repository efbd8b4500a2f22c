using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Pricing;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Pricing;

public sealed class PriceImportServiceTests(PricingFixture f) : IClassFixture<PricingFixture>
{
    private static Stream Csv(params string[] rows) =>
        new MemoryStream(System.Text.Encoding.UTF8.GetBytes("sku,amount,original_amount,active_at,vat\n" + string.Join("\n", rows) + "\n"));

    private async Task<int> PriceRowsAsync(Guid groupId)
    {
        await using var db = await f.Store.DbAsync();
        return await db.Prices.CountAsync(p => p.GroupId == groupId);
    }

    [Fact]
    public async Task Preview_SaysWhatIsNewChangedAndUnchanged_AndWritesNothing()
    {
        var group = await f.GroupAsync();
        await f.ScheduleAsync(group.Id, "SAME", 100, vat: "NL:21");
        await f.ScheduleAsync(group.Id, "MOVE", 200, vat: "NL:21");
        f.Store.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = f.Now.AddDays(7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

        var report = await f.Import.ImportAsync(group.Id, Csv(
            "same,100,,,NL:21",        // unchanged
            "MOVE,250,300,,NL:21",     // changes now
            $"MOVE,275,,{later},NL:21", // a planned change after that
            "NEW-1,999,,,\"DE:19;NL:21\""), apply: false);

        Assert.Empty(report.Errors);
        Assert.Equal((4, 1, 2, 1), (report.Total, report.New, report.Changed, report.Unchanged));
        Assert.False(report.Applied);
        var move = report.Lines.Where(l => l.Sku == "MOVE").OrderBy(l => l.ActiveAt).ToList();
        Assert.Equal([(200L, 250L), (250L, 275L)], move.Select(l => (l.OldAmount!.Value, l.Amount))); // the file's earlier row counts
        Assert.Equal(PriceImportKind.New, report.Lines.Single(l => l.Sku == "NEW-1").Kind);
        Assert.Equal(2, await PriceRowsAsync(group.Id));
    }

    [Fact]
    public async Task BadRows_AreReportedWithAFailedRowsFile_AndTheApplyWritesNothing()
    {
        var group = await f.GroupAsync();
        var report = await f.Import.ImportAsync(group.Id, Csv(
            "OK-1,100,,,NL:21",
            "NEG,-5,,,",
            "WAS,500,400,,",
            "VAT,100,,,NL:101",
            "ZONE,100,,2027-01-01T00:00:00,",
            "DUP,100,,2030-01-01T00:00:00Z,",
            "dup,200,,2030-01-01T00:00:00Z,",
            "CENTS,19.95,,,"), apply: true, version: group.Version);

        Assert.False(report.Applied);
        Assert.Equal(["amount", "original_amount", "vat", "active_at", "sku", "amount"], report.Errors.Select(e => e.Field));
        Assert.Equal([3, 4, 5, 6, 8, 9], report.Errors.Select(e => e.Row + 1));
        Assert.Contains("NEG,", report.FailedRowsCsv);
        Assert.DoesNotContain("OK-1", report.FailedRowsCsv);
        Assert.Equal(0, await PriceRowsAsync(group.Id));
    }

    [Fact]
    public async Task Apply_WritesEveryNewAndChangedRowInOneGo_ReplacingAPlannedPriceAtTheSameMoment()
    {
        var group = await f.GroupAsync();
        var at = f.Now.AddDays(3);
        var planned = await f.ScheduleAsync(group.Id, "PLAN", 100, at);
        var progress = new RecordingProgress();
        var preview = await f.Import.ImportAsync(group.Id, Csv($"PLAN,120,,{at:yyyy-MM-dd'T'HH:mm:ss'Z'},", "FRESH,50,,,"), apply: false);

        var applied = await f.Import.ImportAsync(group.Id, Csv($"PLAN,120,,{at:yyyy-MM-dd'T'HH:mm:ss'Z'},", "FRESH,50,,,"), apply: true, preview.GroupVersion, progress);

        Assert.True(applied.Applied);
        Assert.Equal(planned.Version + 1, applied.GroupVersion);
        Assert.Equal(120, (await f.Prices.LookupAsync(group.Id, "PLAN", null, null, at)).Amount.Minor);
        var timeline = await f.Prices.TimelineAsync(group.Id, "PLAN");
        Assert.Equal([PriceState.Cancelled, PriceState.Planned], timeline.Prices.Select(p => p.State));
        Assert.Contains(progress.Reports, r => r.Stage == "Saving" && r.Done == 2);
    }

    [Fact]
    public async Task TwoImportsFromOnePreview_OnlyTheFirstApplies()
    {
        var group = await f.GroupAsync();
        var preview = await f.Import.ImportAsync(group.Id, Csv("RACE,100,,,"), apply: false);

        await f.Import.ImportAsync(group.Id, Csv("RACE,100,,,"), apply: true, preview.GroupVersion);
        f.Store.Clock.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<ConcurrencyException>(() => f.Import.ImportAsync(group.Id, Csv("RACE-2,100,,,", "RACE,300,,,"), apply: true, preview.GroupVersion));

        Assert.Equal(1, await PriceRowsAsync(group.Id));
        Assert.Equal(100, (await f.Prices.LookupAsync(group.Id, "RACE", null, null, null)).Amount.Minor);
    }

    [Fact]
    public async Task PastedRows_FromASpreadsheet_WithoutAHeader_AreRead()
    {
        var group = await f.GroupAsync();
        var report = await f.Import.ImportAsync(group.Id, PriceImportService.Pasted("PASTE-1\t100\t\t\tNL:21;DE:19\nPASTE-2\t200\t250\t\t\n"), apply: false);

        Assert.Equal((2, 0), (report.New, report.Errors.Count));
        Assert.Equal("DE:19;NL:21", report.Lines.Single(l => l.Sku == "PASTE-1").Vat);
    }

    [Fact]
    public async Task AFileOverTheRowLimit_IsRefusedWhole()
    {
        var group = await f.GroupAsync();
        var rows = Enumerable.Range(0, PriceImportService.MaxRows + 1).Select(i => $"S{i},1,,,");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => f.Import.ImportAsync(group.Id, Csv([.. rows]), apply: false));
        Assert.Contains("100,000", error.Errors.Values.Single()[0]);
    }

    [Fact]
    public async Task Preview_ComparesEachRowWithThePriceInForce_NotOneItSuperseded_NorMissesAPlannedOne()
    {
        var group = await f.GroupAsync();
        await f.ScheduleAsync(group.Id, "OLD", 100);
        f.Store.Clock.Advance(TimeSpan.FromMinutes(1));
        await f.ScheduleAsync(group.Id, "OLD", 200); // in force now; the 100 is superseded
        var planned = f.Now.AddDays(5);
        await f.ScheduleAsync(group.Id, "OLD", 300, planned);
        f.Store.Clock.Advance(TimeSpan.FromMinutes(1));

        var report = await f.Import.ImportAsync(group.Id, Csv("OLD,100,,,NL:21", $"OLD,300,,{planned.AddDays(1):yyyy-MM-dd'T'HH:mm:ss'Z'},NL:21"), apply: false);

        Assert.Empty(report.Errors);
        Assert.Equal((0, 1, 1), (report.New, report.Changed, report.Unchanged));
        Assert.Equal(200, report.Lines.Single().OldAmount); // the 100 now is a change from 200, not "unchanged" against the superseded 100
    }

    [Fact]
    public async Task Apply_IsOneHistoryEntryOnTheGroup_AndTheRowsReadBackAsWritten()
    {
        var group = await f.GroupAsync();
        var atText = f.Now.AddDays(2).ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var at = DateTimeOffset.Parse(atText, System.Globalization.CultureInfo.InvariantCulture); // whole seconds, as the file says
        var file = new[] { $"BULK-1,150,175,{atText},NL:21;DE:19", "BULK-2,50,,,", "BULK-3,60,,," };
        var preview = await f.Import.ImportAsync(group.Id, Csv(file), apply: false);

        var applied = await f.Import.ImportAsync(group.Id, Csv(file), apply: true, preview.GroupVersion);

        Assert.True(applied.Applied);
        var lookup = await f.Prices.LookupAsync(group.Id, "bulk-1", "DE", null, at);
        Assert.Equal((150L, 175L, at, 19m), (lookup.Amount.Minor, lookup.OriginalAmount!.Value.Minor, lookup.ActiveAt, lookup.VatRate!.Value));
        Assert.Equal(group.Currency, lookup.Amount.Currency);
        await using var db = await f.Store.DbAsync();
        var ids = await db.Prices.Where(p => p.GroupId == group.Id).Select(p => p.Id.ToString()).ToListAsync();
        Assert.Equal(3, ids.Count);
        Assert.False(await db.AuditEntries.AnyAsync(a => ids.Contains(a.EntityId)));
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityId == group.Id.ToString() && a.Changes.Contains("pricesImported"));
        Assert.Contains("\"pricesImported\":{\"to\":3}", entry.Changes);
        Assert.Contains("\"newPrices\":{\"to\":3}", entry.Changes);
    }
}
