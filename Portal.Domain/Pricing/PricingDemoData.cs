using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Pricing;

/// <summary>
/// Demo pricing: groups in two currencies and both VAT modes, one disabled; SKUs with superseded, in-force, planned and
/// cancelled prices; some organisations in groups.
/// </summary>
public sealed class PricingDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock) : IDemoDataSeeder
{
    /// <summary>After organisations (some are put in groups).</summary>
    public int Order => 460;

    private static readonly string[] Skus =
    [
        "TSHIRT-RED-M", "TSHIRT-BLUE-L", "HOODIE-BLACK-S", "HOODIE-BLACK-XL", "CAP-RED-M", "MUG-BLUE-M", "SOCKS-RED-L", "TOTE-BLACK-S",
        "POSTER-BLUE-M", "SCARF-RED-M", "BEANIE-BLACK-S", "JACKET-BLUE-L",
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.PricingGroups.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        var groups = new[]
        {
            new PricingGroup { Name = "Retail NL", Currency = Currencies.EUR, IncludesVat = true, Metadata = new() { ["erp_code"] = "R1" }, CreatedAt = now.AddDays(-400) },
            new PricingGroup { Name = "Wholesale EU", Currency = Currencies.EUR, IncludesVat = false, Metadata = new() { ["erp_code"] = "W1", ["channel"] = "b2b" }, CreatedAt = now.AddDays(-300) },
            new PricingGroup { Name = "UK Trade", Currency = Currencies.GBP, IncludesVat = false, CreatedAt = now.AddDays(-200) },
            new PricingGroup { Name = "Retail 2024", Currency = Currencies.EUR, IncludesVat = true, CreatedAt = now.AddDays(-700) },
        };
        groups[3].Disable(now.AddDays(-100));
        db.PricingGroups.AddRange(groups);

        var vat = new Dictionary<string, string>
        {
            [Currencies.EUR] = VatRates.Format([new VatRate("NL", null, 21), new VatRate("DE", null, 19), new VatRate("BE", null, 21)]),
            [Currencies.GBP] = VatRates.Format([new VatRate("GB", null, 20), new VatRate("US", "Florida", 6)]),
        };
        foreach (var (group, g) in groups.Select((x, i) => (x, i)))
        {
            foreach (var (sku, i) in Skus.Select((s, i) => (s, i)))
            {
                var basePrice = 995 + i * 500 + g * 150;
                Price Row(long amount, DateTimeOffset from, long? was = null) => new()
                {
                    GroupId = group.Id, Sku = sku, Amount = new Money(amount, group.Currency), OriginalMinor = was,
                    Vat = vat[group.Currency], ActiveAt = from, CreatedAt = from < now ? from : now,
                };
                db.Prices.Add(Row(basePrice - 200, now.AddDays(-180)));                  // superseded
                db.Prices.Add(Row(basePrice, now.AddDays(-60 + i), i % 3 == 0 ? basePrice + 500 : null)); // in force
                if (i % 2 == 0) db.Prices.Add(Row(basePrice + 300, now.AddDays(14 + i)));  // planned
                if (i % 4 == 1)
                {
                    var cancelled = Row(basePrice + 900, now.AddDays(30));
                    cancelled.Cancel(now);
                    db.Prices.Add(cancelled);
                }
            }
        }

        var organisations = await db.Organisations.OrderBy(o => o.Name).Take(12).ToListAsync(ct);
        foreach (var (org, i) in organisations.Select((o, i) => (o, i)))
            if (i % 3 != 2) org.PricingGroupId = groups[i % 3].Id;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// One EUR group (VAT included) named "Bench prices" with <paramref name="rows"/> prices over <paramref name="skus"/>
    /// SKUs (<c>SKU-000000</c>…), each SKU a history of rows / skus prices a day apart from 7 days ago (so most are
    /// superseded, one is in force and the last ones are planned), written by the database in one statement, unaudited.
    /// Answers the group's id.
    /// </summary>
    public async Task<Guid> SeedForBenchmarkAsync(int rows, int skus, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var start = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()).AddDays(-7);
        await using var db = await dbs.CreateUnauditedContextAsync(ct);
        var group = new PricingGroup { Name = $"Bench prices {now:yyyyMMdd-HHmmss}", Currency = Currencies.EUR, IncludesVat = true, CreatedAt = now.AddDays(-30) };
        db.PricingGroups.Add(group);
        await db.SaveChangesAsync(ct);
        await db.InTransactionAsync(ct => BulkPriceRows.InsertAsync(db, group.Id, group.Currency, "DE:19;NL:21", skus, Math.Max(1, rows / skus),
            start, TimeSpan.FromDays(1), now.AddDays(-30), ct), ct: ct);
        return group.Id;
    }
}
