using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> b)
    {
        b.ToTable("Shipments");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Type).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Direction).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.FromKind).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.ToKind).HasConversion<string>().HasMaxLength(16);
        foreach (var side in new[] { "From", "To" })
        {
            b.Property<string?>(side + "ServicePoint").HasMaxLength(Shipment.ServicePointMaxLength);
            b.Property<string?>(side + "Name").HasMaxLength(Shipment.NameMaxLength);
            b.Property<string?>(side + "Line1").HasMaxLength(PostalAddress.LineMaxLength);
            b.Property<string?>(side + "Line2").HasMaxLength(PostalAddress.LineMaxLength);
            b.Property<string?>(side + "City").HasMaxLength(PostalAddress.CityMaxLength);
            b.Property<string?>(side + "Region").HasMaxLength(PostalAddress.RegionMaxLength);
            b.Property<string?>(side + "Postcode").HasMaxLength(PostalAddress.PostcodeMaxLength);
            b.Property<string?>(side + "CountryCode").HasMaxLength(2).IsFixedLength();
        }
        b.Property(s => s.OrderReference).HasMaxLength(Shipment.ReferenceMaxLength).IgnoringCase();
        b.Property(s => s.CancelReason).HasMaxLength(Shipment.ReasonMaxLength);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.NumberText);
        b.Ignore(s => s.IsEditable);
        b.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Units).WithOne().HasForeignKey(u => u.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Location>().WithMany().HasForeignKey(s => s.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ShippingMethod>().WithMany().HasForeignKey(s => s.MethodId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.SetNull);
        // The list sorts by number (newest first) or by date, filtered by status, location, type, method or
        // organisation: each index is one "filter, sort, id" path so a page and its total are index walks at 100,000.
        b.HasIndex(s => s.Number).IsUnique();
        b.HasIndex(s => new { s.Status, s.Number });
        b.HasIndex(s => new { s.Status, s.ShipAt, s.Id });
        b.HasIndex(s => new { s.LocationId, s.Status, s.ShipAt });
        b.HasIndex(s => new { s.LocationId, s.Number });
        b.HasIndex(s => new { s.Type, s.Direction, s.Number });
        b.HasIndex(s => new { s.MethodId, s.Number });
        b.HasIndex(s => new { s.OrganisationId, s.Number });
        b.HasIndex(s => new { s.ShipAt, s.Id });
        b.HasIndex(s => new { s.ExpectedAt, s.Id });
        b.HasIndex(s => new { s.CreatedAt, s.Id });
        b.HasIndex(s => s.OrderReference);
        b.HasIndex(s => new { s.HasWarning, s.Number });
        b.HasIndex(s => new { s.HasWarning, s.ShipAt, s.Id });
        // No foreign key: shipments are never deleted, and adding one would make SQLite rebuild the table.
        b.HasIndex(s => s.BackorderOfId);
        b.HasIndex(s => s.HandlingListId);
    }
}

internal sealed class ShipmentLineConfiguration : IEntityTypeConfiguration<ShipmentLine>
{
    public void Configure(EntityTypeBuilder<ShipmentLine> b)
    {
        b.ToTable("ShipmentLines");
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.Sku).HasMaxLength(ShipmentLine.SkuMaxLength);
        b.Property(l => l.Description).HasMaxLength(ShipmentLine.DescriptionMaxLength);
        b.Property(l => l.Position).HasMaxLength(LocationPosition.CodeMaxLength);
        b.HasIndex(l => new { l.ShipmentId, l.LineNo });
        b.HasIndex(l => new { l.Sku, l.ShipmentId }); // search by SKU
    }
}

internal sealed class ShipmentUnitConfiguration : IEntityTypeConfiguration<ShipmentUnit>
{
    public void Configure(EntityTypeBuilder<ShipmentUnit> b)
    {
        b.ToTable("ShipmentUnits");
        b.Property(u => u.Id).ValueGeneratedNever();
        b.Property(u => u.Sku).HasMaxLength(ShipmentLine.SkuMaxLength);
        b.Property(u => u.Position).HasMaxLength(LocationPosition.CodeMaxLength);
        b.Property(u => u.PickedPosition).HasMaxLength(LocationPosition.CodeMaxLength);
        b.Property(u => u.State).HasConversion<string>().HasMaxLength(16);
        b.Property(u => u.Label).HasMaxLength(HandlingList.LabelMaxLength);
        b.Property(u => u.LotNumber).HasMaxLength(ShipmentUnit.LotMaxLength);
        b.Property(u => u.HandledBy).HasMaxLength(Audit.AuditEntry.ActorMaxLength);
        b.Property(u => u.MissingReason).HasMaxLength(Shipment.ReasonMaxLength);
        b.HasOne<ShipmentLine>().WithMany().HasForeignKey(u => u.LineId).OnDelete(DeleteBehavior.Cascade);
        // A shipment's counts per state; a list's units per state, SKU and position (the pick lines and the claim).
        b.HasIndex(u => new { u.ShipmentId, u.State });
        b.HasIndex(u => new { u.HandlingListId, u.State, u.Sku, u.Position });
        b.HasIndex(u => u.PickId);
        b.HasIndex(u => u.ParcelId);
        b.HasIndex(u => new { u.State, u.HandledAt }); // missing today (dashboard)
    }
}
