using Medallion.Threading;
using Medallion.Threading.Postgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.LiveUpdates;

namespace Portal.Domain.Store;

/// <summary>The database engine behind the store (<c>Database:Provider</c>): embedded SQLite by default, PostgreSQL past one machine.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The one place that knows the database provider: the context options (SQLite with its per-connection tuning, or
/// PostgreSQL with retries on transient failures), the provider's migrations, its full-text search and the start-up
/// migration.
/// </summary>
public static class StoreRegistration
{
    /// <summary>Data Protection's application name: instances with the same name and key ring read each other's payloads.</summary>
    public const string DataProtectionApplicationName = "Portal";

    /// <summary>
    /// The store. The context factory is scoped so each context it makes carries the current user's audit
    /// interceptor; each operation still gets its own short-lived context.
    /// </summary>
    public static IServiceCollection AddPortalStore(this IServiceCollection services, string connectionString, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        services.TryAddScoped<AuditInterceptor>();
        services.AddLiveUpdates();
        services.AddLiveUpdateTransport(provider, connectionString);
        services.AddDbContextFactory<PortalDbContext>((sp, options) => options
            .UsePortalProvider(provider, connectionString)
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<LiveUpdatesInterceptor>()), ServiceLifetime.Scoped);
        if (provider == DatabaseProvider.Postgres) services.TryAddSingleton<IFullTextSearch, PostgresFullTextSearch>();
        else services.TryAddSingleton<IFullTextSearch, SqliteFullTextSearch>();
        // Jobs that run once across instances (ISingleInstanceJob) take their lock here: PostgreSQL advisory locks, which
        // every instance on the database sees and which fall with a dead instance's connection; on SQLite (one machine)
        // a lock within the process.
        if (provider == DatabaseProvider.Postgres) services.TryAddSingleton<IDistributedLockProvider>(new PostgresDistributedSynchronizationProvider(connectionString));
        else services.TryAddSingleton<IDistributedLockProvider, InProcessLockProvider>();
        // The key ring is kept in the database, so every instance (and a restart) can read what another encrypted.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<PortalDbContext>();
        return services;
    }

    /// <summary>
    /// The provider with its settings and its own migrations (<see cref="ProviderMigrationsAssembly"/>): everything a
    /// context of either provider needs except the audit interceptor. Also used at design time and by tests.
    /// </summary>
    public static DbContextOptionsBuilder<PortalDbContext> UsePortalProvider(this DbContextOptionsBuilder<PortalDbContext> options, DatabaseProvider provider, string connectionString)
    {
        ((DbContextOptionsBuilder)options).UsePortalProvider(provider, connectionString);
        return options;
    }

    /// <inheritdoc cref="UsePortalProvider(DbContextOptionsBuilder{PortalDbContext}, DatabaseProvider, string)"/>
    public static DbContextOptionsBuilder UsePortalProvider(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString).AddInterceptors(SqliteTuning.Instance);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString, o => o.EnableRetryOnFailure()).AddInterceptors(PostgresLikeIgnoresCase.Instance);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Database:Provider is Sqlite or Postgres.");
        }
        return options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
    }

    /// <summary>Applies migrations; on SQLite also switches the file to WAL (readers never wait for the writer) and puts back
    /// any full-text triggers a table rebuild dropped (<see cref="SqliteSearchTriggers"/>).</summary>
    public static async Task MigrateStoreAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (!db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", ct);
        await SqliteSearchTriggers.EnsureAsync(db, ct);
    }

    /// <summary>
    /// Gives the query planner statistics of the rows now stored (after seeding, at start-up). Without them SQLite guesses,
    /// and with several indexes on a list it may take the filter's and sort every match instead of walking the sort's:
    /// SQLite's <c>PRAGMA optimize</c> (bounded by <c>analysis_limit</c>, so it stays quick on millions of rows; it analyses
    /// only tables whose statistics are missing or stale); PostgreSQL's <c>ANALYZE</c> only after a bulk load
    /// (<paramref name="afterBulkLoad"/>: its autovacuum keeps statistics otherwise, and a whole-database ANALYZE on every
    /// start of every instance would cost a large database minutes).
    /// </summary>
    public static async Task UpdatePlannerStatisticsAsync(this IServiceProvider services, bool afterBulkLoad = false, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", ct);
        else if (afterBulkLoad) await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
    }

    /// <summary>
    /// A context on the same database without the audit interceptor, for bulk rows that are nobody's change
    /// (benchmark data). The caller disposes it.
    /// </summary>
    public static async Task<PortalDbContext> CreateUnauditedContextAsync(this IDbContextFactory<PortalDbContext> dbs, CancellationToken ct = default)
    {
        await using var probe = await dbs.CreateDbContextAsync(ct);
        var provider = probe.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        return new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UsePortalProvider(provider, probe.Database.GetConnectionString()!).Options);
    }
}
