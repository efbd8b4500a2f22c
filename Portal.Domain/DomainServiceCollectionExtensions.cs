using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Admin;
using Portal.Domain.BusinessConnections;
using Portal.Domain.AgentConnections;
using Portal.Domain.Audit;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Invitations;
using Portal.Domain.Logistics;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;
using Portal.Domain.Pricing;
using Portal.Domain.SavedViews;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>
    /// The store, what every area shares (clock, acting user, validators, the demo-data runner) and each area's own
    /// registration. A new area adds its <c>Add&lt;Area&gt;()</c> here, written next to its code.
    /// </summary>
    public static IServiceCollection AddPortalDomain(this IServiceCollection services, string connectionString, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        services.AddPortalStore(connectionString, provider);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<CurrentUserAccessor>();
        services.TryAddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUserAccessor>());
        services.AddValidatorsFromAssemblyContaining<PortalDbContext>(ServiceLifetime.Singleton, includeInternalTypes: false);
        services.AddScoped<DemoData>();
        services.AddScoped<DashboardService>();

        services.AddAdmin();
        services.AddAudit();
        services.AddOutbox();
        services.AddSavedViews();
        services.AddSearch();
        services.AddOrganisations();
        services.AddLogistics();
        services.AddInvitations();
        services.AddPricing();
        services.AddBilling();
        services.AddBusinessConnections();
        services.AddAgentConnections();
        return services;
    }
}
