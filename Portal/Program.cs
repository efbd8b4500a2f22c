using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http.Features;
using System.Globalization;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using MudBlazor.Services;
using Portal.Api;
using Portal.Auth;
using Portal.Components;
using Portal.Domain;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;
using Portal.Domain.Store;
using Portal.Features.Organisations;
using Portal.Infrastructure;
using Scalar.AspNetCore;

// Staff read dates and numbers the British way (23/11/2026); stored values are culture-free UTC and invariant CSV.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en-GB");

var builder = WebApplication.CreateBuilder(args);
if (!builder.Environment.IsDevelopment()) builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);

builder.Services.AddPortalDomain(builder.Configuration.GetConnectionString("Default") ?? "Data Source=portal.db");
builder.Services.AddPortalAuthentication(builder.Configuration);
builder.Services.AddPortalSecureCookies(builder.Configuration, builder.Environment);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CircuitHandler, UserCircuitHandler>();
builder.Services.Configure<InvitationOptions>(o =>
{
    o.BaseUrl = builder.Configuration["Portal:BaseUrl"] ?? o.BaseUrl;
    o.ValidFor = builder.Configuration.GetValue("Invitations:ValidFor", o.ValidFor);
});

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddScoped<Portal.Components.Shared.UiFeedback>();

builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
    ctx.ProblemDetails.Extensions["correlationId"] = SecurityHeaders.CorrelationId(ctx.HttpContext));
builder.Services.AddExceptionHandler<DomainProblems>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter())); // "Active", not 1
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // malformed JSON reaches DomainProblems
builder.Services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurityTransformer>());
builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.OnRejected = (context, ct) =>
    {
        context.HttpContext.Response.Headers.RetryAfter = "60";
        return new ValueTask(context.HttpContext.Response.WriteAsync("Too many attempts from here. Wait a minute and try again.", ct));
    };
    o.AddPolicy(AccountEndpoints.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = builder.Configuration.GetValue("Auth:SignInAttemptsPerMinute", 20), Window = TimeSpan.FromMinutes(1),
        }));
    o.AddPolicy(JoinOrganisationEndpoints.RateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = builder.Configuration.GetValue("Invitations:JoinAttemptsPerMinute", 10), Window = TimeSpan.FromMinutes(1),
        }));
});
builder.Services.AddPortalForwardedHeaders(builder.Configuration); // before the rate limits: they key on the client address
builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 20 * 1024 * 1024);
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 20 * 1024 * 1024);

builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));
builder.Services.AddScoped<IEmailSender, SmtpEmailSender>();
if (!string.IsNullOrWhiteSpace(builder.Configuration["Smtp:Host"])) builder.Services.AddHostedService<OutboxBackgroundService>();

var app = builder.Build();

if (Cli.IsCommand(args)) return await Cli.RunAsync(app.Services, args);
PortalAuthentication.EnsureSignInModeAllowed(app.Configuration, app.Environment);

await app.Services.MigrateStoreAsync();
if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Portal:SeedDemoData", true))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
}

app.UsePortalForwardedHeaders(); // first: everything after sees the client's address and scheme, not the proxy's
app.UseExceptionHandler("/error", createScopeForErrors: true);
if (!app.Environment.IsDevelopment()) app.UseHsts();
// People get the 404 page; API callers get ProblemDetails for a bare 401/403/404/405.
app.UseWhen(http => !IsApi(http) && HttpMethods.IsGet(http.Request.Method),
    ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseWhen(IsApi, api => api.UseStatusCodePages());
// Routing after the status-code pages: a re-executed request (/not-found) must be routed again, or it ends as an empty 404.
app.UseRouting();
app.UsePortalHeaders();
app.UseApiBodyLimit(1024 * 1024);
app.UseRateLimiter();
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
app.MapStaffUserEndpoints();
app.MapApiKeyEndpoints();
app.MapAuditEndpoints();
app.MapOrganisationEndpoints();
app.MapContactEndpoints();
app.MapBankDetailsEndpoints();
app.MapInvitationEndpoints();
app.MapJoinOrganisationEndpoints();
app.MapWhiteLabelEndpoints();
app.MapModuleEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return 0;

static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

/// <summary>Visible to WebApplicationFactory.</summary>
public partial class Program;
