using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

/// <summary>
/// The last invoice number given out in one year. Numbers are taken by one atomic upsert (the same SQL on SQLite 3.35+
/// and PostgreSQL) inside the invoice's own transaction: the row is written first, so concurrent issuers queue on it,
/// a rolled-back issue gives its numbers back, and a new year's row is made by the first issuer of that year.
/// </summary>
[NotAudited]
public sealed class InvoiceNumberSeries
{
    public int Year { get; init; }
    public long Last { get; set; }

    public static string Format(int year, long number) => $"INV-{year}-{number:D6}";

    /// <summary>The first of <paramref name="count"/> consecutive numbers of <paramref name="year"/>; call inside a transaction.</summary>
    public static async Task<long> TakeAsync(PortalDbContext db, int year, int count, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Take invoice numbers inside a transaction.");
        var last = (await db.Database.SqlQuery<long>($"""
            INSERT INTO "InvoiceNumberSeries" ("Year", "Last") VALUES ({year}, {(long)count})
            ON CONFLICT ("Year") DO UPDATE SET "Last" = "InvoiceNumberSeries"."Last" + excluded."Last"
            RETURNING "Last" AS "Value"
            """).ToListAsync(ct)).Single();
        return last - count + 1;
    }
}

internal sealed class InvoiceNumberSeriesConfiguration : IEntityTypeConfiguration<InvoiceNumberSeries>
{
    public void Configure(EntityTypeBuilder<InvoiceNumberSeries> b)
    {
        b.ToTable("InvoiceNumberSeries");
        b.HasKey(n => n.Year);
        b.Property(n => n.Year).ValueGeneratedNever();
    }
}
