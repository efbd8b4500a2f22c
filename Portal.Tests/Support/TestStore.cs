using System.Security.Claims;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Tests.Support;

/// <summary>
/// The real domain (services, validators, EF Core store with migrations and the audit interceptor) on a private
/// in-memory SQLite database, with a fake clock and a switchable acting user.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly SqliteConnection _keepAlive;
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;

    private TestStore(string connectionString, Action<IServiceCollection>? configure)
    {
        _keepAlive = new SqliteConnection(connectionString);
        _keepAlive.Open();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddPortalDomain(connectionString);
        configure?.Invoke(services);
        _root = services.BuildServiceProvider(validateScopes: true);
        _scope = _root.CreateAsyncScope();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    public IServiceProvider Services => _scope.ServiceProvider;
    public CurrentUserAccessor User => Get<CurrentUserAccessor>();

    public static async Task<TestStore> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var store = new TestStore($"Data Source=file:portal-test-{Guid.NewGuid():N}?mode=memory&cache=shared", configure);
        await store._root.MigrateStoreAsync();
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
        await _keepAlive.DisposeAsync();
    }
}
