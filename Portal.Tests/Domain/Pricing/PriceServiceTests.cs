using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Pricing;
using Portal.Domain.Store;

namespace Portal.Tests.Domain.Pricing;

public sealed class PriceServiceTests(PricingFixture f) : IClassFixture<PricingFixture>
{
    [Fact]
    public async Task Lookup_ExactlyAtActiveAt_IsTheNewPrice_AndOneTickBefore_IsTheOldOne()
    {
        var group = await f.GroupAsync();
        var old = await f.ScheduleAsync(group.Id, "tee-1", 1000);
        var from = f.Now.AddDays(3);
        var planned = await f.ScheduleAsync(group.Id, "TEE-1", 1200, from);

        var before = await f.Prices.LookupAsync(group.Id, "tee-1", "NL", null, from.AddTicks(-1));
        var at = await f.Prices.LookupAsync(group.Id, "tee-1", "NL", null, from);

        Assert.Equal((1000, old.Item.Id, (DateTimeOffset?)from), (before.Amount.Minor, before.PriceId, before.Until));
        Assert.Equal((1200, planned.Item.Id, (DateTimeOffset?)null), (at.Amount.Minor, at.PriceId, at.Until));
        Assert.Equal(from, at.ActiveAt);
    }

    [Fact]
    public async Task Lookup_BeforeTheFirstPrice_IsNotFound()
    {
        var group = await f.GroupAsync();
        var from = f.Now.AddHours(1);
        await f.ScheduleAsync(group.Id, "EARLY", 500, from);

        await Assert.ThrowsAsync<NotFoundException>(() => f.Prices.LookupAsync(group.Id, "EARLY", null, null, from.AddTicks(-1)));
    }

    [Fact]
    public async Task Lookup_AddsVatToANetGroup_RoundingTheVatToEven()
    {
        var group = await f.GroupAsync(includesVat: false);
        await f.ScheduleAsync(group.Id, "NET", 1050, vat: "NL:21;DE:5;US:0;US/Florida:6");

        var nl = await f.Prices.LookupAsync(group.Id, "NET", "NL", null, null);
        var de = await f.Prices.LookupAsync(group.Id, "NET", "de", null, null);
        var florida = await f.Prices.LookupAsync(group.Id, "NET", "US", "florida", null);
        var ohio = await f.Prices.LookupAsync(group.Id, "NET", "US", "Ohio", null);

        Assert.Equal((1050L, 220L, 1270L), (nl.AmountExcludingVat!.Value.Minor, nl.Vat!.Value.Minor, nl.AmountIncludingVat!.Value.Minor)); // 220.5 → 220
        Assert.Equal((52L, 1102L), (de.Vat!.Value.Minor, de.AmountIncludingVat!.Value.Minor));   // 52.5 → 52 (to even), not 53
        Assert.Equal((6m, "Florida", 63L), (florida.VatRate!.Value, florida.VatRegion, florida.Vat!.Value.Minor));
        Assert.Equal((0m, (string?)null), (ohio.VatRate!.Value, ohio.VatRegion)); // the country's national rate
    }

    [Fact]
    public async Task Lookup_TakesVatOutOfAGrossGroup_AndNetPlusVatIsGross()
    {
        var group = await f.GroupAsync(includesVat: true);
        await f.ScheduleAsync(group.Id, "GROSS", 1216, vat: "NL:21;FR:20");

        var nl = await f.Prices.LookupAsync(group.Id, "GROSS", "NL", null, null);
        var fr = await f.Prices.LookupAsync(group.Id, "GROSS", "FR", null, null);
        var none = await f.Prices.LookupAsync(group.Id, "GROSS", "JP", null, null);

        Assert.Equal((1005L, 211L, 1216L), (nl.AmountExcludingVat!.Value.Minor, nl.Vat!.Value.Minor, nl.AmountIncludingVat!.Value.Minor));
        Assert.Equal((1013L, 203L), (fr.AmountExcludingVat!.Value.Minor, fr.Vat!.Value.Minor)); // 202.67 → 203
        Assert.Null(none.VatRate);
        Assert.Null(none.AmountExcludingVat);
        Assert.Equal(1216, none.AmountIncludingVat!.Value.Minor);
    }

