using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Auth;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Tests.Support;

/// <summary>
/// The real web host on a fresh database (a SQLite file, or its own PostgreSQL database when the run is on PostgreSQL:
/// <see cref="TestDatabase"/>), environment "Testing" (local sign-in, no demo data).
/// </summary>
public class PortalApiFactory : WebApplicationFactory<Program>
{
    private PostgresTestDatabase? _postgres;
    private readonly PortalApiFactory? _firstInstance;

    public PortalApiFactory()
    {
    }

    /// <summary>Another instance of the app on <paramref name="firstInstance"/>'s database, as a second machine behind a load balancer.</summary>
    protected PortalApiFactory(PortalApiFactory firstInstance) => _firstInstance = firstInstance;

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"portal-api-{Guid.NewGuid():N}.db");

    /// <summary>The database's connection string (the first instance's host must have been built).</summary>
    public string ConnectionString => _firstInstance?.ConnectionString
        ?? (TestDatabase.IsPostgres ? _postgres?.ConnectionString ?? throw new InvalidOperationException("The host is not built yet.")
            : $"Data Source={DatabasePath};Pooling=False");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (_firstInstance is not null)
        {
            if (TestDatabase.IsPostgres) builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Postgres));
            builder.UseSetting("ConnectionStrings:Default", _firstInstance.ConnectionString);
        }
        else if (TestDatabase.IsPostgres)
        {
            _postgres ??= TestDatabase.CreatePostgresAsync().GetAwaiter().GetResult(); // the host is built synchronously
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Postgres));
            builder.UseSetting("ConnectionStrings:Default", _postgres.ConnectionString);
        }
        else
        {
            // The migrated template's copy: the host's start-up migration then finds nothing to do.
            if (!File.Exists(DatabasePath)) TestDatabase.CopySqliteTemplate(ConnectionString);
            builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        }
        builder.UseSetting("Auth:SecureCookies", "false"); // the test client speaks plain http to the in-memory server
        builder.UseSetting("Auth:SignInAttemptsPerMinute", "1000"); // tests sign in often; the limit's own tests set it low
        builder.UseSetting("Invitations:VerificationsPerMinute", "1000"); // likewise (InvitationApiTests' own factory sets it low)
        builder.UseSetting("Invitations:HashIterations", "1000"); // the rules are under test here, not the hash's cost
        builder.ConfigureTestServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1)); // likewise
    }

    /// <summary>Runs <paramref name="work"/> against the app's services as an Admin (arranging data for a test).</summary>
    public async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().Principal =
            TestStore.Principal(Guid.CreateVersion7(), Roles.Admin, "arrange@test.example");
        return await work(scope.ServiceProvider);
    }

    /// <summary>A client that authenticates with a new API key of <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientWithRoleAsync(string role)
    {
        var created = await AsAdminAsync(sp => sp.GetRequiredService<ApiKeyService>().CreateAsync(new CreateApiKey { Name = $"test {role}", Role = role }));
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, created.Plaintext);
        return client;
    }

    /// <summary>A browser-like client signed in (cookie) as a new staff user of <paramref name="role"/>: a person, not an API key.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role)
    {
        var person = new CreateStaffUser
        {
            Email = $"person-{Guid.NewGuid():N}@test.example", DisplayName = $"Signed-in {role}", Roles = [role], Password = "Correct-Horse-42",
        };
        await AsAdminAsync(sp => sp.GetRequiredService<StaffUserService>().CreateAsync(person));
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/account/sign-in");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await client.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = person.Email, ["password"] = person.Password, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        }));
        if (signIn.Headers.Location?.ToString() != "/") throw new InvalidOperationException($"Signing in failed: {signIn.Headers.Location}");
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _postgres?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _postgres = null;
        if (_firstInstance is not null) return; // the database is the first instance's
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(DatabasePath + suffix); } catch (IOException) { }
    }
}
