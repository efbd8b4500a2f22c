using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Portal.Tests.Api.Instances;

/// <summary>
/// Where Blazor keeps a disconnected circuit's persisted state: a HybridCache over Redis when <c>Redis:Configuration</c>
/// is set (any instance can resume it), the framework's in-memory store otherwise.
/// </summary>
public sealed class CircuitPersistenceTests
{
    [Fact]
    public async Task WithRedisConfigured_CircuitStateGoesToAHybridCacheOverRedis()
    {
        // Nothing listens there: the Redis client connects on first use, and this test uses none.
        await using var instance = new PortalInstance(b => b.UseSetting("Redis:Configuration", "127.0.0.1:1,abortConnect=false"));

        var circuits = instance.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.NotNull(circuits.HybridPersistenceCache);
        Assert.IsAssignableFrom<RedisCache>(instance.Services.GetRequiredService<IDistributedCache>());
    }

    [Fact]
    public async Task WithoutRedis_CircuitStateStaysInMemory()
    {
        await using var instance = new PortalInstance(_ => { });

        var circuits = instance.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Null(circuits.HybridPersistenceCache);
    }
}
