using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>The Logistics area's tables, named on the context without a line in <see cref="PortalDbContext"/> (the entity configurations put them in the model).</summary>
public static class LogisticsSets
{
    extension(PortalDbContext db)
    {
        public DbSet<Location> Locations => db.Set<Location>();
        public DbSet<LocationPosition> LocationPositions => db.Set<LocationPosition>();
        public DbSet<SkuDefaultPosition> SkuDefaultPositions => db.Set<SkuDefaultPosition>();
        public DbSet<ShippingMethod> ShippingMethods => db.Set<ShippingMethod>();
        public DbSet<Shipment> Shipments => db.Set<Shipment>();
        public DbSet<ShipmentLine> ShipmentLines => db.Set<ShipmentLine>();
        public DbSet<ShipmentUnit> ShipmentUnits => db.Set<ShipmentUnit>();
        public DbSet<HandlingList> HandlingLists => db.Set<HandlingList>();
        public DbSet<HandlingListShipment> HandlingListShipments => db.Set<HandlingListShipment>();
        public DbSet<HandlingListPick> HandlingListPicks => db.Set<HandlingListPick>();
        public DbSet<Parcel> Parcels => db.Set<Parcel>();
        public DbSet<LogisticsNumber> LogisticsNumbers => db.Set<LogisticsNumber>();
    }
}
