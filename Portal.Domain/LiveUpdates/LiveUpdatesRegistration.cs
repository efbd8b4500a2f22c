using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Domain.LiveUpdates;

public static class LiveUpdatesRegistration
{
    /// <summary>
    /// The bus and presence. The store adds the interceptor that publishes every save to each context, and the
    /// transport of its provider (<c>Store/LiveUpdateTransports</c>).
    /// </summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services)
    {
        services.TryAddSingleton<LiveUpdateHub>();
        services.TryAddSingleton<ILiveUpdates>(sp => sp.GetRequiredService<LiveUpdateHub>());
        services.TryAddSingleton<PresenceTracker>();
        services.TryAddScoped<LiveUpdatesInterceptor>();
        return services;
    }
}
