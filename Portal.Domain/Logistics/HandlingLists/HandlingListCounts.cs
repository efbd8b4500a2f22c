using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>Keeps a list's stored unit counts (for boards and queues) equal to its units; called in the transaction that moved them.</summary>
internal static class HandlingListCounts
{
    public static async Task<(int Units, int Handled, int Missing)> RefreshAsync(PortalDbContext db, Guid listId, CancellationToken ct)
    {
        var counts = await db.ShipmentUnits.Where(u => u.HandlingListId == listId)
            .GroupBy(u => u.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        var units = counts.Sum(c => c.Count);
        var missing = counts.Where(c => c.State == UnitState.Missing).Sum(c => c.Count);
        var handled = counts.Where(c => c.State is not (UnitState.Missing or UnitState.Listed or UnitState.Open)).Sum(c => c.Count);
        await db.HandlingLists.Where(l => l.Id == listId).ExecuteUpdateAsync(l => l
            .SetProperty(x => x.UnitCount, units).SetProperty(x => x.HandledCount, handled).SetProperty(x => x.MissingCount, missing), ct);
        return (units, handled, missing);
    }
}
