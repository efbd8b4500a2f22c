using Microsoft.Extensions.DependencyInjection;

namespace Portal.Domain.Store;

/// <summary>
/// One area's (or sub-feature's) demo rows for Development. Each seeder adds its rows once (it checks for them
/// first), so a store seeded before a feature existed gets that feature's rows on the next start.
/// </summary>
public interface IDemoDataSeeder
{
    /// <summary>When it runs: lower first. A seeder that builds on another's rows runs after it (staff users before organisations).</summary>
    int Order { get; }

    Task SeedAsync(CancellationToken ct = default);
}

/// <summary>Runs every registered <see cref="IDemoDataSeeder"/> in order: Development's demo data, never Production's.</summary>
public sealed class DemoData(IEnumerable<IDemoDataSeeder> seeders)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var seeder in seeders.OrderBy(s => s.Order)) await seeder.SeedAsync(ct);
    }
}

public static class DemoDataRegistration
{
    /// <summary>Registers an area's seeder for the runner, and as itself for tests and the benchmark CLI.</summary>
    public static IServiceCollection AddDemoDataSeeder<T>(this IServiceCollection services) where T : class, IDemoDataSeeder
    {
        services.AddScoped<T>();
        services.AddScoped<IDemoDataSeeder>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
