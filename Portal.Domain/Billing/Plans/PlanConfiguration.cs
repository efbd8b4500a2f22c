using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.ToTable("Plans");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Code).HasMaxLength(Plan.CodeMaxLength).IgnoringCase();
        b.Property(p => p.Name).HasMaxLength(Plan.NameMaxLength).IgnoringCase();
        b.Property(p => p.Description).HasMaxLength(Plan.DescriptionMaxLength);
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.Interval).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.UsageUnit).HasMaxLength(Plan.UsageUnitMaxLength);
        b.HasMoney(p => p.Price);
        b.PrimitiveCollection(p => p.ModuleIds);
        b.PrimitiveCollection(p => p.AddOnIds);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Currency);
        b.HasMany(p => p.Tiers).WithOne().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.Code).IsUnique();
        b.HasIndex(p => new { p.IsArchived, p.Name, p.Id });
    }
}

internal sealed class PlanTierConfiguration : IEntityTypeConfiguration<PlanTier>
{
    public void Configure(EntityTypeBuilder<PlanTier> b)
    {
        b.ToTable("PlanTiers");
        b.Property(t => t.Id).ValueGeneratedNever();
        b.HasIndex(t => new { t.PlanId, t.Sorting }).IsUnique();
    }
}
