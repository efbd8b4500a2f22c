using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

public enum ParcelState { Open, InTransit, Finished }

/// <summary>
/// A box of one shipment's units: packed (units scanned in, checked against the shipment), weighed and measured,
/// handed to the carrier (in transit) and finished. Once in transit its contents are fixed.
/// </summary>
[HistoryReaders(Access.LogisticsReadRoles)]
public sealed class Parcel : IVersioned
{
    public const int TrackingMaxLength = 64;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ShipmentId { get; init; }
    /// <summary>1, 2, … within its shipment (shown as SH-000123/2).</summary>
    public int Seq { get; init; }
    public ParcelState State { get; set; }
    /// <summary>Grams.</summary>
    public int? WeightGrams { get; set; }
    /// <summary>Millimetres.</summary>
    public int? LengthMm { get; set; }
    public int? WidthMm { get; set; }
    public int? HeightMm { get; set; }
    public string? TrackingCode { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? InTransitAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    [NotAudited] public DateTimeOffset? LastScanAt { get; set; }
    public long Version { get; set; }

    public void EnsureOpen(string name)
    {
        if (State != ParcelState.Open)
            throw new ConflictException("parcel.in_transit", $"Parcel {name} is {(State == ParcelState.InTransit ? "in transit" : "finished")}; its contents can no longer change.");
    }
}

internal sealed class ParcelConfiguration : IEntityTypeConfiguration<Parcel>
{
    public void Configure(EntityTypeBuilder<Parcel> b)
    {
        b.ToTable("Parcels");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.TrackingCode).HasMaxLength(Parcel.TrackingMaxLength);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Shipment>().WithMany().HasForeignKey(p => p.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ShipmentId, p.Seq }).IsUnique();
        b.HasIndex(p => new { p.State, p.CreatedAt });
    }
}
