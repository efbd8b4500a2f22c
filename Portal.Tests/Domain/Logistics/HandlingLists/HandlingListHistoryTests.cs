using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Tests.Support;
using static Portal.Tests.Domain.Logistics.LogisticsTestData;

namespace Portal.Tests.Domain.Logistics.HandlingLists;

/// <summary>Who did what on a list and a shipment is in their History, which every logistics role may read.</summary>
public sealed class HandlingListHistoryTests
{
    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Warehouse)]
    public async Task AListsHistory_HasItsShipmentsAndEveryPick_WithWhoPicked(string reader)
    {
        await using var store = await TestStore.CreateAsync();
        var location = await store.AddLocationAsync("A-01");
        var shipment = await store.AddShipmentAsync(location.Location.Id, ("MUG", 2, null));
        var list = await store.AddListAsync(shipment.Shipment.Id);
        store.ActAs(Roles.Warehouse, email: "pia@test.example");
        await store.Get<PickService>().RecordAsync(list.List.Id, Pick("MUG", 2, key: "scan-1"));

        store.ActAs(reader);
        var history = await store.Get<AuditService>().HistoryAsync(nameof(HandlingList), list.List.Id.ToString(), new ListQuery { PageSize = 50 });
        var shipmentHistory = await store.Get<AuditService>().HistoryAsync(nameof(Shipment), shipment.Shipment.Id.ToString(), new ListQuery { PageSize = 50 });

        var pick = Assert.Single(history.Items, e => e.EntityType == nameof(HandlingListPick));
        Assert.Equal("pia@test.example", pick.Actor);
        Assert.Contains(pick.Changes, c => c.Field == "key" && c.To == "scan-1");
        Assert.Contains(history.Items, e => e.EntityType == nameof(HandlingListShipment));
        Assert.Contains(shipmentHistory.Items, e => e.EntityType == nameof(ShipmentLine));
    }
}
