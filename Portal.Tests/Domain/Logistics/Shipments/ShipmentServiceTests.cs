using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Logistics.Shipments;

public sealed class ShipmentServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private LocationDetails _location = default!;
    private ShipmentService Shipments => _store.Get<ShipmentService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _location = await _store.AddLocationAsync("A-01", "A-02", "B-01");
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Create_NumbersTheShipment_AndTracksEveryUnit()
    {
        var first = await _store.AddShipmentAsync(_location.Location.Id, ("tshirt-red-m", 3, "a-01"), ("MUG", 1, null));
        var second = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));

        Assert.Equal("SH-000001", first.Shipment.Number);
        Assert.Equal("SH-000002", second.Shipment.Number);
        Assert.Equal(ShipmentStatus.Open, first.Shipment.Status);
        Assert.Equal(4, first.Units.Count);
        Assert.Equal(3, first.Units.Count(u => u.Sku == "TSHIRT-RED-M" && u.Position == "A-01"));
        Assert.All(first.Units, u => Assert.Equal(UnitState.Open, u.State));
        Assert.Equal(4, first.Shipment.ExpectedUnits);
        Assert.Contains(ShipmentAction.Cancel, first.AllowedActions);
    }

    [Fact]
    public async Task ConcurrentCreates_NeverShareANumber()
    {
        var creates = Enumerable.Range(0, 8).Select(async i =>
        {
            await using var scope = _store.ScopeAs(Roles.Staff, $"planner{i}@test.example");
            return await scope.ServiceProvider.GetRequiredService<ShipmentService>()
                .CreateAsync(LogisticsTestData.NewShipment(_location.Location.Id, ("MUG", 1, null)));
        });

        var numbers = (await Task.WhenAll(creates)).Select(s => s.Shipment.Number).Order().ToList();

        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"SH-{n:D6}"), numbers);
    }

    [Fact]
    public async Task Create_WithAPositionTheLocationDoesNotHave_IsAFieldErrorOnThatLine()
    {
        var command = LogisticsTestData.NewShipment(_location.Location.Id, ("MUG", 1, "A-01"), ("CAP", 1, "Z-99"));

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Shipments.CreateAsync(command));

        Assert.Contains("Z-99", error.Errors["lines[1].position"][0]);
        Assert.Equal(0, (await Shipments.ListAsync(new ShipmentQuery())).Total);
    }

    [Fact]
    public async Task Create_WithBadLines_NamesTheFields()
    {
        var command = LogisticsTestData.NewShipment(_location.Location.Id, ("", 0, null));
        command.To.Postcode = "nonsense!";

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Shipments.CreateAsync(command));

        Assert.True(error.Errors.ContainsKey("lines[0].sku"), string.Join(",", error.Errors.Keys));
        Assert.True(error.Errors.ContainsKey("lines[0].quantity"));
        Assert.True(error.Errors.ContainsKey("to.postcode"));
    }

    [Fact]
    public async Task List_FiltersByStatus_AndSearchesNumberReferenceAndSku()
    {
        var a = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        var b = await _store.AddShipmentAsync(_location.Location.Id, ("HOODIE-BLUE-L", 2, null));
        await _store.AddListAsync(b.Shipment.Id);

        Assert.Equal([b.Shipment.Id], (await Shipments.ListAsync(new ShipmentQuery { Status = ShipmentStatus.Listed })).Items.Select(s => s.Id));
        Assert.Equal([a.Shipment.Id], (await Shipments.ListAsync(new ShipmentQuery { Status = ShipmentStatus.Open })).Items.Select(s => s.Id));
        Assert.Equal([a.Shipment.Id], (await Shipments.ListAsync(new ShipmentQuery { Q = "sh-000001" })).Items.Select(s => s.Id));
        Assert.Equal([b.Shipment.Id], (await Shipments.ListAsync(new ShipmentQuery { Q = "2" })).Items.Select(s => s.Id));
        Assert.Equal([b.Shipment.Id], (await Shipments.ListAsync(new ShipmentQuery { Q = "hoodie-blue-l" })).Items.Select(s => s.Id));
        Assert.Equal([a.Shipment.Id], (await Shipments.ListAsync(new ShipmentQuery { Q = a.Shipment.OrderReference!.ToLowerInvariant() })).Items.Select(s => s.Id));
    }

    [Fact]
    public async Task Export_WritesTheFilteredShipmentsAsCsv()
    {
        await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        var listed = await _store.AddShipmentAsync(_location.Location.Id, ("CAP", 1, null));
        await _store.AddListAsync(listed.Shipment.Id);
        using var output = new MemoryStream();

        await Shipments.ExportAsync(new ShipmentQuery { Status = ShipmentStatus.Listed }, output);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Trim().Split('\n');
        Assert.StartsWith("number,type,direction,status", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("SH-000002,Delivery,Outbound,Listed", lines[1]);
    }

    [Fact]
    public async Task Cancel_ReleasesItsUnitsFromTheList()
    {
        var shipment = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 2, null));
        var list = await _store.AddListAsync(shipment.Shipment.Id);

        var canceled = await Shipments.CancelAsync(shipment.Shipment.Id, new CancelShipment { Reason = "Customer changed their mind" }, shipment.Shipment.Version);

        Assert.Equal(ShipmentStatus.Canceled, canceled.Shipment.Status);
        Assert.All(canceled.Units, u => { Assert.Equal(UnitState.Open, u.State); Assert.Null(u.HandlingListId); });
        Assert.Null(canceled.Shipment.HandlingListId);
        Assert.Equal(0, (await _store.Get<HandlingListService>().GetAsync(list.List.Id)).List.UnitCount);
        var again = await Assert.ThrowsAsync<ConflictException>(() => Shipments.CancelAsync(shipment.Shipment.Id, new CancelShipment(), canceled.Shipment.Version));
        Assert.Equal("shipment.canceled", again.Code);
    }

    [Fact]
    public async Task Cancel_OnceInTransit_IsRefused()
    {
        var shipment = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        var list = await _store.AddListAsync(shipment.Shipment.Id);
        _store.ActAs(Roles.Warehouse);
        await _store.Get<PickService>().RecordAsync(list.List.Id, LogisticsTestData.Pick("MUG"));
        var parcel = await _store.Get<ParcelService>().CreateAsync(new CreateParcel { ShipmentId = shipment.Shipment.Id, UnitIds = [shipment.Units[0].Id] });
        await _store.Get<ParcelService>().TransitAsync(parcel.Parcel.Id, parcel.Parcel.Version);
        _store.ActAs(Roles.Staff);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Shipments.CancelAsync(shipment.Shipment.Id, new CancelShipment(), shipment.Shipment.Version));

        Assert.Equal("shipment.in_transit", error.Code);
        Assert.Equal(ShipmentStatus.InTransit, (await Shipments.GetAsync(shipment.Shipment.Id)).Shipment.Status);
    }

    [Fact]
    public async Task MarkingMissing_NeedsListedUnitsOfThisShipment_AndShowsAWarning()
    {
        var shipment = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 2, null));
        var other = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        _store.ActAs(Roles.Warehouse);
        var notListed = await Assert.ThrowsAsync<ConflictException>(() =>
            Shipments.SetMissingAsync(shipment.Shipment.Id, new SetUnitsMissing { UnitIds = [shipment.Units[0].Id] }));
        Assert.Equal("shipment.unit_not_listed", notListed.Code);
        await _store.AddListAsync(shipment.Shipment.Id);
        await Assert.ThrowsAsync<DomainValidationException>(() =>
            Shipments.SetMissingAsync(shipment.Shipment.Id, new SetUnitsMissing { UnitIds = [other.Units[0].Id] }));

        var marked = await Shipments.SetMissingAsync(shipment.Shipment.Id, new SetUnitsMissing { UnitIds = [shipment.Units[0].Id], Reason = "Empty bin" });

        Assert.Equal(ShipmentWarnings.MissingUnits, marked.Shipment.Warnings);
        Assert.Equal("Empty bin", marked.Units.Single(u => u.Id == shipment.Units[0].Id).MissingReason);
        var found = await Shipments.SetMissingAsync(shipment.Shipment.Id, new SetUnitsMissing { UnitIds = [shipment.Units[0].Id], Missing = false });
        Assert.Equal(ShipmentWarnings.None, found.Shipment.Warnings);
    }

    [Fact]
    public async Task Warehouse_ReadsShipments_ButDoesNotCreateThem()
    {
        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => Shipments.CreateAsync(LogisticsTestData.NewShipment(_location.Location.Id, ("MUG", 1, null))));
        Assert.Equal(0, (await Shipments.ListAsync(new ShipmentQuery())).Total);
    }
}
