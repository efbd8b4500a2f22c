using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Logistics;

/// <summary>Locations, shipments and lists built through the real services, acting as a throwaway Staff user.</summary>
public static class LogisticsTestData
{
    public static async Task<T> AsStaffAsync<T>(this TestStore store, Func<Task<T>> work)
    {
        var previous = store.User.Principal;
        store.ActAs(Roles.Staff, email: "planner@test.example");
        try { return await work(); }
        finally { store.User.Principal = previous; }
    }

    public static LocationFields NewLocation(string name = "Leeds DC") => new()
    {
        Name = name, Line1 = "Unit 4, Thorpe Park", City = "Leeds", Postcode = "LS15 8GB", CountryCode = "GB",
    };

    /// <summary>A location with <paramref name="positions"/> added in that walk order.</summary>
    public static Task<LocationDetails> AddLocationAsync(this TestStore store, params string[] positions) => store.AsStaffAsync(async () =>
    {
        var locations = store.Get<LocationService>();
        var location = await locations.CreateAsync(NewLocation($"Location {Guid.NewGuid():N}"[..20]));
        var version = location.Location.Version;
        foreach (var code in positions) version = (await locations.AddPositionAsync(location.Location.Id, new AddPosition { Code = code }, version)).Version;
        return await locations.GetAsync(location.Location.Id);
    });

    public static CreateShipment NewShipment(Guid locationId, params (string Sku, int Quantity, string? Position)[] lines) => new()
    {
        LocationId = locationId,
        From = new PartyFields { Kind = PartyKind.Location, LocationId = locationId },
        To = new PartyFields { Kind = PartyKind.Address, Name = "Ada Lovelace", Line1 = "1 High Street", City = "York", Postcode = "YO1 7HH", CountryCode = "GB" },
        OrderReference = $"ORD-{Guid.NewGuid():N}"[..16],
        ShipAt = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero),
        Lines = [.. lines.Select(l => new ShipmentLineFields { Sku = l.Sku, Quantity = l.Quantity, Position = l.Position, Description = $"{l.Sku} item" })],
    };

    public static Task<ShipmentDetails> AddShipmentAsync(this TestStore store, Guid locationId, params (string Sku, int Quantity, string? Position)[] lines) =>
        store.AsStaffAsync(() => store.Get<ShipmentService>().CreateAsync(NewShipment(locationId, lines)));

    public static Task<HandlingListDetails> AddListAsync(this TestStore store, params Guid[] shipmentIds) =>
        store.AsStaffAsync(() => store.Get<HandlingListService>().CreateAsync(new CreateHandlingList { Shipments = [.. shipmentIds.Select(id => new ListShipment(id))] }));

    public static async Task<List<ShipmentUnit>> UnitsAsync(this TestStore store, Guid shipmentId)
    {
        await using var db = await store.DbAsync();
        return await db.ShipmentUnits.AsNoTracking().Where(u => u.ShipmentId == shipmentId).OrderBy(u => u.Id).ToListAsync();
    }

    public static async Task<Shipment> ShipmentAsync(this TestStore store, Guid id)
    {
        await using var db = await store.DbAsync();
        return await db.Shipments.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    /// <summary>A separate scope (its own acting user, its own contexts), as a second request or circuit would have.</summary>
    public static AsyncServiceScope ScopeAs(this TestStore store, string role, string email)
    {
        var scope = store.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().Principal = TestStore.Principal(Guid.CreateVersion7(), role, email);
        return scope;
    }

    public static RecordPick Pick(string sku, int quantity = 1, string? key = null, string? position = null) =>
        new() { Key = key ?? Guid.NewGuid().ToString("N"), Sku = sku, Quantity = quantity, Position = position };
}
