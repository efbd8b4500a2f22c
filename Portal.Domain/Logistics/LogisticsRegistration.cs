using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

public static class LogisticsRegistration
{
    /// <summary>Logistics: locations, shipping methods, shipments and their units, handling lists and picks, parcels; and their demo data.</summary>
    public static IServiceCollection AddLogistics(this IServiceCollection services)
    {
        services.AddScoped<LocationService>();
        services.AddScoped<ShippingMethodService>();
        services.AddScoped<ShipmentService>();
        services.AddScoped<HandlingListService>();
        services.AddScoped<PickService>();
        services.AddScoped<ParcelService>();
        services.AddSearchSource<ShipmentSearchSource>();
        services.AddSearchSource<HandlingListSearchSource>();
        services.AddPaletteAction(new PaletteAction("Pick", "My handling lists, to pick", "/pick", Access.LogisticsHandle) { Keywords = ["scan", "warehouse"] });
        services.AddPaletteAction(new PaletteAction("Go to Shipments", "The shipments list", "/shipments", Access.LogisticsRead));
        services.AddPaletteAction(new PaletteAction("Go to Handling lists", "The handling lists board", "/handling-lists", Access.LogisticsRead));
        services.AddPaletteAction(new PaletteAction("Go to Shipping methods", "Shipping methods", "/shipping-methods", Access.LogisticsRead));
        services.AddDemoDataSeeder<LogisticsDemoData>();
        return services;
    }
}
