using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Pricing;

public static class PricingRegistration
{
    /// <summary>Pricing: groups, their prices (scheduled, never edited), the lookup, imports and exports; and their demo data.</summary>
    public static IServiceCollection AddPricing(this IServiceCollection services)
    {
        // The Pricing section when the host has configuration; the defaults otherwise (tests).
        services.AddOptions<PricingOptions>().Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection("Pricing").Bind(o));
        services.AddScoped<INewOrganisationDefaults, DefaultPricingGroup>();
        services.AddScoped<PricingGroupService>();
        services.AddScoped<PriceService>();
        services.AddScoped<PriceImportService>();
        services.AddSearchSource<PricingGroupSearchSource>();
        services.AddPaletteAction(new PaletteAction("Go to Pricing groups", "Pricing groups and their prices", "/pricing-groups", Access.Read) { Keywords = ["prices", "sku"] });
        services.AddDemoDataSeeder<PricingDemoData>();
        return services;
    }
}
