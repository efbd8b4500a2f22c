using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;

namespace Portal.Domain.Store;

/// <summary>One fixed-window counter of a rate limit (sign-in per client, per account, join-form posts), shared by every instance.</summary>
[NotAudited]
public sealed class RateLimitCounter
{
    public const int KeyMaxLength = 300;

    /// <summary>The policy and who is counted, e.g. <c>sign-in:203.0.113.7</c>.</summary>
    public required string Key { get; init; }
    /// <summary>The window's start, in Unix seconds (a plain number: the upsert's SQL is the same on both providers).</summary>
    public long WindowStart { get; init; }
    public int Count { get; init; }
}

public sealed class RateLimitCounterConfiguration : IEntityTypeConfiguration<RateLimitCounter>
{
    public void Configure(EntityTypeBuilder<RateLimitCounter> b)
    {
        b.ToTable("RateLimitCounters");
        b.HasKey(c => c.Key);
        b.Property(c => c.Key).HasMaxLength(RateLimitCounter.KeyMaxLength);
        b.HasIndex(c => c.WindowStart); // the clean-up job deletes by it
    }
}

/// <summary>
/// Fixed-window counters in the database, so a limit holds however many instances answer: each attempt is one atomic
/// upsert (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, the same SQL on SQLite 3.35+ and PostgreSQL) that starts
/// the key's window again when the stored one has passed, and answers the count so far. Old windows are deleted by
/// <see cref="RateLimitCounterCleanupJob"/>.
/// </summary>
public sealed class SharedRateLimitCounters(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Counts one attempt of <paramref name="key"/> in the current window; true while it is within <paramref name="permits"/>.</summary>
    public async Task<bool> TryAttemptAsync(string key, int permits, TimeSpan window, CancellationToken ct = default)
    {
        var seconds = (long)window.TotalSeconds;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var windowStart = now - now % seconds;
        if (key.Length > RateLimitCounter.KeyMaxLength) key = key[..RateLimitCounter.KeyMaxLength];
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var count = (await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateLimitCounters" ("Key", "WindowStart", "Count") VALUES ({key}, {windowStart}, 1)
            ON CONFLICT ("Key") DO UPDATE SET
              "Count" = CASE WHEN "RateLimitCounters"."WindowStart" = excluded."WindowStart" THEN "RateLimitCounters"."Count" + 1 ELSE 1 END,
              "WindowStart" = excluded."WindowStart"
            RETURNING "Count" AS "Value"
            """).ToListAsync(ct)).Single();
        return count <= permits;
    }

    /// <summary>Deletes counters whose window started before <paramref name="olderThan"/>; answers how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken ct = default)
    {
        var before = olderThan.ToUnixTimeSeconds();
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        return await db.Set<RateLimitCounter>().Where(c => c.WindowStart < before).ExecuteDeleteAsync(ct);
    }
}

/// <summary>Deletes rate-limit counters of windows that ended over an hour ago, on one instance at a time.</summary>
public sealed class RateLimitCounterCleanupJob(SharedRateLimitCounters counters, TimeProvider clock) : ISingleInstanceJob
{
    public const string Name = "rate-limit-cleanup";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    public async Task<bool> RunAsync(CancellationToken ct)
    {
        await counters.DeleteOlderThanAsync(clock.GetUtcNow() - TimeSpan.FromHours(1), ct);
        return false;
    }
}
