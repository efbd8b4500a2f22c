using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> b)
    {
        b.ToTable("Locations");
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.Name).HasMaxLength(Location.NameMaxLength).IgnoringCase();
        b.Property(l => l.Line1).HasMaxLength(PostalAddress.LineMaxLength);
        b.Property(l => l.Line2).HasMaxLength(PostalAddress.LineMaxLength);
        b.Property(l => l.City).HasMaxLength(PostalAddress.CityMaxLength);
        b.Property(l => l.Region).HasMaxLength(PostalAddress.RegionMaxLength);
        b.Property(l => l.Postcode).HasMaxLength(PostalAddress.PostcodeMaxLength);
        b.Property(l => l.CountryCode).HasMaxLength(2).IsFixedLength();
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasMany(l => l.Positions).WithOne().HasForeignKey(p => p.LocationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(l => l.SkuDefaults).WithOne().HasForeignKey(p => p.LocationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new { l.Name, l.Id });
    }
}

internal sealed class LocationPositionConfiguration : IEntityTypeConfiguration<LocationPosition>
{
    public void Configure(EntityTypeBuilder<LocationPosition> b)
    {
        b.ToTable("LocationPositions");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Code).HasMaxLength(LocationPosition.CodeMaxLength);
        b.HasIndex(p => new { p.LocationId, p.Code }).IsUnique();
        b.HasIndex(p => new { p.LocationId, p.Sorting });
    }
}

internal sealed class SkuDefaultPositionConfiguration : IEntityTypeConfiguration<SkuDefaultPosition>
{
    public void Configure(EntityTypeBuilder<SkuDefaultPosition> b)
    {
        b.ToTable("SkuDefaultPositions");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Sku).HasMaxLength(ShipmentLine.SkuMaxLength);
        b.Property(p => p.Position).HasMaxLength(LocationPosition.CodeMaxLength);
        b.HasIndex(p => new { p.LocationId, p.Sku }).IsUnique();
    }
}
