using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Pricing;

internal sealed class PricingGroupConfiguration : IEntityTypeConfiguration<PricingGroup>
{
    public void Configure(EntityTypeBuilder<PricingGroup> b)
    {
        b.ToTable("PricingGroups");
        b.Property(g => g.Id).ValueGeneratedNever();
        b.Property(g => g.Name).HasMaxLength(PricingGroup.NameMaxLength).IgnoringCase();
        b.Property(g => g.Currency).HasMaxLength(MoneyColumns.CurrencyLength).IsFixedLength().IsUnicode(false);
        // Read and written whole, never queried by key: one JSON text column.
        b.Property(g => g.Metadata).HasConversion(
                m => JsonSerializer.Serialize(m, JsonSerializerOptions.Default),
                s => JsonSerializer.Deserialize<Dictionary<string, string>>(s, JsonSerializerOptions.Default) ?? new(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, c) => a!.Count == c!.Count && !a.Except(c).Any(),
                    m => m.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
                    m => new Dictionary<string, string>(m)))
            .HasMaxLength(20_000);
        b.Ignore(g => g.IsDisabled);
        b.Property(g => g.Version).IsConcurrencyToken();
        // Name unique among enabled groups: a disabled group keeps its name without blocking a new one.
        b.HasIndex(g => g.Name).IsUnique().HasFilter("\"DisabledAt\" IS NULL").HasDatabaseName("IX_PricingGroups_Name_Enabled");
        b.HasIndex(g => new { g.DisabledAt, g.Name });
    }
}

internal sealed class PriceConfiguration : IEntityTypeConfiguration<Price>
{
    public void Configure(EntityTypeBuilder<Price> b)
    {
        b.ToTable("Prices");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Sku).HasMaxLength(Price.SkuMaxLength);
        b.HasMoney(p => p.Amount);
        b.Ignore(p => p.OriginalAmount);
        b.Property(p => p.Vat).HasMaxLength(VatRates.TextMaxLength);
        b.HasOne<PricingGroup>().WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Restrict);
        // "In force at T" is one seek: the latest ActiveAt ≤ T of (group, SKU). One live row per moment.
        b.HasIndex(p => new { p.GroupId, p.Sku, p.ActiveAt }).IsUnique().HasFilter("\"CancelledAt\" IS NULL")
            .HasDatabaseName("IX_Prices_GroupId_Sku_ActiveAt_Live");
        // The grid's default order (newest first) within a group without a sort.
        b.HasIndex(p => new { p.GroupId, p.ActiveAt });
    }
}

internal sealed class OrganisationPricingGroupConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.HasOne<PricingGroup>().WithMany().HasForeignKey(o => o.PricingGroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(o => new { o.PricingGroupId, o.Name });
    }
}
