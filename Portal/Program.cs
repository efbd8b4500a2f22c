using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http.Features;
using System.Globalization;
using MudBlazor.Services;
using Portal.Api;
using Portal.Auth;
using Portal.Components;
using Portal.Domain;
using Portal.Domain.Common;
using Portal.Domain.Store;
using Portal.Features.Invitations;
using Portal.Features.Organisations;
using Portal.Infrastructure;
using Scalar.AspNetCore;

// Staff read dates and numbers the British way (23/11/2026); stored values are culture-free UTC and invariant CSV.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en-GB");

var builder = WebApplication.CreateBuilder(args);
if (!builder.Environment.IsDevelopment()) builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
builder.Logging.RedactSecretsInPaths(); // invitation links carry their token in the path, which the framework logs

builder.Services.AddPortalDomain(builder.Configuration.GetConnectionString("Default") ?? "Data Source=portal.db",
    builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite));
builder.Services.AddKeyRingProtection(builder.Configuration); // the key ring sits beside the data: encrypted with a certificate
builder.Services.AddPortalAuthentication(builder.Configuration);
builder.Services.AddAgencyHashAuthentication(); // the agency-scoped API's `hash` header
builder.Services.AddPortalSecureCookies(builder.Configuration, builder.Environment);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CircuitHandler, UserCircuitHandler>();
builder.Services.AddScoped<Portal.Components.Shared.ViewerPresence>();
builder.Services.AddScoped<CircuitHandler, Portal.Components.Shared.PresenceCircuitHandler>();
// The circuit starts with the prerendered first page of a list ([PersistentState]) in one hub message: 100 rows are
// ~60 KB of protected state, past SignalR's 32 KB default, which would drop the connection.
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(o => o.MaximumReceiveMessageSize = 512 * 1024);
builder.Services.AddPortalCircuitPersistence(builder.Configuration); // Redis (when configured) holds circuits' state for any instance
builder.Services.AddHtmlCompression(); // pages as br/gzip for the app's own requests only (BREACH): see HtmlCompression
builder.Services.AddMudServices();
builder.Services.AddScoped<Portal.Components.Shared.UiFeedback>();
builder.Services.Configure<Portal.Features.Logistics.PickScreenOptions>(builder.Configuration.GetSection(Portal.Features.Logistics.PickScreenOptions.Section));

builder.Services.AddPortalApi();
builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");
builder.Services.AddPortalRateLimiter();
builder.Services.AddInvitationVerificationRateLimit();
builder.Services.AddPortalForwardedHeaders(builder.Configuration); // before the rate limits: they key on the client address
builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 20 * 1024 * 1024);
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 20 * 1024 * 1024);

builder.Services.AddSmtpOutboxDelivery(builder.Configuration);

var app = builder.Build();

if (Cli.IsCommand(args)) return await Cli.RunAsync(app.Services, args);
PortalAuthentication.EnsureSignInModeAllowed(app.Configuration, app.Environment);
KeyRingProtection.EnsureProtectedInProduction(app.Configuration, app.Environment);

await app.Services.MigrateStoreAsync();
if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Portal:SeedDemoData", true))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
}
await app.Services.UpdatePlannerStatisticsAsync();

app.UsePortalForwardedHeaders(); // first: everything after sees the client's address and scheme, not the proxy's
app.UseExceptionHandler("/error", createScopeForErrors: true);
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseHtmlCompression();
// People get the 404 page; API callers get ProblemDetails for a bare 401/403/404/405.
app.UseWhen(http => !IsApi(http) && HttpMethods.IsGet(http.Request.Method),
    ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseWhen(IsApi, api => api.UseStatusCodePages());
// Routing after the status-code pages: a re-executed request (/not-found) must be routed again, or it ends as an empty 404.
app.UseRouting();
app.UsePortalHeaders();
app.UseApiBodyLimit(1024 * 1024);
app.UseRateLimiter();
app.Use((http, next) =>
{
    // Where the request came from, for the security events that authenticating may already write (an API key's first use).
    http.RequestServices.GetRequiredService<CurrentUserAccessor>().Origin = PortalAuthentication.OriginOf(http);
    return next(http);
});
app.UseAuthentication();
app.UseAuthorization();
app.Use((http, next) =>
{
    // Services see the caller the authorization step settled on (cookie, API key or bearer token).
    http.RequestServices.GetRequiredService<CurrentUserAccessor>().Principal = http.User;
    return next(http);
});
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/api/docs", o => o.WithTitle("Portal API").DisableDefaultFonts()).AllowAnonymous();
app.MapAccountEndpoints();
app.MapJoinOrganisationEndpoints();
app.MapAcceptInvitationEndpoints();
var api = app.MapPortalApi();
api.MapAdminApi();
api.MapOrganisationsApi();
api.MapLogisticsApi();
api.MapInvitationsApi();
api.MapPricingApi();
api.MapBillingApi();
api.MapBusinessConnectionsApi();
api.MapAgentConnectionsApi();
app.MapAgencyScopedApi();
api.MapSearchApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return 0;

static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

/// <summary>Visible to WebApplicationFactory.</summary>
public partial class Program;
