using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Tests.Support;

/// <summary>
/// The real domain (services, validators, EF Core store with migrations and the audit interceptor) on a private
/// database (in-memory SQLite, or its own PostgreSQL database when the run is on PostgreSQL: <see cref="TestDatabase"/>),
/// with a fake clock and a switchable acting user.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly SqliteConnection? _keepAlive;
    private readonly PostgresTestDatabase? _postgres;
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;

    private TestStore(string connectionString, PostgresTestDatabase? postgres, Action<IServiceCollection>? configure)
    {
        _postgres = postgres;
        if (postgres is null)
        {
            _keepAlive = new SqliteConnection(connectionString);
            _keepAlive.Open();
        }
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddPortalDomain(connectionString, TestDatabase.Provider);
        // Cheap hashes: the rules are under test here, not the hashes' cost (100,000 PBKDF2 rounds each, ~70 ms, where a
        // test makes users and demo data seeds dozens of invitations). A test can set its own after these.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
        services.Configure<InvitationOptions>(o => o.HashIterations = 1_000);
        configure?.Invoke(services);
        _root = services.BuildServiceProvider(validateScopes: true);
        _scope = _root.CreateAsyncScope();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    public IServiceProvider Services => _scope.ServiceProvider;
    public CurrentUserAccessor User => Get<CurrentUserAccessor>();

    public static async Task<TestStore> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        if (TestDatabase.IsPostgres)
        {
            // Copied from the migrated template: no migration to run.
            var database = await TestDatabase.CreatePostgresAsync();
            return new TestStore(database.ConnectionString, database, configure);
        }
        var store = new TestStore($"Data Source=file:portal-test-{Guid.NewGuid():N}?mode=memory&cache=shared", null, configure);
        await TestDatabase.CopySqliteTemplateAsync(store._keepAlive!); // the migrated template's copy
        return store;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Acts as a signed-in user with <paramref name="role"/>; returns the principal's id.</summary>
    public Guid ActAs(string role, Guid? id = null, string? email = null)
    {
        var userId = id ?? Guid.CreateVersion7();
        User.Principal = Principal(userId, role, email ?? $"{role.ToLowerInvariant()}@test.example");
        return userId;
    }

    public void ActAsAnonymous() => User.Principal = new ClaimsPrincipal(new ClaimsIdentity());

    public static ClaimsPrincipal Principal(Guid id, string role, string email) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, id.ToString()),
        new Claim(ClaimTypes.Name, email),
        new Claim(ClaimTypes.Email, email),
        new Claim(ClaimTypes.Role, role),
    ], "test"));

    /// <summary>A fresh context for arranging data or asserting what was stored (bypasses the services).</summary>
    public Task<PortalDbContext> DbAsync() => Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
        if (_keepAlive is not null) await _keepAlive.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
