using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Domain.Billing;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.ToTable("Invoices");
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Number).HasMaxLength(Invoice.NumberMaxLength);
        b.Property(i => i.Reason).HasConversion<string>().HasMaxLength(24);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Currency).HasMaxLength(MoneyColumns.CurrencyLength).IsFixedLength();
        b.Property(i => i.VatRule).HasMaxLength(Invoice.VatRuleMaxLength);
        b.Property(i => i.VatPercent).HasPrecision(5, 2);
        b.Property(i => i.VatCountry).HasMaxLength(2).IsFixedLength();
        b.Property(i => i.VatNumber).HasMaxLength(Invoice.VatNumberMaxLength);
        b.Property(i => i.PaymentNote).HasMaxLength(Invoice.PaymentNoteMaxLength);
        b.HasMoney(i => i.Subtotal);
        b.HasMoney(i => i.Vat);
        b.HasMoney(i => i.Total);
        b.HasMoney(i => i.AmountPaid);
        b.HasMoney(i => i.CreditApplied);
        b.HasMoney(i => i.CreditAdded);
        b.Property(i => i.Collection).HasConversion<string>().HasMaxLength(24);
        b.Property(i => i.SentTo).HasMaxLength(Portal.Domain.Outbox.OutboxEmail.AddressMaxLength);
        b.Ignore(i => i.AmountDue);
        b.Ignore(i => i.ToCollect);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Subscription>().WithMany().HasForeignKey(i => i.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.Number).IsUnique();
        // One invoice per subscription period: a renewal run twice (or cut off and run again) cannot issue a second one.
        b.HasIndex(i => new { i.SubscriptionId, i.PeriodStart }).IsUnique();
        // The list: newest first, by status, by organisation; the Dashboard's MRR by month and past-due sum.
        b.HasIndex(i => new { i.IssuedAt, i.Id }).IsDescending(true, true);
        b.HasIndex(i => new { i.Status, i.IssuedAt, i.Id }).IsDescending(false, true, true);
        b.HasIndex(i => new { i.OrganisationId, i.IssuedAt });
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b)
    {
        b.ToTable("InvoiceLines");
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(l => l.Description).HasMaxLength(InvoiceLine.DescriptionMaxLength);
        b.Property(l => l.Rule).HasMaxLength(InvoiceLine.RuleMaxLength);
        b.HasMoney(l => l.Amount);
        b.HasIndex(l => new { l.InvoiceId, l.Sorting }).IsUnique();
        // The Dashboard's MRR: per plan (its interval decides the bound) a range of period starts, so 600,000 invoices' lines
        // are never scanned, only those of the month (or year) before each month's end. The migration BillingCredits also
        // puts AmountCurrency and AmountMinor in it (EF cannot name a complex property's columns in an index): it covers the sum.
        b.HasIndex(l => new { l.PlanId, l.PeriodStart, l.PeriodEnd, l.Kind, l.InvoiceId }).HasDatabaseName(RecurringRevenue.IndexName);
    }
}
