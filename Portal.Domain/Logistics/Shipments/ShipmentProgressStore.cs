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
        var heads = await db.Shipments.Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.ExpectedUnits, Canceled = s.CanceledAt != null }).ToListAsync(ct);
        var counts = await db.ShipmentUnits.Where(u => ids.Contains(u.ShipmentId))
            .GroupBy(u => new { u.ShipmentId, u.State }).Select(g => new { g.Key.ShipmentId, g.Key.State, Count = g.Count() }).ToListAsync(ct);
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
