using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Store;

namespace Portal.Domain.Outbox;

public static class OutboxRegistration
{
    /// <summary>The outbox and its dispatcher (the host decides whether a background service runs it and how mail is sent).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddScoped<OutboxService>();
        services.AddScoped<OutboxDispatcher>();
        services.AddDemoDataSeeder<OutboxDemoData>();
        return services;
    }
}
