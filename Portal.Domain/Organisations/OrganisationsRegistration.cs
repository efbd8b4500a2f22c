using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

public static class OrganisationsRegistration
{
    /// <summary>Organisations and their parts: services, invitation options and the demo data of each sub-feature.</summary>
    public static IServiceCollection AddOrganisations(this IServiceCollection services)
    {
        services.AddScoped<OrganisationService>();
        services.AddScoped<OrganisationImportService>();
        services.AddScoped<OrganisationContactService>();
        // Bank details are encrypted with the host's Data Protection key ring (see StoreRegistration).
        services.TryAddSingleton<BankDetailsProtector>();
        services.AddScoped<OrganisationBankDetailsService>();
        services.AddScoped<OrganisationInvitationService>();
        services.AddScoped<WhiteLabelDomainService>();
        services.AddScoped<OrganisationModuleService>();
        services.AddScoped<ApplicationRequestService>();
        services.AddSingleInstanceJob<ApplicationRequestExpiryJob>(ApplicationRequestExpiryJob.Name, ApplicationRequestExpiryJob.Interval);
        services.AddOptions<ApplicationRequestOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            if (sp.GetService<IConfiguration>() is { } config) o.ValidFor = config.GetValue("ApplicationRequests:ValidFor", o.ValidFor);
        });
        services.AddSearchSource<OrganisationSearchSource>();
        services.AddPaletteAction(new PaletteAction("New organisation", "Opens the new-organisation form", "/organisations?new=true", Access.Write) { Keywords = ["create", "add"] });
        services.AddPaletteAction(new PaletteAction("Go to Organisations", "The organisations list", "/organisations", Access.Read));

        // Portal:BaseUrl and Invitations:ValidFor when the host has configuration; the defaults otherwise (tests).
        services.AddOptions<InvitationOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            if (sp.GetService<IConfiguration>() is not { } config) return;
            o.BaseUrl = config["Portal:BaseUrl"] ?? o.BaseUrl;
            o.ValidFor = config.GetValue("Invitations:ValidFor", o.ValidFor);
            o.KeyItemsValidFor = config.GetValue("Invitations:KeyItemsValidFor", o.KeyItemsValidFor);
            o.MaxResends = config.GetValue("Invitations:MaxResends", o.MaxResends);
            o.SuspiciousVerifications = config.GetValue("Invitations:SuspiciousVerifications", o.SuspiciousVerifications);
            o.HashIterations = config.GetValue("Invitations:HashIterations", o.HashIterations);
        });

        services.AddDemoDataSeeder<OrganisationDemoData>();
        services.AddDemoDataSeeder<ContactsDemoData>();
        services.AddDemoDataSeeder<BankDetailsDemoData>();
        services.AddDemoDataSeeder<InvitationsDemoData>();
        services.AddDemoDataSeeder<ModulesDemoData>();
        services.AddDemoDataSeeder<WhiteLabelDemoData>();
        services.AddDemoDataSeeder<ApplicationRequestsDemoData>();
        return services;
    }
}
