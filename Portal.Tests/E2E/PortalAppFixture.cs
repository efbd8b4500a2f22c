using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Portal.Tests.E2E;

/// <summary>The real app on real Kestrel (loopback, any free port), Development (demo users seeded), a fresh SQLite file.</summary>
public sealed class PortalE2EFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"portal-e2e-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={DatabasePath};Pooling=False");
        // The suite signs in more than the production limit of 20 a minute allows from one address.
        builder.UseSetting("Auth:SignInAttemptsPerMinute", "200");
        builder.UseSetting("Auth:SignInAttemptsPerAccountPerMinute", "200"); // the suite signs in as the same demo users often
        builder.UseSetting("Invitations:HashIterations", "1000"); // what a person does is under test here, not the hashes' cost
        builder.ConfigureTestServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1));
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(DatabasePath + suffix); } catch (IOException) { }
    }
}

/// <summary>One app and one browser for the whole E2E collection; each test takes a fresh browser context.</summary>
public sealed class PortalAppFixture : IAsyncLifetime
{
    private PortalE2EFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<object>>> _once = new();

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _factory = new PortalE2EFactory();
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Runs <paramref name="work"/> against the app's services as an Admin (arranging data for a test).</summary>
    public async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Portal.Domain.Common.CurrentUserAccessor>().Principal =
            Support.TestStore.Principal(Guid.CreateVersion7(), Portal.Domain.Common.Roles.Admin, "arrange@test.example");
        return await work(scope.ServiceProvider);
    }

    /// <summary>
    /// What <paramref name="make"/> answers, made once for the app under <paramref name="key"/> (the first caller makes it;
    /// later ones share it): arranged data, or a signed-in page kept open for many tests (closed with the browser).
    /// </summary>
    public async Task<T> OnceAsync<T>(string key, Func<Task<T>> make) where T : notnull =>
        (T)await _once.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await make())).Value;

    /// <summary>A fresh, signed-out browser context (own cookies) and a page in it.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
    }

    /// <summary>Portal.Tests/E2E/screenshots in the source tree (git-ignored).</summary>
    public static string ScreenshotFolder([CallerFilePath] string thisFile = "") =>
        Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(thisFile)!, "screenshots")).FullName;
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<PortalAppFixture>
{
    public const string Name = "E2E";
}

/// <summary>Base for E2E tests: a page per test, its context closed afterwards.</summary>
[Collection(E2ECollection.Name)]
public abstract class E2ETest(PortalAppFixture app) : IAsyncLifetime
{
    private readonly List<IPage> _pages = [];

    protected PortalAppFixture App { get; } = app;

    protected async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var page = await App.NewPageAsync(width, height);
        _pages.Add(page);
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var page in _pages) await page.Context.CloseAsync();
    }
}
