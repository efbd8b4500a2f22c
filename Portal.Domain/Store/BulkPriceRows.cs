using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Domain.Store;

/// <summary>
/// Benchmark price rows written by the database itself in one INSERT … SELECT over a generated series (a recursive CTE
/// on SQLite, <c>generate_series</c> on PostgreSQL): a million rows in seconds, where entities through the change tracker
/// take minutes. Row <c>i</c> is SKU <c>SKU-{i % skus:D6}</c>'s version <c>i / skus</c>, from <c>start + version × step</c>,
/// amount <c>1000 + (sku × 7 + version × 13) % 9000</c>. Nobody's change: not audited, no live update.
/// </summary>
public static class BulkPriceRows
{
    public static async Task<int> InsertAsync(PortalDbContext db, Guid groupId, string currency, string vat, int skus, int versions,
        DateTimeOffset start, TimeSpan step, DateTimeOffset createdAt, CancellationToken ct = default)
    {
        var total = (long)skus * versions;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        void Add(string name, object value)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        const string Columns = "\"Id\", \"GroupId\", \"Sku\", \"OriginalMinor\", \"Vat\", \"ActiveAt\", \"CreatedAt\", \"CancelledAt\", \"AmountCurrency\", \"AmountMinor\"";
        if (db.Database.IsSqlite())
        {
            // Times are stored as EF's binary longs (StoreModel); for UTC they grow linearly, so version v starts at start + v × step.
            var binary = new DateTimeOffsetToBinaryConverter();
            long Binary(DateTimeOffset t) => (long)binary.ConvertToProvider(t.ToUniversalTime())!;
            command.CommandText = $"""
                INSERT INTO "Prices" ({Columns})
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @total)
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
                       @group, 'SKU-' || substr('000000' || (i % @skus), -6), NULL, @vat,
                       @start + (i / @skus) * @step, @created, NULL, @currency, 1000 + ((i % @skus) * 7 + (i / @skus) * 13) % 9000
                FROM n
                """;
            Add("@group", groupId.ToString().ToUpperInvariant()); // EF's SQLite Guid text
            Add("@start", Binary(start));
            Add("@step", Binary(start + step) - Binary(start));
            Add("@created", Binary(createdAt));
        }
        else
        {
            command.CommandText = $"""
                INSERT INTO "Prices" ({Columns})
                SELECT gen_random_uuid(), @group, 'SKU-' || lpad((i % @skus)::text, 6, '0'), NULL, @vat,
                       @start + (i / @skus) * @step, @created, NULL, @currency, 1000 + ((i % @skus) * 7 + (i / @skus) * 13) % 9000
                FROM generate_series(0::bigint, @total - 1) AS n(i)
                """;
            Add("@group", groupId);
            Add("@start", start.ToUniversalTime());
            Add("@step", step);
            Add("@created", createdAt.ToUniversalTime());
        }
        Add("@total", total);
        Add("@skus", (long)skus);
        Add("@vat", vat);
        Add("@currency", currency);
        command.CommandTimeout = 0;
        if (db.Database.CurrentTransaction is { } tx) command.Transaction = tx.GetDbTransaction();
        return await command.ExecuteNonQueryAsync(ct);
    }
}
