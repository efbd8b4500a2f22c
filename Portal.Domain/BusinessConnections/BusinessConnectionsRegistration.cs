using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.BusinessConnections;

public static class BusinessConnectionsRegistration
{
    /// <summary>Business units, assurance certificates (held by Portal, looked up through <see cref="ICertificateLookup"/>), business connections; their demo data.</summary>
    public static IServiceCollection AddBusinessConnections(this IServiceCollection services)
    {
        services.AddScoped<BusinessUnitService>();
        services.AddScoped<BusinessUnitImportService>();
        services.AddScoped<CertificateService>();
        services.AddScoped<CertificateImportService>();
        services.AddScoped<ICertificateLookup, HeldCertificateLookup>();
        services.AddScoped<BusinessConnectionService>();
        // BusinessConnections:CertificateGrace and :CertificateExpiringWithin when the host has configuration.
        services.AddOptions<CertificateOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            if (sp.GetService<IConfiguration>() is not { } config) return;
            o.Grace = config.GetValue("BusinessConnections:CertificateGrace", o.Grace);
            o.ExpiringWithin = config.GetValue("BusinessConnections:CertificateExpiringWithin", o.ExpiringWithin);
        });
        services.AddSearchSource<BusinessUnitSearchSource>();
        services.AddPaletteAction(new PaletteAction("Go to Business units", "Farms, stores and regions", "/business-units", Access.Read));
        services.AddPaletteAction(new PaletteAction("Go to Business connections", "Connections between organisations", "/business-connections", Access.Read));
        services.AddPaletteAction(new PaletteAction("New business connection", "Connect two organisations (with the duplicate check)", "/business-connections?new=true", Access.Write) { Keywords = ["create", "add", "connect"] });
        services.AddDemoDataSeeder<BusinessConnectionsDemoData>();
        return services;
    }
}
