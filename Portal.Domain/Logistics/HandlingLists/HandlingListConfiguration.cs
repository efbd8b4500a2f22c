using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Audit;

namespace Portal.Domain.Logistics;

internal sealed class HandlingListConfiguration : IEntityTypeConfiguration<HandlingList>
{
    public void Configure(EntityTypeBuilder<HandlingList> b)
    {
        b.ToTable("HandlingLists");
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.State).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.StateBeforeHold).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.HoldReason).HasMaxLength(HandlingList.ReasonMaxLength);
        b.Property(l => l.CancelReason).HasMaxLength(HandlingList.ReasonMaxLength);
        b.Property(l => l.PickerName).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(l => l.CreatedBy).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.Ignore(l => l.NumberText);
        b.HasMany(l => l.Shipments).WithOne().HasForeignKey(s => s.HandlingListId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Location>().WithMany().HasForeignKey(l => l.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => l.Number).IsUnique();
        b.HasIndex(l => new { l.State, l.DueAt, l.Id });
        b.HasIndex(l => new { l.LocationId, l.State, l.DueAt });
        b.HasIndex(l => new { l.PickerId, l.State });
    }
}

internal sealed class HandlingListShipmentConfiguration : IEntityTypeConfiguration<HandlingListShipment>
{
    public void Configure(EntityTypeBuilder<HandlingListShipment> b)
    {
        b.ToTable("HandlingListShipments");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Label).HasMaxLength(HandlingList.LabelMaxLength);
        b.HasIndex(s => new { s.HandlingListId, s.Label }).IsUnique();
        b.HasIndex(s => new { s.HandlingListId, s.ShipmentId }).IsUnique();
        b.HasIndex(s => s.ShipmentId);
    }
}

internal sealed class HandlingListPickConfiguration : IEntityTypeConfiguration<HandlingListPick>
{
    public void Configure(EntityTypeBuilder<HandlingListPick> b)
    {
        b.ToTable("HandlingListPicks");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Key).HasMaxLength(HandlingListPick.KeyMaxLength);
        b.Property(p => p.Sku).HasMaxLength(ShipmentLine.SkuMaxLength);
        b.Property(p => p.Position).HasMaxLength(LocationPosition.CodeMaxLength);
        b.Property(p => p.UsedPosition).HasMaxLength(LocationPosition.CodeMaxLength);
        b.Property(p => p.Reason).HasMaxLength(Shipment.ReasonMaxLength);
        b.Property(p => p.LotNumber).HasMaxLength(ShipmentUnit.LotMaxLength);
        b.Property(p => p.By).HasMaxLength(AuditEntry.ActorMaxLength);
        b.Property(p => p.ById).HasMaxLength(64);
        b.HasOne<HandlingList>().WithMany().HasForeignKey(p => p.HandlingListId).OnDelete(DeleteBehavior.Cascade);
        // The idempotency key: one pick per key per list, whatever the retries and races.
        b.HasIndex(p => new { p.HandlingListId, p.Key }).IsUnique();
        b.HasIndex(p => new { p.HandlingListId, p.ById, p.At });
        b.HasIndex(p => p.At); // picks per hour (dashboard)
    }
}
