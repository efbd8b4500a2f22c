namespace Portal.Infrastructure;

/// <summary>
/// Where a disconnected circuit's persisted state (<c>[PersistentState]</c> values, kept when the circuit is evicted or
/// paused) waits for the browser to resume it. With <c>Redis:Configuration</c> set, a HybridCache over Redis: Blazor uses
/// a registered HybridCache by itself, so a browser that comes back to another instance finds its state there. Without
/// it, the framework's in-memory store, as on one machine.
/// </summary>
public static class CircuitPersistence
{
    public static IServiceCollection AddPortalCircuitPersistence(this IServiceCollection services, IConfiguration config)
    {
        if (config["Redis:Configuration"] is not { Length: > 0 } redis) return services;
        services.AddStackExchangeRedisCache(o =>
        {
            o.Configuration = redis;
            o.InstanceName = config.GetValue("Redis:InstanceName", "portal:");
        });
        services.AddHybridCache();
        return services;
    }
}
