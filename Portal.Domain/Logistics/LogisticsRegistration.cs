using Microsoft.Extensions.DependencyInjection;
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
        services.AddDemoDataSeeder<LogisticsDemoData>();
        return services;
    }
}
