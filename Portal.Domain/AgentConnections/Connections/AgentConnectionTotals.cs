using Microsoft.Extensions.Caching.Memory;

namespace Portal.Domain.AgentConnections;

/// <summary>
/// The list's total across all agencies (no agency, no search), cached per filter for <see cref="Lifetime"/>: counting
/// 500,000 rows (or 70,000 with stage access) on every page cost more than the page itself, and that total changes only
/// when connections are added, deleted or change state. A change made through this instance's services shows at once
/// (<see cref="Changed"/> starts a new generation); another instance's change shows within <see cref="Lifetime"/>.
/// One agency's total (at most its own connections, on its index) and a search's are always counted.
/// </summary>
public sealed class AgentConnectionTotals(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private long _generation;

    public static bool IsCached(AgentConnectionQuery query) => query.AgencyId is null && string.IsNullOrWhiteSpace(query.Q);

    public async Task<int> GetAsync(AgentConnectionQuery query, Func<CancellationToken, Task<int>> count, CancellationToken ct)
    {
        if (!IsCached(query)) return await count(ct);
        var key = (typeof(AgentConnectionTotals), Interlocked.Read(ref _generation), query.State, query.Method, query.StageAccess);
        if (cache.TryGetValue(key, out int total)) return total;
        total = await count(ct);
        cache.Set(key, total, Lifetime);
        return total;
    }

    /// <summary>Connections were added, deleted or changed state or stage access: the next list counts again.</summary>
    public void Changed() => Interlocked.Increment(ref _generation);
}
