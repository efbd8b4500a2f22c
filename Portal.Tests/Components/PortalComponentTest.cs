using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;
using Portal.Components.Shared;
using Portal.Domain;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor, the real domain on a private in-memory SQLite store, and a signed-in Admin.
/// The popover and dialog providers are rendered first, as the app's layout does.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.example";

    private readonly SqliteConnection _keepAlive;

    protected PortalComponentTest()
    {
        var connectionString = $"Data Source=file:portal-bunit-{Guid.NewGuid():N}?mode=memory&cache=shared";
        _keepAlive = new SqliteConnection(connectionString);
        _keepAlive.Open();

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        // The real clock: MudBlazor's debounce and popovers run on the registered TimeProvider.
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        // One hashing round instead of 100,000: seeding dozens of users stays fast; hashing is not under test here.
        Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
        Services.AddPortalDomain(connectionString);
        Services.AddScoped<UiFeedback>();
        Services.AddScoped<ViewerPresence>();
        ConfigureServices(Services);
        Auth = AddAuthorization();
        ActAs(AdminId, Roles.Admin, AdminEmail);
    }

    /// <summary>A test's own services, added before the first is resolved (the derived class's field initialisers have run).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>The signed-in Admin; not a stored staff user unless a test creates one with this id.</summary>
    protected Guid AdminId { get; } = Guid.CreateVersion7();
    protected BunitAuthorizationContext Auth { get; }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();
    protected StaffUserService Users => Services.GetRequiredService<StaffUserService>();
    protected Portal.Domain.Organisations.OrganisationService Orgs => Services.GetRequiredService<Portal.Domain.Organisations.OrganisationService>();
    protected CurrentUserAccessor CurrentUser => Services.GetRequiredService<CurrentUserAccessor>();

    /// <summary>Acts as <paramref name="id"/> both for the domain services and for the auth state components see.</summary>
    protected void ActAs(Guid id, string role, string email)
    {
        CurrentUser.Principal = TestStore.Principal(id, role, email);
        Auth.SetAuthorized(email);
        Auth.SetRoles(role);
    }

    public virtual async Task InitializeAsync()
    {
        await TestDatabase.CopySqliteTemplateAsync(_keepAlive); // the migrated template's copy
        // Components render as in a live circuit (the server's prerender is what the E2E tests see). After the
        // services are complete: this builds the renderer.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _keepAlive.DisposeAsync();
    }

    protected IRenderedComponent<MudPopoverProvider> RenderPopoverProvider() => Render<MudPopoverProvider>();

    /// <summary>The providers a dialog needs, rendered the way MainLayout has them.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogProvider()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }

    protected Task<PortalDbContext> DbAsync() =>
        Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    protected async Task<StaffUserRow> CreateUserAsync(string name, string email, params string[] roles) =>
        await Users.CreateAsync(new CreateStaffUser
        {
            DisplayName = name, Email = email, Roles = roles.Length > 0 ? [.. roles] : [Roles.Staff], Password = "Correct-Horse-42",
        });

    /// <summary>Waits (up to 5 s) for what a live component does on the bus's thread.</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("It did not happen in time.");
            await Task.Delay(20);
        }
    }

    protected string? QueryValue(string key) =>
        QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query).TryGetValue(key, out var v) ? v.ToString() : null;

    /// <summary>The input of the MudBlazor field whose label reads <paramref name="label"/>.</summary>
    protected static IElement InputLabelled(IRenderedComponent<IComponent> cut, string label)
    {
        var labelElement = cut.FindAll("label").FirstOrDefault(l => l.TextContent.Trim().TrimEnd('*').Trim() == label)
                           ?? throw new InvalidOperationException($"No field labelled '{label}' in:\n{cut.Markup}");
        var id = labelElement.GetAttribute("for");
        return id is not null ? cut.Find($"#{id}") : labelElement.Closest(".mud-input-control")!.QuerySelector("input")!;
    }

    /// <summary>The text shown around a field: its helper or error line included.</summary>
    protected static string FieldText(IElement input) => input.Closest(".mud-input-control")!.TextContent;

    protected static IElement Button(IRenderedComponent<IComponent> cut, string text) =>
        cut.FindAll("button").FirstOrDefault(b => b.TextContent.Trim() == text)
        ?? throw new InvalidOperationException($"No button '{text}' in:\n{cut.Markup}");
}
