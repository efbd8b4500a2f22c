using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Domain.Store;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the web host, for the provider named after
/// <c>--</c> (<c>-- --provider Postgres</c>; SQLite without it). Adding a migration never connects, so the connection
/// strings only have to parse.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var at = Array.FindIndex(args, a => a is "--provider" or "--Provider");
        var provider = at >= 0 && at + 1 < args.Length ? Enum.Parse<DatabaseProvider>(args[at + 1], ignoreCase: true) : DatabaseProvider.Sqlite;
        var connectionString = provider == DatabaseProvider.Postgres ? "Host=localhost;Database=portal_design_time" : "Data Source=design-time.db";
        return new(new DbContextOptionsBuilder<PortalDbContext>().UsePortalProvider(provider, connectionString).Options);
    }
}
