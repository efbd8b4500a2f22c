using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Tests.Support;
using static Portal.Tests.Domain.Logistics.LogisticsTestData;

namespace Portal.Tests.Domain.Logistics.Shipments;

/// <summary>A shipment's missing units sent again on a backorder: once each, never found again here, planners only.</summary>
public sealed class BackorderTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private LocationDetails _location = default!;
    private ShipmentDetails _shipment = default!;
    private HandlingListDetails _list = default!;
    private ShipmentService Shipments => _store.Get<ShipmentService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _location = await _store.AddLocationAsync("A-01", "B-01");
        _shipment = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 3, "A-01"), ("CAP", 2, "B-01"));
        _list = await _store.AddListAsync(_shipment.Shipment.Id);
        _store.ActAs(Roles.Warehouse);
        var picks = _store.Get<PickService>();
        await picks.RecordAsync(_list.List.Id, Pick("MUG", 1));
        await picks.RecordAsync(_list.List.Id, new RecordPick { Key = "m-mug", Sku = "MUG", Quantity = 2, Missing = true, Reason = "Shelf empty" });
        await picks.RecordAsync(_list.List.Id, new RecordPick { Key = "m-cap", Sku = "CAP", Quantity = 1, Missing = true, Reason = "Damaged" });
        await picks.RecordAsync(_list.List.Id, Pick("CAP", 1));
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<long> VersionAsync() => (await Shipments.GetAsync(_shipment.Shipment.Id)).Shipment.Version;

    [Fact]
    public async Task ABackorder_CarriesEachMissingUnitByLine_AndTheOriginalPointsAtIt()
    {
        var original = await Shipments.GetAsync(_shipment.Shipment.Id);
        Assert.Contains(ShipmentAction.Backorder, original.AllowedActions);

        var backorder = await Shipments.CreateBackorderAsync(_shipment.Shipment.Id, original.Shipment.Version);

        Assert.Equal("SH-000002", backorder.Shipment.Number);
        Assert.Equal(ShipmentStatus.Open, backorder.Shipment.Status);
        Assert.Equal([("MUG", 2, "A-01"), ("CAP", 1, "B-01")], backorder.Lines.Select(l => (l.Sku, l.Quantity, l.Position)));
        Assert.Equal(3, backorder.Units.Count);
        Assert.All(backorder.Units, u => Assert.Equal(UnitState.Open, u.State));
        Assert.Equal(_shipment.Shipment.Id, backorder.BackorderOf?.Id);
        Assert.Equal(original.To.Name, backorder.To.Name);
        Assert.Equal(original.Shipment.OrderReference, backorder.Shipment.OrderReference);
        Assert.Equal(_store.Clock.GetUtcNow(), backorder.Shipment.ShipAt);

        var after = await Shipments.GetAsync(_shipment.Shipment.Id);
        Assert.Equal(backorder.Shipment.Id, after.Backorders.Single().Id);
        var missing = after.Units.Where(u => u.State == UnitState.Missing).ToList();
        Assert.Equal(3, missing.Count); // they stay missing here, sent on the backorder
        Assert.All(missing, u => Assert.Equal(backorder.Shipment.Id, u.BackorderId));
        Assert.DoesNotContain(ShipmentAction.Backorder, after.AllowedActions);
        Assert.Equal(after.Shipment.Version, original.Shipment.Version); // the planner's page is not made stale
    }

    [Fact]
    public async Task ASecondBackorder_HasNothingToSend_AndABackorderedUnitCannotBeFoundAgain()
    {
        await Shipments.CreateBackorderAsync(_shipment.Shipment.Id, await VersionAsync());

        var again = await Assert.ThrowsAsync<ConflictException>(async () => await Shipments.CreateBackorderAsync(_shipment.Shipment.Id, await VersionAsync()));
        Assert.Equal("shipment.nothing_to_backorder", again.Code);
        _store.ActAs(Roles.Warehouse);
        var unit = (await Shipments.GetAsync(_shipment.Shipment.Id)).Units.First(u => u.State == UnitState.Missing);
        var found = await Assert.ThrowsAsync<ConflictException>(() => Shipments.SetMissingAsync(_shipment.Shipment.Id, new SetUnitsMissing { UnitIds = [unit.Id], Missing = false }));
        Assert.Equal("shipment.unit_backordered", found.Code);
        Assert.Equal(UnitState.Missing, (await Shipments.GetAsync(_shipment.Shipment.Id)).Units.Single(u => u.Id == unit.Id).State);
    }

    [Fact]
    public async Task TwoBackordersAtOnce_SendEachUnitOnce()
    {
        var version = await VersionAsync();
        var attempts = Enumerable.Range(0, 2).Select(async i =>
        {
            await using var scope = _store.ScopeAs(Roles.Staff, $"planner{i}@test.example");
            try { return (await scope.ServiceProvider.GetRequiredService<ShipmentService>().CreateBackorderAsync(_shipment.Shipment.Id, version)).Shipment.Id; }
            catch (ConflictException e) when (e.Code == "shipment.nothing_to_backorder") { return (Guid?)null; }
        });

        var made = (await Task.WhenAll(attempts)).OfType<Guid>().ToList();

        Assert.Single(made);
        var units = await _store.UnitsAsync(_shipment.Shipment.Id);
        Assert.All(units.Where(u => u.State == UnitState.Missing), u => Assert.Equal(made[0], u.BackorderId));
    }

    [Fact]
    public async Task Refusals_CanceledStaleAndNotAPlanner()
    {
        var other = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, "A-01"));
        var none = await Assert.ThrowsAsync<ConflictException>(() => Shipments.CreateBackorderAsync(other.Shipment.Id, other.Shipment.Version));
        Assert.Equal("shipment.nothing_to_backorder", none.Code);
        await Assert.ThrowsAsync<ConcurrencyException>(async () => await Shipments.CreateBackorderAsync(_shipment.Shipment.Id, await VersionAsync() + 1));
        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await Shipments.CreateBackorderAsync(_shipment.Shipment.Id, await VersionAsync()));
        _store.ActAs(Roles.Staff);
        var canceled = await Shipments.CancelAsync(other.Shipment.Id, new CancelShipment(), other.Shipment.Version);
        var refused = await Assert.ThrowsAsync<ConflictException>(() => Shipments.CreateBackorderAsync(other.Shipment.Id, canceled.Shipment.Version));
        Assert.Equal("shipment.canceled", refused.Code);
    }
}
