using Microsoft.EntityFrameworkCore;
using Portal.Domain.Logistics;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Logistics;

/// <summary>The demo warehouse: every shipment state and list state there, each shipment's stored status the rule's, seeded once.</summary>
[Collection(DemoDataCollection.Name)]
public sealed class LogisticsDemoDataTests(SeededDemoStore demo)
{
    [Fact]
    public async Task DemoLogistics_HaveEveryStatus_ListsInEveryState_AndObeyTheStatusRule()
    {
        var store = demo.Store;
        await using var db = await store.DbAsync();
        var shipments = await db.Shipments.AsNoTracking().Include(s => s.Units).AsSplitQuery().ToListAsync();
        await store.Get<LogisticsDemoData>().SeedAsync();
        Assert.Equal(shipments.Count, await db.Shipments.CountAsync());

        Assert.Equal(3, await db.Locations.CountAsync());
        Assert.InRange(shipments.Count, 250, 400);
        Assert.Equal(Enum.GetValues<ShipmentStatus>().Order(), shipments.Select(s => s.Status).Distinct().Order());
        Assert.Contains(shipments, s => s.Warnings.HasFlag(ShipmentWarnings.MissingUnits));
        Assert.All(shipments, s => Assert.Equal(
            ShipmentStatusRule.Derive(UnitCounts.Of(s.ExpectedUnits, s.Units.Select(u => u.State)), s.CanceledAt is not null),
            new ShipmentProgress(s.Status, s.Warnings, s.IsComplete)));
        // Every picked or missing unit on a list is held by one pick record, as the pick screen writes them.
        var picked = shipments.SelectMany(s => s.Units).Where(u => u.HandlingListId is not null && u.State is not (UnitState.Listed or UnitState.Open)).ToList();
        var picks = await db.HandlingListPicks.AsNoTracking().ToDictionaryAsync(p => p.Id);
        Assert.All(picked, u => Assert.True(u.PickId is { } id && picks[id].Sku == u.Sku && picks[id].IsMissing == (u.State == UnitState.Missing)));
        Assert.Equal(picked.Count, picks.Values.Sum(p => p.Quantity));
        var states = await db.HandlingLists.Select(l => l.State).Distinct().ToListAsync();
        Assert.Equal(Enum.GetValues<HandlingListState>().Order(), states.Order());
        // The next shipment gets the next number.
        store.ActAs(Portal.Domain.Common.Roles.Staff);
        var next = await store.AddShipmentAsync(shipments[0].LocationId, ("MUG-RED-M", 1, null));
        Assert.Equal(LogisticsNumber.Format("SH", shipments.Count + 1), next.Shipment.Number);
    }
}
