using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>
/// The last number given out in one series (shipments SH-000123, handling lists HL-000042). A number is taken by one
/// conditional increment inside the caller's transaction, so two concurrent creates never get the same one and a
/// rolled-back create gives its number back.
/// </summary>
[NotAudited]
public sealed class LogisticsNumber
{
    public const string Shipments = "shipment";
    public const string HandlingLists = "handling-list";

    public required string Series { get; init; }
    public long Last { get; set; }

    /// <summary>Formats a series' number as people read it: <c>SH-000123</c>.</summary>
    public static string Format(string prefix, long number) => $"{prefix}-{number:D6}";

    /// <summary>
    /// The next <paramref name="count"/> numbers of <paramref name="series"/>; call inside a transaction. The increment is
    /// the first write, so it takes the row's (SQLite: the database's) write lock and later takers wait for the commit.
    /// </summary>
    public static async Task<long> TakeAsync(PortalDbContext db, string series, int count, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Take numbers inside a transaction.");
        var updated = await db.LogisticsNumbers.Where(n => n.Series == series)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Last, n => n.Last + count), ct);
        if (updated == 0) throw new InvalidOperationException($"The number series '{series}' is missing (the Logistics migration seeds it).");
        var last = await db.LogisticsNumbers.Where(n => n.Series == series).Select(n => n.Last).SingleAsync(ct);
        return last - count + 1;
    }
}

internal sealed class LogisticsNumberConfiguration : IEntityTypeConfiguration<LogisticsNumber>
{
    public void Configure(EntityTypeBuilder<LogisticsNumber> b)
    {
        b.ToTable("LogisticsNumbers");
        b.HasKey(n => n.Series);
        b.Property(n => n.Series).HasMaxLength(32);
        b.HasData(new LogisticsNumber { Series = LogisticsNumber.Shipments, Last = 0 }, new LogisticsNumber { Series = LogisticsNumber.HandlingLists, Last = 0 });
    }
}
