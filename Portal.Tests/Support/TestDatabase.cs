using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.Domain;
using Portal.Domain.Store;

namespace Portal.Tests.Support;

/// <summary>
/// The provider the domain and API tests run on: SQLite unless <c>PORTAL_TEST_PROVIDER=Postgres</c>, then the server
/// in <c>PORTAL_TEST_POSTGRES</c> (a connection string without a database; test.sh starts a private cluster and sets
/// both). On PostgreSQL every store gets a database of its own: the migrations run once, into a template, and each
/// database is a copy of it (<c>CREATE DATABASE … TEMPLATE</c>). A database a test is done with is emptied back to the
/// template's rows and handed to the next test (about a tenth of a copy's time on the shared 2-core machine); one that
/// cannot be emptied is dropped. On SQLite the migrations also run once, into an in-memory template kept open for the
/// run, and each store is a copy of it made with SQLite's backup API (about a millisecond, where migrating a new
/// database takes about 0.4 s, and the suite makes over a thousand).
/// </summary>
public static class TestDatabase
{
    public const string TemplateName = "portal_template";
    private const string Prefix = "t_";

    public static DatabaseProvider Provider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("PORTAL_TEST_PROVIDER"), ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public static bool IsPostgres => Provider == DatabaseProvider.Postgres;

    private static string Server => Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PORTAL_TEST_PROVIDER=Postgres needs PORTAL_TEST_POSTGRES, e.g. Host=/tmp/pg;Port=5432;Username=portal (test.sh sets it).");

    /// <summary>The SQL that empties a copy back to the template's rows, and the template's schema fingerprint (computed once).</summary>
    private static readonly Lazy<Task<(string Emptying, string Schema)>> Template = new(CreateTemplateAsync);

    private static readonly ConcurrentBag<string> Emptied = [];

    private static readonly Lazy<Task<SqliteConnection>> SqliteTemplate = new(CreateSqliteTemplateAsync);

    /// <summary>Fills the empty SQLite database that <paramref name="destination"/> is open on with a migrated store (the template's copy).</summary>
    public static async Task CopySqliteTemplateAsync(SqliteConnection destination)
    {
        var template = await SqliteTemplate.Value;
        lock (template) template.BackupDatabase(destination);
    }

    /// <inheritdoc cref="CopySqliteTemplateAsync"/>
    public static void CopySqliteTemplate(string connectionString)
    {
        using var destination = new SqliteConnection(connectionString);
        destination.Open();
        CopySqliteTemplateAsync(destination).GetAwaiter().GetResult();
    }

    private static async Task<SqliteConnection> CreateSqliteTemplateAsync()
    {
        var connectionString = $"Data Source=file:portal-template-{Guid.NewGuid():N}?mode=memory&cache=shared";
        var template = new SqliteConnection(connectionString);
        template.Open();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddPortalDomain(connectionString);
        await using var provider = services.BuildServiceProvider();
        await provider.MigrateStoreAsync();
        return template;
    }

    /// <summary>A migrated PostgreSQL database of this caller's own, with the template's rows only; disposing it passes it on.</summary>
    public static async Task<PostgresTestDatabase> CreatePostgresAsync()
    {
        await Template.Value;
        if (!Emptied.TryTake(out var name))
        {
            name = $"{Prefix}{Guid.NewGuid():N}";
            await ExecuteAsync("postgres", $"CREATE DATABASE \"{name}\" TEMPLATE {TemplateName}");
        }
        return new PostgresTestDatabase(name, ConnectionString(name));
    }

    /// <summary>A connection string to <paramref name="database"/> on the test server.</summary>
    public static string ConnectionString(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database, Pooling = pooling }.ConnectionString;

    /// <summary>
    /// Empties <paramref name="name"/> for the next test; drops it instead when the test changed its schema (a trigger
    /// made to fail a save, say) or emptying fails (a connection still holding a lock).
    /// </summary>
    internal static async Task ReleaseAsync(string name, string connectionString)
    {
        using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        var (emptying, schema) = await Template.Value;
        try
        {
            if (await QueryAsync(name, SchemaFingerprint) == schema)
            {
                await ExecuteAsync(name, emptying);
                Emptied.Add(name);
                return;
            }
        }
        catch (NpgsqlException)
        {
        }
        await ExecuteAsync("postgres", $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>What a test could change in the schema: the tables, columns, indexes, sequences, triggers and functions.</summary>
    private const string SchemaFingerprint = """
        SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
          SELECT format('c%s:%s:%s', c.relname, c.relkind, c.relnatts) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
          UNION ALL SELECT format('t%s', t.tgname) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
          UNION ALL SELECT format('p%s', p.proname) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
          UNION ALL SELECT format('n%s', nspname) FROM pg_namespace) s(x)
        """;

    /// <summary>
    /// Migrates the template once per run, replacing what a previous run left on the server (one run per server at a
    /// time), and leaves no connection open to it: a database being copied must have none. Answers the emptying SQL:
    /// delete every row (foreign keys off for the statement), put back the rows the migrations seeded (roles), restart
    /// every sequence.
    /// </summary>
    private static async Task<(string Emptying, string Schema)> CreateTemplateAsync()
    {
        var leftovers = await QueryAsync("postgres", $"SELECT string_agg(datname, ',') FROM pg_database WHERE datname ~ '^{Prefix}[0-9a-f]{{32}}$'");
        foreach (var leftover in leftovers?.Split(',') ?? []) await ExecuteAsync("postgres", $"DROP DATABASE \"{leftover}\" WITH (FORCE)");
        await ExecuteAsync("postgres", $"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
        await ExecuteAsync("postgres", $"CREATE DATABASE {TemplateName}");
        var options = new DbContextOptionsBuilder<PortalDbContext>().UsePortalProvider(DatabaseProvider.Postgres, ConnectionString(TemplateName, pooling: false)).Options;
        await using (var db = new PortalDbContext(options)) await db.Database.MigrateAsync();

        var tables = await QueryAsync(TemplateName, """
            SELECT string_agg(format('DELETE FROM %I.%I;', schemaname, tablename), ' ') FROM pg_tables
            WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
            """);
        var seeds = new List<string>();
        foreach (var table in (await QueryAsync(TemplateName, "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'"))!.Split(','))
        {
            var rows = await QueryAsync(TemplateName, $"SELECT json_agg(t)::text FROM \"{table}\" t");
            if (rows is not null) seeds.Add($"INSERT INTO \"{table}\" SELECT * FROM json_populate_recordset(null::\"{table}\", '{rows.Replace("'", "''")}');");
        }
        var sequences = await QueryAsync(TemplateName, "SELECT string_agg(format('ALTER SEQUENCE %I.%I RESTART;', schemaname, sequencename), ' ') FROM pg_sequences WHERE schemaname = 'public'");
        return ($"SET lock_timeout = '2s'; SET session_replication_role = replica; {tables} {string.Join(' ', seeds)} {sequences} SET session_replication_role = DEFAULT;",
            (await QueryAsync(TemplateName, SchemaFingerprint))!);
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database, pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> QueryAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database, pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() as string;
    }
}

/// <summary>One test's PostgreSQL database; disposing it empties it for the next test (or drops it).</summary>
public sealed class PostgresTestDatabase(string name, string connectionString) : IAsyncDisposable
{
    private int _released;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) await TestDatabase.ReleaseAsync(name, ConnectionString);
    }
}
