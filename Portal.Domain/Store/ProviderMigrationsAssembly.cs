using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Domain.Store;

/// <summary>
/// One context type, two sets of migrations in one assembly: SQLite's in <c>Migrations/Sqlite</c>, PostgreSQL's in
/// <c>Migrations/Postgres</c> (namespaces <c>Portal.Domain.Migrations.Sqlite|Postgres</c>). EF's own lookup takes every
/// migration and snapshot of the context in the assembly; this one takes those of the active provider's namespace, at
/// run time and for <c>dotnet ef migrations add</c> alike. Migration ids are the <c>[Migration]</c> attributes, so the
/// SQLite migrations kept their ids when they moved folders and existing files upgrade as before.
/// </summary>
internal sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    private readonly Type _contextType;
    private readonly string _namespace;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _snapshot;

    public ProviderMigrationsAssembly(ICurrentDbContext currentContext, IDatabaseProvider databaseProvider)
    {
        _contextType = currentContext.Context.GetType();
        _namespace = MigrationsNamespace(databaseProvider.Name);
        _migrations = new(() => Types()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<MigrationAttribute>() is not null)
            .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()!.Id, Type: t))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToDictionary(m => m.Id, m => m.Type));
        _snapshot = new(() => Types().Where(t => t.IsSubclassOf(typeof(ModelSnapshot)))
            .Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!).SingleOrDefault());
    }

    /// <summary>The namespace of a provider's migrations, by EF's provider name.</summary>
    public static string MigrationsNamespace(string providerName) => providerName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => "Portal.Domain.Migrations.Sqlite",
        "Npgsql.EntityFrameworkCore.PostgreSQL" => "Portal.Domain.Migrations.Postgres",
        _ => throw new NotSupportedException($"No Portal migrations for the provider {providerName}."),
    };

    public Assembly Assembly => typeof(PortalDbContext).Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _snapshot.Value;

    /// <summary>By id, or by name (the part after the timestamp), ignoring case as EF does.</summary>
    public string? FindMigrationId(string nameOrId) => Migrations.Keys
        .Where(id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(id[(id.IndexOf('_') + 1)..], nameOrId, StringComparison.OrdinalIgnoreCase))
        .FirstOrDefault();

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private IEnumerable<TypeInfo> Types() => Assembly.DefinedTypes.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition
        && t.Namespace == _namespace && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == _contextType);
}
