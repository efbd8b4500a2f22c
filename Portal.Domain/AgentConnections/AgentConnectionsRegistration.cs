using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.AgentConnections;

public static class AgentConnectionsRegistration
{
    /// <summary>Agent connections: agencies (secret, connect link), connections, their messages and credentials; and their demo data.</summary>
    public static IServiceCollection AddAgentConnections(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<AgentConnectionTotals>();
        services.AddScoped<AgencyService>();
        services.AddScoped<AgentConnectionService>();
        services.AddScoped<AgentMessageService>();
        services.AddScoped<AgentCredentialService>();
        services.AddPaletteAction(new PaletteAction("Go to Agencies", "Agencies, their connect links and secrets", "/agencies", Access.Read) { Keywords = ["did", "agent"] });
        services.AddPaletteAction(new PaletteAction("Go to Agent connections", "DID connections of every agency", "/agent-connections", Access.Read) { Keywords = ["did", "agent"] });
        services.AddSearchSource<AgencySearchSource>();
        services.AddSearchSource<AgentConnectionSearchSource>();
        services.AddDemoDataSeeder<AgentConnectionsDemoData>();
        return services;
    }
}
