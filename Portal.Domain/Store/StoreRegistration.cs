using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Audit;

namespace Portal.Domain.Store;

/// <summary>
/// The one place that knows the database provider (SQLite today): the context factory, its per-connection tuning,
/// the provider's full-text search and the start-up migration. A second provider (PostgreSQL) plugs in here.
/// </summary>
public static class StoreRegistration
{
    /// <summary>Data Protection's application name: instances with the same name and key ring read each other's payloads.</summary>
    public const string DataProtectionApplicationName = "Portal";

    /// <summary>
    /// The store. The context factory is scoped so each context it makes carries the current user's audit
    /// interceptor; each operation still gets its own short-lived context.
    /// </summary>
    public static IServiceCollection AddPortalStore(this IServiceCollection services, string connectionString)
    {
        services.TryAddScoped<AuditInterceptor>();
        services.AddDbContextFactory<PortalDbContext>((sp, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), SqliteTuning.Instance), ServiceLifetime.Scoped);
        services.TryAddSingleton<IFullTextSearch, SqliteFullTextSearch>();
        // The key ring is kept in the database, so every instance (and a restart) can read what another encrypted.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<PortalDbContext>();
        return services;
    }

    /// <summary>Applies migrations and switches the SQLite file to WAL (readers never wait for the writer).</summary>
    public static async Task MigrateStoreAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", ct);
    }

    /// <summary>
    /// A context on the same database without the audit interceptor, for bulk rows that are nobody's change
    /// (benchmark data). The caller disposes it.
    /// </summary>
    public static async Task<PortalDbContext> CreateUnauditedContextAsync(this IDbContextFactory<PortalDbContext> dbs, CancellationToken ct = default)
    {
        await using var probe = await dbs.CreateDbContextAsync(ct);
        return new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(probe.Database.GetConnectionString()).Options);
    }
}
