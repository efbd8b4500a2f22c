using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Domain.Store;
using Portal.Tests.Domain.Logistics;
using Portal.Tests.Support;

namespace Portal.Tests.Components.Logistics;

/// <summary>A location, shipments and a list made through the real services, and a Warehouse picker to work it.</summary>
public abstract class PickScreenTest : PortalComponentTest
{
    protected LocationService Locations => Services.GetRequiredService<LocationService>();
    protected HandlingListService Lists => Services.GetRequiredService<HandlingListService>();

    /// <summary>Acts as a new Warehouse picker (a stored staff user, as taking a list needs).</summary>
    protected async Task<StaffUserRow> ActAsPickerAsync(string name = "Wes Warehouse")
    {
        var email = $"{name.Replace(" ", ".").ToLowerInvariant()}.{Guid.NewGuid():N}"[..30] + "@test.example";
        ActAs(AdminId, Roles.Admin, AdminEmail); // staff users are made by an Admin
        var picker = await CreateUserAsync(name, email, Roles.Warehouse);
        ActAs(picker.Id, Roles.Warehouse, email);
        return picker;
    }

    protected async Task<LocationDetails> AddLocationAsync(string name, params string[] positions)
    {
        var location = await Locations.CreateAsync(LogisticsTestData.NewLocation(name));
        var version = location.Location.Version;
        foreach (var code in positions) version = (await Locations.AddPositionAsync(location.Location.Id, new AddPosition { Code = code }, version)).Version;
        return await Locations.GetAsync(location.Location.Id);
    }

    /// <summary>A list of one shipment per entry of <paramref name="shipments"/> (totes A, B, … in that order), made as the Admin.</summary>
    protected async Task<HandlingListDetails> AddListAsync(Guid locationId, DateTimeOffset? dueAt, params (string Sku, int Quantity, string? Position)[][] shipments)
    {
        var ids = new List<Guid>();
        foreach (var lines in shipments)
            ids.Add((await Services.GetRequiredService<ShipmentService>().CreateAsync(LogisticsTestData.NewShipment(locationId, lines))).Shipment.Id);
        return await Lists.CreateAsync(new CreateHandlingList { Shipments = [.. ids.Select(id => new ListShipment(id))], DueAt = dueAt });
    }

    /// <summary>Runs <paramref name="work"/> as someone else, in a scope of their own (another circuit, another device).</summary>
    protected async Task AsAsync(Guid id, string role, string email, Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().Principal = TestStore.Principal(id, role, email);
        await work(scope.ServiceProvider);
    }

    protected async Task<List<ShipmentUnit>> UnitsOfListAsync(Guid listId)
    {
        await using var db = await DbAsync();
        return await db.ShipmentUnits.AsNoTracking().Where(u => u.HandlingListId == listId).ToListAsync();
    }
}
