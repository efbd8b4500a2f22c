using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Domain.Search;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Logistics;

/// <summary>The palette's shipments and handling lists: by number or order reference, for every logistics role.</summary>
public sealed class LogisticsSearchSourcesTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private ShipmentDetails _first = default!;
    private ShipmentDetails _second = default!;
    private HandlingListDetails _list = default!;

    private ISearchSource Source(string area) => _store.Get<IEnumerable<ISearchSource>>().Single(s => s.Area == area);
    private Task<IReadOnlyList<SearchHit>> FindAsync(string area, string text) => Source(area).SearchAsync(text, 5, CancellationToken.None);

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        var location = await _store.AddLocationAsync("A-01");
        _first = await AddShipmentAsync(location.Location.Id, "WEB-1001");
        _second = await AddShipmentAsync(location.Location.Id, "WEB-1002-B");
        _list = await _store.AddListAsync(_second.Shipment.Id);
        _store.ActAs(Roles.Viewer);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Task<ShipmentDetails> AddShipmentAsync(Guid locationId, string reference)
    {
        var shipment = LogisticsTestData.NewShipment(locationId, ("SKU-1", 1, "A-01"));
        shipment.OrderReference = reference;
        return _store.AsStaffAsync(() => _store.Get<ShipmentService>().CreateAsync(shipment));
    }

    [Fact]
    public async Task Shipments_ByNumber_InAnyOfItsForms()
    {
        var number = _first.Shipment.Number; // "SH-000001"
        foreach (var text in new[] { number, number.ToLowerInvariant(), number.Replace("-", ""), number.TrimStart('S', 'H', '-').TrimStart('0') })
        {
            var hit = Assert.Single(await FindAsync("Shipments", text));
            Assert.Equal(("Shipment", number, SearchRank.Exact, $"/shipments/{_first.Shipment.Id}"), (hit.Kind, hit.Title, hit.Rank, hit.Href));
        }
        Assert.Empty(await FindAsync("Shipments", _list.List.Number)); // a list's number is not a shipment's
    }

    [Fact]
    public async Task Shipments_ByOrderReference_ExactBeforePrefix()
    {
        var exact = Assert.Single(await FindAsync("Shipments", "web-1001"));
        Assert.Equal((_first.Shipment.Number, SearchRank.Exact), (exact.Title, exact.Rank));
        Assert.Contains("order WEB-1001", exact.Subtitle);

        var both = await FindAsync("Shipments", "WEB-100");
        Assert.Equal([_first.Shipment.Number, _second.Shipment.Number], both.Select(h => h.Title));
        Assert.All(both, h => Assert.Equal(SearchRank.Prefix, h.Rank));
    }

    [Fact]
    public async Task HandlingLists_ByNumber_OrByAShipmentOnIt()
    {
        var byNumber = Assert.Single(await FindAsync("Handling lists", _list.List.Number));
        Assert.Equal(("Handling list", _list.List.Number, SearchRank.Exact, $"/handling-lists/{_list.List.Id}"), (byNumber.Kind, byNumber.Title, byNumber.Rank, byNumber.Href));

        var byReference = Assert.Single(await FindAsync("Handling lists", "WEB-1002-B"));
        Assert.Equal(_list.List.Number, byReference.Title);
        Assert.Contains($"has {_second.Shipment.Number} (order WEB-1002-B)", byReference.Subtitle);
        Assert.Equal(_list.List.Number, Assert.Single(await FindAsync("Handling lists", _second.Shipment.Number)).Title);
        // The first shipment is on no list.
        Assert.Empty(await FindAsync("Handling lists", "WEB-1001"));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Warehouse)]
    [InlineData(Roles.Viewer)]
    public async Task EveryLogisticsRole_FindsShipmentsAndLists(string role)
    {
        _store.ActAs(role);

        var groups = await _store.Get<PaletteSearch>().SearchAllAsync("WEB-1002-B");

        Assert.Equal(_second.Shipment.Number, Assert.Single(groups.Single(g => g.Area == "Shipments").Hits).Title);
        Assert.Equal(_list.List.Number, Assert.Single(groups.Single(g => g.Area == "Handling lists").Hits).Title);
    }

    [Fact]
    public async Task NoOneSignedIn_FindsNothing()
    {
        _store.ActAsAnonymous();
        await Assert.ThrowsAsync<ForbiddenException>(() => FindAsync("Shipments", "WEB-1001"));
        await Assert.ThrowsAsync<ForbiddenException>(() => FindAsync("Handling lists", "WEB-1001"));
    }
}
