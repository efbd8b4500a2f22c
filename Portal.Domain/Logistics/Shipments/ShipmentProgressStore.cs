using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>
/// Keeps each shipment's stored status, warnings and counts equal to what <see cref="ShipmentStatusRule"/> says of its
/// units. Every service that moves units calls it in the same transaction, after the move.
/// </summary>
internal static class ShipmentProgressStore
{
    public static async Task RefreshAsync(PortalDbContext db, IReadOnlyCollection<Guid> shipmentIds, DateTimeOffset now, CancellationToken ct)
    {
        if (shipmentIds.Count == 0) return;
        var ids = shipmentIds.Distinct().ToList();
        // The units' counts with their shipment's head in one query (a pick refreshes its shipment on every scan); a
        // shipment left without units (all moved to its backorder) has no row there and is read on its own.
        var counts = await (
            from u in db.ShipmentUnits
            join s in db.Shipments on u.ShipmentId equals s.Id
            where ids.Contains(u.ShipmentId)
            group u by new { u.ShipmentId, u.State, s.ExpectedUnits, Canceled = s.CanceledAt != null } into g
            select new { g.Key.ShipmentId, g.Key.State, g.Key.ExpectedUnits, g.Key.Canceled, Count = g.Count() }).ToListAsync(ct);
        var heads = counts.Select(c => new { Id = c.ShipmentId, c.ExpectedUnits, c.Canceled }).Distinct().ToList();
        if (heads.Count < ids.Count)
        {
            var without = ids.Except(heads.Select(h => h.Id)).ToList();
            heads.AddRange(await db.Shipments.Where(s => without.Contains(s.Id))
                .Select(s => new { s.Id, s.ExpectedUnits, Canceled = s.CanceledAt != null }).ToListAsync(ct));
        }
        foreach (var head in heads)
        {
            var c = counts.Where(x => x.ShipmentId == head.Id).Aggregate(new UnitCounts(head.ExpectedUnits), (acc, x) => acc.With(x.State, x.Count));
            var progress = ShipmentStatusRule.Derive(c, head.Canceled);
            await db.Shipments.Where(s => s.Id == head.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, progress.Status)
                .SetProperty(x => x.Warnings, progress.Warnings)
                .SetProperty(x => x.HasWarning, progress.Warnings != ShipmentWarnings.None)
                .SetProperty(x => x.IsComplete, progress.IsComplete)
                .SetProperty(x => x.UnitCount, c.Total)
                .SetProperty(x => x.HandledCount, c.Handled + c.Boxed + c.InTransit + c.Finished)
                .SetProperty(x => x.MissingCount, c.Missing)
                .SetProperty(x => x.BoxedCount, c.Boxed + c.InTransit + c.Finished)
                .SetProperty(x => x.ProgressAt, now), ct);
        }
    }
}