    [Fact]
    public async Task CancellingAPlannedPrice_TakesItOutOfTheLookup_AndAStartedOneCannotBeCancelled()
    {
        var group = await f.GroupAsync();
        var current = await f.ScheduleAsync(group.Id, "CXL", 700);
        var planned = await f.ScheduleAsync(group.Id, "CXL", 900, f.Now.AddDays(1));

        var cancelled = await f.Prices.CancelAsync(group.Id, planned.Item.Id, planned.Version);

        Assert.Equal(PriceState.Cancelled, cancelled.Item.State);
        Assert.Equal(700, (await f.Prices.LookupAsync(group.Id, "CXL", null, null, f.Now.AddDays(2))).Amount.Minor);
        var started = await Assert.ThrowsAsync<ConflictException>(() => f.Prices.CancelAsync(group.Id, current.Item.Id, cancelled.Version));
        Assert.Equal("price.started", started.Code);
        var again = await Assert.ThrowsAsync<ConflictException>(() => f.Prices.CancelAsync(group.Id, planned.Item.Id, cancelled.Version));
        Assert.Equal("price.cancelled", again.Code);
    }

    [Fact]
    public async Task Grid_FiltersPlannedInForceAndSuperseded_InSql()
    {
        var group = await f.GroupAsync();
        var first = await f.ScheduleAsync(group.Id, "GRID-A", 100);
        f.Store.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await f.ScheduleAsync(group.Id, "GRID-A", 110);
        var planned = await f.ScheduleAsync(group.Id, "GRID-A", 120, f.Now.AddDays(5));
        var other = await f.ScheduleAsync(group.Id, "GRID-B", 300);

        async Task<Guid[]> Ids(PriceState state) => [.. (await f.Prices.ListAsync(group.Id, new PriceQuery { State = state })).Items.Select(p => p.Id)];

        Assert.Equal([second.Item.Id, other.Item.Id], await Ids(PriceState.InForce));
        Assert.Equal([first.Item.Id], await Ids(PriceState.Superseded));
        Assert.Equal([planned.Item.Id], await Ids(PriceState.Planned));
        var searched = await f.Prices.ListAsync(group.Id, new PriceQuery { Q = "grid-b" });
        Assert.Equal([other.Item.Id], searched.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task Schedule_RefusesTheInputTheIssueNames()
    {
        var group = await f.GroupAsync();
        var version = (await f.Groups.GetAsync(group.Id)).Version;
        async Task<IReadOnlyDictionary<string, string[]>> Errors(SchedulePrice p) =>
            (await Assert.ThrowsAsync<DomainValidationException>(() => f.Prices.ScheduleAsync(group.Id, p, version))).Errors;

        Assert.Contains("amount", (await Errors(new SchedulePrice { Sku = "X", Amount = -1 })).Keys);
        Assert.Contains("originalAmount", (await Errors(new SchedulePrice { Sku = "X", Amount = 500, OriginalAmount = 499 })).Keys);
        Assert.Contains("vat[0]", (await Errors(new SchedulePrice { Sku = "X", Amount = 500, Vat = [new VatRate("NL", null, 100.5m)] })).Keys);
        Assert.Contains("vat[0]", (await Errors(new SchedulePrice { Sku = "X", Amount = 500, Vat = [new VatRate("XX", null, 10)] })).Keys);
        Assert.Contains("activeAt", (await Errors(new SchedulePrice { Sku = "X", Amount = 500, ActiveAt = f.Now.AddTicks(-1) })).Keys);
    }

    [Fact]
    public async Task Schedule_FromAStaleGroupVersion_IsAConcurrencyError_AndAViewerCannotSchedule()
    {
        var group = await f.GroupAsync();
        await f.ScheduleAsync(group.Id, "STALE", 100);

        await Assert.ThrowsAsync<ConcurrencyException>(() => f.Prices.ScheduleAsync(group.Id, new SchedulePrice { Sku = "STALE", Amount = 200 }, group.Version));
        f.Store.ActAs(Roles.Viewer);
        await Assert.ThrowsAsync<ForbiddenException>(() => f.Prices.ScheduleAsync(group.Id, new SchedulePrice { Sku = "STALE", Amount = 200 }, VersionedExtensions.AnyVersion));
        Assert.Equal(100, (await f.Prices.LookupAsync(group.Id, "STALE", null, null, null)).Amount.Minor);
    }

    [Fact]
    public async Task Export_StreamsOneRowPerSkuInForceAtTheDate_InTheImportColumns()
    {
        var group = await f.GroupAsync();
        await f.ScheduleAsync(group.Id, "EXP-B", 200);
        await f.ScheduleAsync(group.Id, "EXP-A", 100, vat: "DE:19;NL:21");
        var later = f.Now.AddDays(10);
        await f.ScheduleAsync(group.Id, "EXP-A", 150, later);

        string Export(DateTimeOffset at)
        {
            using var output = new MemoryStream();
            f.Prices.ExportAsync(group.Id, at, output).GetAwaiter().GetResult();
            return System.Text.Encoding.UTF8.GetString(output.ToArray()).ReplaceLineEndings("\n");
        }

        var nowFile = Export(f.Now);
        Assert.StartsWith("sku,amount,original_amount,active_at,vat\n", nowFile);
        Assert.Contains("EXP-A,100,,", nowFile);
        Assert.Contains("DE:19;NL:21", nowFile);
        Assert.True(nowFile.IndexOf("EXP-A", StringComparison.Ordinal) < nowFile.IndexOf("EXP-B", StringComparison.Ordinal));
        Assert.Contains("EXP-A,150,,", Export(later));
        Assert.DoesNotContain("EXP-A,100", Export(later));
    }

    [Fact]
    public async Task APriceIsFiledUnderItsGroupsHistory()
    {
        var group = await f.GroupAsync();
        var price = await f.ScheduleAsync(group.Id, "HIST", 100);

        await using var db = await f.Store.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityId == price.Item.Id.ToString());
        Assert.Equal((nameof(Price), group.Id.ToString()), (entry.EntityType, entry.AggregateId));
    }

    [Fact]
    public async Task Lookup_IsOneSeekOnTheLiveIndex_WithNoScanOrSort_InTheQueryPlan()
    {
        var group = await f.GroupAsync();
        await using var db = await f.Store.DbAsync();
        // 20,000 rows (2,000 SKUs, 10 prices each) written by the database, the bench's seeder, then fresh statistics.
        var written = await db.InTransactionAsync(ct => Portal.Domain.Store.BulkPriceRows.InsertAsync(db, group.Id, group.Currency, "NL:21",
            2_000, 10, f.Now.AddDays(-5), TimeSpan.FromDays(1), f.Now.AddDays(-6), ct));
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        var at = f.Now.AddDays(-2).AddHours(1);

        var lookup = await f.Prices.LookupAsync(group.Id, "sku-001234", null, null, at);
        var inForce = await PlanAsync(db, PriceService.InForceAt(db, group.Id, "SKU-001234", at));
        var next = await PlanAsync(db, PriceService.NextAfter(db, group.Id, "SKU-001234", lookup.ActiveAt));

        Assert.Equal(20_000, written);
        Assert.Equal((1000L + (1234 * 7 + 3 * 13) % 9000, f.Now.AddDays(-2), (DateTimeOffset?)f.Now.AddDays(-1)), (lookup.Amount.Minor, lookup.ActiveAt, lookup.Until));
        foreach (var plan in new[] { inForce, next })
        {
            Assert.Contains("IX_Prices_GroupId_Sku_ActiveAt_Live", plan);
            Assert.DoesNotMatch(@"(?im)^\W*(SCAN|Seq Scan)\b", plan);  // no table walk
            Assert.DoesNotContain("TEMP B-TREE", plan);                  // SQLite: no sort
            Assert.DoesNotMatch(@"(?m)^\W*Sort\b", plan);               // PostgreSQL: no sort
        }
    }

    /// <summary>The plan the database chooses for <paramref name="query"/>, as text (SQLite EXPLAIN QUERY PLAN, PostgreSQL EXPLAIN).</summary>
    private static async Task<string> PlanAsync<T>(PortalDbContext db, IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = (db.Database.IsSqlite() ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        if (command.Connection!.State != System.Data.ConnectionState.Open) await command.Connection.OpenAsync();
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        // SQLite answers (id, parent, notused, detail); PostgreSQL one text column.
        while (await reader.ReadAsync()) lines.Add(reader.GetString(reader.FieldCount - 1));
        return string.Join("\n", lines);
    }
}
