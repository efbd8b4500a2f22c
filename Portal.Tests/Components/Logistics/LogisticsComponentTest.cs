using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Logistics;
using Portal.Tests.Domain.Logistics;

namespace Portal.Tests.Components.Logistics;

/// <summary>A component test with a location and shipments made through the real services (as the signed-in Admin).</summary>
public abstract class LogisticsComponentTest : PortalComponentTest
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    protected LocationService Locations => Services.GetRequiredService<LocationService>();
    protected ShipmentService ShipmentsService => Services.GetRequiredService<ShipmentService>();
    protected HandlingListService Lists => Services.GetRequiredService<HandlingListService>();

    protected async Task<LocationDetails> AddLocationAsync(string name, params string[] positions)
    {
        var location = await Locations.CreateAsync(LogisticsTestData.NewLocation(name));
        var version = location.Location.Version;
        foreach (var code in positions) version = (await Locations.AddPositionAsync(location.Location.Id, new AddPosition { Code = code }, version)).Version;
        return await Locations.GetAsync(location.Location.Id);
    }

    protected Task<ShipmentDetails> AddShipmentAsync(Guid locationId, string reference, params (string Sku, int Quantity, string? Position)[] lines)
    {
        var shipment = LogisticsTestData.NewShipment(locationId, lines);
        shipment.OrderReference = reference;
        return ShipmentsService.CreateAsync(shipment);
    }
}
