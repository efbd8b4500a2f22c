using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Identity.Web;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Store;
using Portal.Infrastructure;

namespace Portal.Auth;

/// <summary>Sign-in modes (DESIGN.md): Entra ID when AzureAd:ClientId is set, otherwise local Identity accounts; API keys always.</summary>
public static class PortalAuthentication
{
    public static bool UsesEntra(IConfiguration config) => !string.IsNullOrWhiteSpace(config["AzureAd:ClientId"]);

    public static string CookieScheme(IConfiguration config) =>
        UsesEntra(config) ? CookieAuthenticationDefaults.AuthenticationScheme : IdentityConstants.ApplicationScheme;

    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, IConfiguration config)
    {
        var entra = UsesEntra(config);
        var apiSchemes = new List<string> { ApiKeyAuthenticationHandler.SchemeName, CookieScheme(config) };

        AuthenticationBuilder auth;
        if (entra)
        {
            auth = services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme);
            auth.AddMicrosoftIdentityWebApp(config.GetSection("AzureAd"));
            auth.AddMicrosoftIdentityWebApi(config.GetSection("AzureAd"), JwtBearerDefaults.AuthenticationScheme);
            // As for the web app: a bearer caller is named by its sign-in name (the audit trail's "who"), not its opaque subject id.
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme,
                o => o.TokenValidationParameters.NameClaimType = ClaimConstants.PreferredUserName);
            services.AddTransient<IClaimsTransformation, EntraRoleClaimsTransformation>();
            services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, ApiAnswersWithStatus);
            services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => SessionLifetime.Apply(o, SessionLifetime.Of(config)));
            apiSchemes.Add(JwtBearerDefaults.AuthenticationScheme);
            services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, RecordEntraSignIns);
        }
        else
        {
            auth = services.AddAuthentication(IdentityConstants.ApplicationScheme);
            auth.AddIdentityCookies();
            services.AddIdentityCore<StaffUser>(o =>
                {
                    o.Lockout.MaxFailedAccessAttempts = 5;
                    o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                    o.Lockout.AllowedForNewUsers = true;
                    o.User.RequireUniqueEmail = true;
                })
                .AddRoles<Microsoft.AspNetCore.Identity.IdentityRole<Guid>>()
                .AddEntityFrameworkStores<PortalDbContext>()
                .AddUserManager<PortalUserManager>()
                .AddSignInManager<PortalSignInManager>();
            services.ConfigureApplicationCookie(o =>
            {
                o.LoginPath = "/account/sign-in";
                o.LogoutPath = "/account/sign-out";
                o.AccessDeniedPath = "/account/access-denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                o.Cookie.Name = "portal.auth";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                ApiAnswersWithStatus(o);
                SessionLifetime.Apply(o, SessionLifetime.Of(config));
            });
            services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        }
        auth.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        // One policy per Access set, for endpoint groups: a cookie, an API key or (with Entra) a bearer token will do.
        var authorization = services.AddAuthorizationBuilder();
        foreach (var (name, roles) in Access.Policies.All)
            authorization.AddPolicy(name, p => p.AddAuthenticationSchemes([.. apiSchemes]).RequireRole(roles));
        services.AddCascadingAuthenticationState();
        services.AddPerClientRateLimit(AccountEndpoints.SignInRateLimit, "Auth:SignInAttemptsPerMinute", 20);
        services.Configure<CircuitRevalidationOptions>(config.GetSection("Auth:CircuitRevalidation"));
        services.Configure<ApiKeyOptions>(config.GetSection("ApiKeys"));
        services.AddSingleton<AccountSignInLimiter>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingCircuitAuthenticationStateProvider>();
        return services;
    }

    /// <summary>An Entra sign-in and a failed one are security events like a password's (wrapping Microsoft.Identity.Web's own handlers).</summary>
    private static void RecordEntraSignIns(OpenIdConnectOptions o)
    {
        var validated = o.Events.OnTokenValidated;
        o.Events.OnTokenValidated = async ctx =>
        {
            await validated(ctx);
            if (ctx.Result is null && ctx.Principal is { } person)
                await ctx.HttpContext.RequestServices.GetRequiredService<SecurityEventLog>().SignedInExternallyAsync(
                    person.GetObjectId() ?? person.FindFirstValue(ClaimTypes.NameIdentifier) ?? "(unknown)",
                    person.GetDisplayName() ?? person.Identity?.Name ?? "(unknown)", "entra");
        };
        var failed = o.Events.OnRemoteFailure;
        o.Events.OnRemoteFailure = async ctx =>
        {
            await ctx.HttpContext.RequestServices.GetRequiredService<SecurityEventLog>().SignInFailedAsync("entra", null, "Entra sign-in failed");
            await failed(ctx);
        };
    }

    /// <summary>The client's address (after forwarded headers from known proxies) and User-Agent, as security events record them.</summary>
    public static RequestOrigin OriginOf(HttpContext http) =>
        new(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());

    /// <summary>Sign-in and antiforgery cookies go only over HTTPS, except in Development (plain http on localhost) or when
    /// <c>Auth:SecureCookies</c> is false. Behind a TLS-terminating proxy, <c>ForwardedHeaders:KnownProxies</c> tells Portal
    /// the request was HTTPS.</summary>
    public static bool SecureCookies(IConfiguration config, IHostEnvironment env) => config.GetValue("Auth:SecureCookies", !env.IsDevelopment());

    public static IServiceCollection AddPortalSecureCookies(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        if (!SecureCookies(config, env)) return services;
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        return services;
    }

    /// <summary>Local passwords are for development and small installs: Production must choose them deliberately.</summary>
    public static void EnsureSignInModeAllowed(IConfiguration config, IHostEnvironment env)
    {
        if (env.IsProduction() && !UsesEntra(config) && !config.GetValue<bool>("Auth:AllowLocalSignIn"))
            throw new InvalidOperationException(
                "Local sign-in is refused in Production. Configure AzureAd:ClientId, or set Auth:AllowLocalSignIn=true to allow it deliberately.");
    }

    /// <summary>An API caller gets 401/403, never a redirect to the sign-in page.</summary>
    private static void ApiAnswersWithStatus(CookieAuthenticationOptions o)
    {
        o.Events.OnRedirectToLogin = ctx => Answer(ctx, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = ctx => Answer(ctx, StatusCodes.Status403Forbidden);

        static Task Answer(RedirectContext<CookieAuthenticationOptions> ctx, int status)
        {
            if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
            else ctx.Response.Redirect(ctx.RedirectUri);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Local sign-in refuses disabled users on top of Identity's own checks (lockout, password).</summary>
public sealed class PortalSignInManager(
    UserManager<StaffUser> userManager, IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory, Microsoft.Extensions.Options.IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(StaffUser user) => !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<ClaimsPrincipal> CreateUserPrincipalAsync(StaffUser user)
    {
        var principal = await base.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        return principal;
    }
}

public static class PortalClaims
{
    public const string DisplayName = "portal:display_name";

    public static string DisplayNameOf(ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.FindFirstValue("name") ?? user.Identity?.Name ?? "Signed in";
}
