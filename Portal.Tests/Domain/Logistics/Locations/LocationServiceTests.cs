using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Logistics.Locations;

public sealed class LocationServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private LocationService Locations => _store.Get<LocationService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Positions_AreAddedLastInTheWalk_AndReorderedByTheFullList()
    {
        var location = await _store.AddLocationAsync("a-01", "A-02", "B-01");
        Assert.Equal(["A-01", "A-02", "B-01"], location.Positions.Select(p => p.Code));

        var reordered = await Locations.ReorderPositionsAsync(location.Location.Id, new ReorderPositions { Codes = ["B-01", "a-02", "A-01"] }, location.Location.Version);

        Assert.Equal(["B-01", "A-02", "A-01"], reordered.Item.Select(p => p.Code));
        Assert.Equal([1, 2, 3], reordered.Item.Select(p => p.Sorting));
        Assert.Equal(location.Location.Version + 1, reordered.Version);
    }

    [Theory]
    [InlineData("A-01,A-02,Z-99", "Z-99")]
    [InlineData("A-01", "missing: A-02")]
    [InlineData("A-01,A-01,A-02", "more than once")]
    public async Task Reorder_RefusesUnknownMissingOrRepeatedPositions_AndMovesNothing(string codes, string message)
    {
        var location = await _store.AddLocationAsync("A-01", "A-02");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Locations.ReorderPositionsAsync(location.Location.Id, new ReorderPositions { Codes = [.. codes.Split(',')] }, location.Location.Version));

        Assert.Contains(message, error.Errors["codes"][0]);
        Assert.Equal(["A-01", "A-02"], (await Locations.GetAsync(location.Location.Id)).Positions.Select(p => p.Code));
    }

    [Fact]
    public async Task Reorder_FromAStaleCopy_IsAConcurrencyError()
    {
        var location = await _store.AddLocationAsync("A-01", "A-02");
        await Locations.ReorderPositionsAsync(location.Location.Id, new ReorderPositions { Codes = ["A-02", "A-01"] }, location.Location.Version);

        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Locations.ReorderPositionsAsync(location.Location.Id, new ReorderPositions { Codes = ["A-01", "A-02"] }, location.Location.Version));
    }

    [Fact]
    public async Task SkuDefault_MustBeAPositionOfTheLocation_AndIsUsedByNewShipmentLines()
    {
        var location = await _store.AddLocationAsync("A-01", "B-07");
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Locations.SetSkuDefaultsAsync(location.Location.Id,
            new SetSkuDefaults { Items = [new SkuDefault("MUG-RED", "C-99")] }, location.Location.Version));
        Assert.Contains("C-99", error.Errors["position"][0]);

        await Locations.SetSkuDefaultsAsync(location.Location.Id, new SetSkuDefaults { Items = [new SkuDefault("mug-red", "b-07")] }, location.Location.Version);
        var shipment = await _store.AddShipmentAsync(location.Location.Id, ("MUG-RED", 2, null));

        Assert.Equal("B-07", Assert.Single(shipment.Lines).Position);
        Assert.All(shipment.Units, u => Assert.Equal("B-07", u.Position));
    }

    [Fact]
    public async Task RemovingAPosition_ThatIsASkusDefault_IsRefused()
    {
        var location = await _store.AddLocationAsync("A-01");
        var set = await Locations.SetSkuDefaultsAsync(location.Location.Id, new SetSkuDefaults { Items = [new SkuDefault("CAP", "A-01")] }, location.Location.Version);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Locations.RemovePositionAsync(location.Location.Id, location.Positions[0].Id, set.Version));
        Assert.Equal("location.position_in_use", error.Code);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Warehouse)]
    public async Task OnlyPlanners_CreateLocations(string role)
    {
        _store.ActAs(role);
        await Assert.ThrowsAsync<ForbiddenException>(() => Locations.CreateAsync(LogisticsTestData.NewLocation()));
        Assert.Equal(0, (await Locations.ListAsync(new LocationQuery())).Total); // but they read
    }

    [Fact]
    public async Task AnAddress_IsCheckedAsEveryAddressIs()
    {
        var bad = LogisticsTestData.NewLocation();
        bad.Postcode = "12345";
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Locations.CreateAsync(bad));
        Assert.True(error.Errors.ContainsKey("postcode"));
    }
}
