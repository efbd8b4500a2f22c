using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Tests.Support;
using static Portal.Tests.Domain.Logistics.LogisticsTestData;

namespace Portal.Tests.Domain.Logistics.Parcels;

public sealed class ParcelServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private LocationDetails _location = default!;
    private ParcelService Parcels => _store.Get<ParcelService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _location = await _store.AddLocationAsync("A-01");
        _store.ActAs(Roles.Warehouse);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    /// <summary>Two shipments on one list, everything picked.</summary>
    private async Task<(ShipmentDetails Mine, ShipmentDetails Other)> PickedAsync(int quantity = 2)
    {
        var mine = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", quantity, null));
        var other = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        var list = await _store.AddListAsync(mine.Shipment.Id, other.Shipment.Id);
        await _store.Get<PickService>().RecordAsync(list.List.Id, Pick("MUG", quantity + 1));
        return (mine, other);
    }

    [Fact]
    public async Task ScanToVerify_RefusesAUnitOfAnotherShipment_NamingIt()
    {
        var (mine, other) = await PickedAsync();
        var parcel = await Parcels.CreateAsync(new CreateParcel { ShipmentId = mine.Shipment.Id });

        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            Parcels.AddItemsAsync(parcel.Parcel.Id, new AddParcelItems { UnitIds = [mine.Units[0].Id, other.Units[0].Id] }));

        Assert.Equal("parcel.unit_of_another_shipment", error.Code);
        Assert.Contains(other.Shipment.Number, error.Message);
        Assert.Empty((await Parcels.GetAsync(parcel.Parcel.Id)).Units); // nothing boxed, not even the right one
    }

    [Fact]
    public async Task ScanningASkuOfAnotherToteOnTheSameList_IsRefusedAsAUnitOfThatShipment_NamingItsTote()
    {
        var mine = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        var other = await _store.AddShipmentAsync(_location.Location.Id, ("CUP", 1, null));
        var list = await _store.AddListAsync(mine.Shipment.Id, other.Shipment.Id);
        await _store.Get<PickService>().RecordAsync(list.List.Id, Pick("MUG"));
        await _store.Get<PickService>().RecordAsync(list.List.Id, Pick("CUP", key: "cup"));
        var parcel = await Parcels.CreateAsync(new CreateParcel { ShipmentId = mine.Shipment.Id });

        var error = await Assert.ThrowsAsync<ConflictException>(() => Parcels.AddItemsAsync(parcel.Parcel.Id, new AddParcelItems { Sku = "cup" }));

        Assert.Equal("parcel.unit_of_another_shipment", error.Code);
        Assert.Contains($"belongs to {other.Shipment.Number} (tote B), not {mine.Shipment.Number}", error.Message);
        Assert.Equal("parcel.sku_not_on_shipment", (await Assert.ThrowsAsync<ConflictException>(() =>
            Parcels.AddItemsAsync(parcel.Parcel.Id, new AddParcelItems { Sku = "PLATE" }))).Code); // on no shipment of the list
        Assert.Empty((await Parcels.GetAsync(parcel.Parcel.Id)).Units);
    }

    [Fact]
    public async Task BoxingEveryUnit_MakesTheShipmentPackedAndComplete_ThenTransitAndFinished()
    {
        var (mine, _) = await PickedAsync();
        var parcel = await Parcels.CreateAsync(new CreateParcel { ShipmentId = mine.Shipment.Id, WeightGrams = 800 });
        var half = await Parcels.AddItemsAsync(parcel.Parcel.Id, new AddParcelItems { Sku = "mug" });
        Assert.Contains(half.Warnings, w => w.Code == "shipment.incomplete");
        Assert.Equal(ShipmentWarnings.IncompleteAfterBoxing, (await _store.ShipmentAsync(mine.Shipment.Id)).Warnings);

        var full = await Parcels.AddItemsAsync(parcel.Parcel.Id, new AddParcelItems { Sku = "MUG" });
        Assert.True(full.ShipmentComplete);
        Assert.Equal(ShipmentStatus.Packed, (await _store.ShipmentAsync(mine.Shipment.Id)).Status);
        var more = await Assert.ThrowsAsync<ConflictException>(() => Parcels.AddItemsAsync(parcel.Parcel.Id, new AddParcelItems { Sku = "MUG" }));
        Assert.Equal("parcel.quantity_above_left", more.Code);

        var transit = await Parcels.TransitAsync(parcel.Parcel.Id, full.Parcel.Version);
        Assert.Equal(ShipmentStatus.InTransit, (await _store.ShipmentAsync(mine.Shipment.Id)).Status);
        Assert.Equal("parcel.in_transit", (await Assert.ThrowsAsync<ConflictException>(() =>
            Parcels.RemoveItemsAsync(parcel.Parcel.Id, new RemoveParcelItems { UnitIds = [mine.Units[0].Id] }))).Code);
        await Parcels.FinishAsync(parcel.Parcel.Id, transit.Parcel.Version);
        Assert.Equal(ShipmentStatus.Finished, (await _store.ShipmentAsync(mine.Shipment.Id)).Status);
    }

    [Fact]
    public async Task AShipmentIsComplete_WhenEveryUnitIsBoxedOrMissing()
    {
        var mine = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 2, null));
        var list = await _store.AddListAsync(mine.Shipment.Id);
        await _store.Get<PickService>().RecordAsync(list.List.Id, Pick("MUG"));
        await _store.Get<PickService>().RecordAsync(list.List.Id, new RecordPick { Key = "gone", Sku = "MUG", Missing = true });
        var parcel = await Parcels.CreateAsync(new CreateParcel { ShipmentId = mine.Shipment.Id });

        var boxed = await Parcels.AddItemsAsync(parcel.Parcel.Id, new AddParcelItems { Sku = "MUG" });

        Assert.True(boxed.ShipmentComplete);
        Assert.DoesNotContain(boxed.Warnings, w => w.Code == "shipment.incomplete");
        var shipment = await _store.ShipmentAsync(mine.Shipment.Id);
        Assert.Equal((ShipmentStatus.Packed, ShipmentWarnings.MissingUnits), (shipment.Status, shipment.Warnings));
    }

    [Fact]
    public async Task AParcelOverTheMethodsMaximum_IsWarnedAbout()
    {
        var method = await _store.AsStaffAsync(() => _store.Get<ShippingMethodService>().CreateAsync(new ShippingMethodFields
        {
            Carrier = "royal-mail", Service = "tracked-48", Name = "Tracked 48", Countries = ["GB"], MaxWeightGrams = 2000,
        }));
        var command = NewShipment(_location.Location.Id, ("MUG", 1, null));
        command.MethodId = method.Id;
        var shipment = await _store.AsStaffAsync(() => _store.Get<ShipmentService>().CreateAsync(command));

        var parcel = await Parcels.CreateAsync(new CreateParcel { ShipmentId = shipment.Shipment.Id, WeightGrams = 2500 });

        var warning = Assert.Single(parcel.Warnings, w => w.Code == "parcel.over_max_weight");
        Assert.Contains("2.5 kg is over Tracked 48's maximum of 2 kg", warning.Message);
    }

    [Fact]
    public async Task AUnitNotYetPicked_OrAnEmptyParcel_IsRefused()
    {
        var shipment = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        var parcel = await Parcels.CreateAsync(new CreateParcel { ShipmentId = shipment.Shipment.Id });
        Assert.Equal("parcel.unit_not_picked", (await Assert.ThrowsAsync<ConflictException>(() =>
            Parcels.AddItemsAsync(parcel.Parcel.Id, new AddParcelItems { UnitIds = [shipment.Units[0].Id] }))).Code);
        Assert.Equal("parcel.empty", (await Assert.ThrowsAsync<ConflictException>(() => Parcels.TransitAsync(parcel.Parcel.Id, parcel.Parcel.Version))).Code);
    }
}
