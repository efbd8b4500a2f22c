using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Domain.Billing;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("Subscriptions");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(s => s.Currency).HasMaxLength(MoneyColumns.CurrencyLength).IsFixedLength();
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Property(s => s.Collection).HasConversion<string>().HasMaxLength(24);
        b.Ignore(s => s.CreditBalance);
        b.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.AddOns).WithOne().HasForeignKey(a => a.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.OrganisationId, s.Status });
        // The job's queues: what is due by status and time.
        b.HasIndex(s => new { s.Status, s.CurrentPeriodEnd, s.Id });
        b.HasIndex(s => new { s.Status, s.TrialEnd, s.Id });
        b.HasIndex(s => new { s.Status, s.PaymentDueAt, s.Id });
        // The list's default sort and its plan filter.
        b.HasIndex(s => new { s.CreatedAt, s.Id }).IsDescending(true, true);
        b.HasIndex(s => new { s.PlanId, s.CreatedAt, s.Id }).IsDescending(false, true, true);
    }
}

internal sealed class SubscriptionAddOnConfiguration : IEntityTypeConfiguration<SubscriptionAddOn>
{
    public void Configure(EntityTypeBuilder<SubscriptionAddOn> b)
    {
        b.ToTable("SubscriptionAddOns");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.HasOne<Plan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.SubscriptionId, a.PlanId }).IsUnique();
    }
}

internal sealed class SubscriptionChangeConfiguration : IEntityTypeConfiguration<SubscriptionChange>
{
    public void Configure(EntityTypeBuilder<SubscriptionChange> b)
    {
        b.ToTable("SubscriptionChanges");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.ItemsJson).HasMaxLength(SubscriptionChange.ItemsMaxLength);
        b.Ignore(c => c.Items);
        b.HasOne<Subscription>().WithMany().HasForeignKey(c => c.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.SubscriptionId, c.At });
    }
}

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> b)
    {
        b.ToTable("UsageRecords");
        b.Property(u => u.Id).ValueGeneratedNever();
        b.Property(u => u.IdempotencyKey).HasMaxLength(UsageRecord.IdempotencyKeyMaxLength);
        b.HasOne<Subscription>().WithMany().HasForeignKey(u => u.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        // A retried report (same key) is one record: the unique index decides a race.
        b.HasIndex(u => new { u.SubscriptionId, u.IdempotencyKey }).IsUnique();
        b.HasIndex(u => new { u.SubscriptionId, u.At });
    }
}
