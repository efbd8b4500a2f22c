using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Portal.Api;
using Portal.Auth;
using Portal.Domain.Admin;
using Portal.Domain.AgentConnections;
using Portal.Domain.Organisations;
using Portal.Domain.Common;
using Portal.Tests.Support;
using Xunit.Abstractions;
using Caller = Portal.Tests.Api.Auth.AuthorisationMatrixFactory.Caller;
using Credential = Portal.Tests.Api.Auth.AuthorisationMatrixFactory.Credential;
using RouteAttribute = Microsoft.AspNetCore.Components.RouteAttribute;

namespace Portal.Tests.Api.Auth;

/// <summary>
/// The app for the matrix: a clock it can move (to expire a key), a join-form limit the matrix's posts do not reach, a
/// record of the endpoint each request reached, and the callers, made once for the class.
/// </summary>
public sealed class AuthorisationMatrixFactory : PortalApiFactory
{
    public const string CheckHeader = "X-Matrix-Check";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Which endpoint each request (by its <see cref="CheckHeader"/>) was routed to.</summary>
    public ConcurrentDictionary<string, Endpoint?> Reached { get; } = new();

    private readonly Lazy<Task<IReadOnlyList<Caller>>> _callers;

    public AuthorisationMatrixFactory() => _callers = new(MakeCallersAsync);

    public Task<IReadOnlyList<Caller>> CallersAsync() => _callers.Value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Invitations:VerificationsPerMinute", "100000"); // 11 callers post the invitee forms in one minute
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.AddSingleton<IStartupFilter>(new RecordReachedEndpoint(Reached));
        });
    }

    private async Task<IReadOnlyList<Caller>> MakeCallersAsync()
    {
        var cookie = PortalAuthentication.CookieScheme(Services.GetRequiredService<IConfiguration>());
        var callers = new List<Caller> { new("no credentials", null, Credential.None, CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })) };
        foreach (var role in Roles.All)
        {
            callers.Add(new($"{role} API key", role, Credential.ApiKey, await ClientWithRoleAsync(role), ApiKeyAuthenticationHandler.SchemeName));
            callers.Add(new($"{role} signed in", role, Credential.Cookie, await SignedInClientAsync(role), cookie));
        }

        // Both refused keys are Admin keys: whatever they reach, it is the key's state that must shut them out, not its role.
        var revoked = await this.ArrangeApiKeyAsync(Roles.Admin);
        await AsAdminAsync(sp => sp.GetRequiredService<ApiKeyService>().RevokeAsync(revoked.Key.Id, revoked.Key.Version));
        callers.Add(new("revoked Admin API key", Roles.Admin, Credential.RefusedKey, KeyClient(revoked.Plaintext), ApiKeyAuthenticationHandler.SchemeName));
        var expiring = await this.ArrangeApiKeyAsync(Roles.Admin, expiresAt: Clock.GetUtcNow().AddMinutes(1));
        Clock.Advance(TimeSpan.FromMinutes(2));
        callers.Add(new("expired Admin API key", Roles.Admin, Credential.RefusedKey, KeyClient(expiring.Plaintext), ApiKeyAuthenticationHandler.SchemeName));

        // An agency's systems (the `hash` header): admitted by the agency-scoped routes only; a rotated or deleted agency's secret by none.
        var org = (await AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = "Matrix agencies", BillingEmail = "accounts@matrix.example", CountryCode = "GB",
        }))).Organisation.Id;
        AgencyFields Agency(string name) => new() { OrganisationId = org, Name = name, Did = $"did:web:{name}.matrix.example", Label = name, ServiceEndpoint = "https://agent.matrix.example" };
        var live = await AsAdminAsync(sp => sp.GetRequiredService<AgencyService>().CreateAsync(Agency("live")));
        var rotated = await AsAdminAsync(sp => sp.GetRequiredService<AgencyService>().CreateAsync(Agency("rotated")));
        await AsAdminAsync(sp => sp.GetRequiredService<AgencyService>().RotateSecretAsync(rotated.Agency.Agency.Id, rotated.Agency.Agency.Version));
        var deleted = await AsAdminAsync(sp => sp.GetRequiredService<AgencyService>().CreateAsync(Agency("deleted")));
        await AsAdminAsync(async sp => { await sp.GetRequiredService<AgencyService>().DeleteAsync(deleted.Agency.Agency.Id, deleted.Agency.Agency.Version); return true; });
        callers.Add(new("agency hash", AgencyCaller.Role, Credential.AgencyHash, HashClient(live.Secret), AgencyHashAuthenticationHandler.SchemeName));
        callers.Add(new("rotated agency hash", AgencyCaller.Role, Credential.RefusedKey, HashClient(rotated.Secret), AgencyHashAuthenticationHandler.SchemeName));
        callers.Add(new("deleted agency's hash", AgencyCaller.Role, Credential.RefusedKey, HashClient(deleted.Secret), AgencyHashAuthenticationHandler.SchemeName));
        return callers;
    }

    private HttpClient HashClient(string secret)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(AgencyHashAuthenticationHandler.HeaderName, secret);
        return client;
    }

    private HttpClient KeyClient(string key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    /// <summary>First in the pipeline, so it sees the endpoint routing settled on once the request is done.</summary>
    private sealed class RecordReachedEndpoint(ConcurrentDictionary<string, Endpoint?> reached) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, following) =>
            {
                var check = http.Request.Headers[CheckHeader].ToString();
                // A 404 or an exception is re-executed as /not-found or /error; their features still name the endpoint the
                // request itself reached.
                if (check.Length > 0) http.Response.OnStarting(() =>
                {
                    reached.TryAdd(check, http.Features.Get<IStatusCodeReExecuteFeature>()?.Endpoint
                        ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint());
                    return Task.CompletedTask;
                });
                await following(http);
                if (check.Length > 0) reached.TryAdd(check, http.GetEndpoint());
            });
            next(app);
        };
    }

    public enum Credential { None, ApiKey, Cookie, RefusedKey, AgencyHash }

    /// <summary>One principal of the matrix: its name in failures, its role (null: none), how it authenticates and through which scheme.</summary>
    public sealed record Caller(string Name, string? Role, Credential Credential, HttpClient Client, string? Scheme = null)
    {
        /// <summary>True when a route that authenticates with <paramref name="schemes"/> sees this caller signed in.</summary>
        public bool IsAuthenticatedBy(IReadOnlySet<string> schemes) => Credential is Credential.ApiKey or Credential.Cookie or Credential.AgencyHash && schemes.Contains(Scheme!);
    }
}

/// <summary>
/// Issue 10 part 1: every endpoint and every page the app maps, called as every kind of principal, and the answer
/// compared with what the route's own metadata declares. Nothing here is a row per route: a new route is covered by
/// being mapped, and a route that declares no roles fails unless it is on one of the short lists below.
/// </summary>
public sealed class AuthorisationMatrixTests(AuthorisationMatrixFactory factory, ITestOutputHelper output) : IClassFixture<AuthorisationMatrixFactory>
{
    private enum Verdict { Admitted, Unauthenticated, WrongRole }

    /// <summary>
    /// The endpoints anyone may call without signing in ("METHODS pattern", as <see cref="Describe"/> writes it). Being
    /// open is a decision, so each is listed here by hand; any other endpoint must name the roles that may call it.
    /// </summary>
    private static readonly Dictionary<string, string> AnonymousEndpoints = new()
    {
        ["GET /health"] = "load balancers and monitors probe it; it says Healthy or not, nothing else",
        ["GET /openapi/{documentName}.json"] = "the API's description is public, as DESIGN.md says; every operation in it still needs a key",
        ["GET /api/docs/{documentName?}"] = "the browsable API reference (Scalar) over the same public document",
        ["GET /api/docs/scalar.js"] = "the reference page's script",
        ["GET /api/docs/scalar.aspnetcore.js"] = "the reference page's script",
        ["GET /api/docs/favicon.svg"] = "the reference page's icon",
        ["POST /account/sign-in/password"] = "the sign-in form posts here before anyone is signed in (rate limited, antiforgery-checked)",
        ["GET /account/sign-in/entra"] = "starts the Entra ID sign-in",
        ["POST /account/sign-out"] = "signing out needs nothing but a valid antiforgery token; without a session it does nothing",
        ["GET /join/{token}"] = "member links sent before the one invitee page: a redirect to /invitations/accept/{token}",
        ["POST /api/v1/invitations/verifications"] = "the invitee's four key items are the credential (rate limited per address; five failures lock an invitation)",
        ["POST /invitations/accept/answer"] = "the invitee's accept form posts here (rate limited, antiforgery-checked; the link's token or the key items are the credential)",
        ["GET /_framework/opaque-redirect"] = "Blazor's redirect after an enhanced-navigation form post",
        ["GET /_blazor"] = "Blazor's circuit hub: the pages it renders check their own [Authorize] (the page matrix below)",
        ["GET /_blazor/negotiate"] = "Blazor's circuit hub",
        ["GET /_blazor/disconnect/"] = "Blazor's circuit hub",
        ["GET /_blazor/initializers/"] = "Blazor's circuit hub",
        ["GET {**path:file}"] = "the static files fallback: files under wwwroot are public",
    };

    /// <summary>Pages anyone may open without signing in: the sign-in page, the invitee's join page and the error pages.</summary>
    private static readonly Dictionary<string, string> AnonymousPages = new()
    {
        ["/account/sign-in"] = "where the signed-out are sent",
        ["/invitations/accept/{Token}"] = "the invitee holds a member link, not an account",
        ["/invitations/accept"] = "the invitee types the four key items; they hold no account",
        ["/error"] = "what anyone sees when something fails",
        ["/not-found"] = "what anyone sees for a wrong address",
    };

    /// <summary>
    /// Pages any signed-in principal may open whatever its roles (a bare [Authorize]). Only the "no access" page: it is
    /// where a principal without the page's role is sent, so it cannot itself ask for a role.
    /// </summary>
    private static readonly Dictionary<string, string> AnyPrincipalPages = new()
    {
        ["/account/access-denied"] = "the app's \"no access\" answer",
    };

    private const string UnknownId = "0193a0c4-7f2e-7000-8000-000000000001";

    [Fact]
    public async Task EveryEndpoint_AnswersEachPrincipal_AsItsMetadataDeclares()
    {
        var callers = await factory.CallersAsync();
        var endpoints = NonPageEndpoints();
        Assert.True(endpoints.Count(e => e.Route.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal)) > 50, "the /api/v1 routes were not found");

        var failures = new List<string>();
        var serverErrors = new SortedSet<string>(StringComparer.Ordinal);
        var (checks, leaks) = (0, 0);
        foreach (var (endpoint, method) in endpoints.Select(e => (e.Endpoint, e.Method)))
        {
            var name = Describe(endpoint, method);
            var declared = await DeclaredAsync(endpoint);
            if (declared.Problem is { } problem) { failures.Add($"{name} {problem}"); continue; }
            if (declared.Anonymous != AnonymousEndpoints.ContainsKey(name))
            {
                failures.Add(declared.Anonymous
                    ? $"{name} declares no roles: name them (RequireAuthorization(Access.Policies.…)) or, if it is open on purpose, list it in AnonymousEndpoints"
                    : $"{name} is listed in AnonymousEndpoints but requires authorization: take it off the list");
                continue;
            }

            foreach (var caller in callers)
            {
                checks++;
                var expected = declared.For(caller);
                var (status, reached) = await SendAsync(caller, endpoint, method);
                if (status >= 500) serverErrors.Add(name);
                // An open route answers everyone alike, so which one answered does not matter (the static files fallback
                // hands an unknown file on to the 404 page); a guarded route must be the one that answered.
                if (!declared.Anonymous && !IsSameRoute(reached, endpoint))
                {
                    failures.Add($"{name} as {caller.Name}: the request reached {reached?.DisplayName ?? "no endpoint"} ({status}); fill its route parameters so it reaches the route itself");
                    continue;
                }
                var wrong = expected switch
                {
                    Verdict.Admitted => status is 401 or 403 ? $"is admitted by its metadata but was refused ({status}): the metadata admits a role the code refuses" : null,
                    Verdict.Unauthenticated => status == 401 ? null : $"has no valid credentials for it and should be 401, got {status}",
                    _ => status == 403 ? null : $"has a role it does not admit and should be 403, got {status}",
                };
                if (wrong is null) continue;
                if (expected != Verdict.Admitted && status is not (401 or 403)) leaks++;
                failures.Add($"{name} as {caller.Name} {wrong}");
            }
        }

        var routeCount = endpoints.Count;
        output.WriteLine($"authorisation matrix: {routeCount} endpoints × {callers.Count} principals = {checks} checks, {leaks} leaks");
        // Not an authorisation verdict (a 5xx is neither a refusal nor a leak), but worth seeing: the bad-input test owns it.
        if (serverErrors.Count > 0) output.WriteLine($"server errors (5xx) seen on: {string.Join(", ", serverErrors)}");
        Assert.True(failures.Count == 0, $"{failures.Count} authorisation failures ({leaks} leaks):\n  {string.Join("\n  ", failures)}");
    }

    [Fact]
    public async Task EveryPage_AnswersEachSignedInOrSignedOutPerson_AsItsAttributesDeclare()
    {
        var callers = (await factory.CallersAsync()).Where(c => c.Credential is Credential.None or Credential.Cookie).ToList();
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Type: t, r.Template)))
            .OrderBy(p => p.Template, StringComparer.Ordinal).ToList();
        Assert.Contains(pages, p => p.Template == "/organisations");

        var failures = new List<string>();
        var (checks, leaks) = (0, 0);
        foreach (var (type, template) in pages)
        {
            var name = $"{template} ({type.Name})";
            var anonymous = type.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            var authorize = type.GetCustomAttributes<AuthorizeAttribute>().ToList();
            if (anonymous != AnonymousPages.ContainsKey(template))
            {
                failures.Add(anonymous ? $"{name} is [AllowAnonymous] but not listed in AnonymousPages" : $"{name} is listed in AnonymousPages but not [AllowAnonymous]");
                continue;
            }
            if (!anonymous && authorize.Count == 0) { failures.Add($"{name} declares neither [Authorize] nor [AllowAnonymous]"); continue; }
            var roleSets = authorize.Where(a => !string.IsNullOrEmpty(a.Roles)).Select(a => a.Roles!.Split(',').Select(r => r.Trim()).ToHashSet()).ToList();
            if (!anonymous && roleSets.Count == 0 && !AnyPrincipalPages.ContainsKey(template))
            {
                failures.Add($"{name} declares no roles: say [Authorize(Roles = Access.…Roles)] (a bare [Authorize] admits anyone signed in, even without a Portal role)");
                continue;
            }

            foreach (var caller in callers)
            {
                checks++;
                var expected = anonymous ? Verdict.Admitted
                    : caller.Role is null ? Verdict.Unauthenticated
                    : roleSets.All(set => set.Contains(caller.Role)) ? Verdict.Admitted : Verdict.WrongRole;
                using var response = await caller.Client.GetAsync(FillPageRoute(template));
                var status = (int)response.StatusCode;
                var target = response.Headers.Location is { } location ? new Uri(new Uri("http://localhost"), location).AbsolutePath : null;
                var wrong = expected switch
                {
                    Verdict.Admitted => status == 200 ? null : $"should be 200, got {status} {target}",
                    Verdict.Unauthenticated => status == 302 && target == "/account/sign-in" ? null : $"should be sent to sign in, got {status} {target}",
                    _ => status == 302 && target == "/account/access-denied" ? null : $"should be sent to the \"no access\" page, got {status} {target}",
                };
                if (wrong is null) continue;
                if (expected != Verdict.Admitted && status is >= 200 and < 300) leaks++;
                failures.Add($"{name} as {caller.Name} {wrong}");
            }
        }

        output.WriteLine($"page matrix: {pages.Count} pages × {callers.Count} principals = {checks} checks, {leaks} leaks");
        Assert.True(failures.Count == 0, $"{failures.Count} page authorisation failures ({leaks} leaks):\n  {string.Join("\n  ", failures)}");
    }

    /// <summary>What a route's metadata says about callers: open to all, or the roles (and kinds of credential) it admits.</summary>
    private sealed record Declaration(bool Anonymous, IReadOnlySet<string> Roles, IReadOnlySet<string> Schemes, bool PersonOnly, string? Problem = null)
    {
        public Verdict For(Caller caller)
        {
            if (Anonymous) return Verdict.Admitted;
            if (!caller.IsAuthenticatedBy(Schemes)) return Verdict.Unauthenticated;
            return Roles.Contains(caller.Role!) && !(PersonOnly && caller.Credential == Credential.ApiKey) ? Verdict.Admitted : Verdict.WrongRole;
        }
    }

    /// <summary>
    /// The route's authorization as the framework's middleware builds it (its [Authorize] data, policies and requirement
    /// data combined through the app's policy provider), read as: roles admitted, schemes that authenticate, person only.
    /// </summary>
    private async Task<Declaration> DeclaredAsync(RouteEndpoint endpoint)
    {
        var metadata = endpoint.Metadata;
        var none = new HashSet<string>();
        if (metadata.GetMetadata<IAllowAnonymous>() is not null) return new Declaration(true, none, none, false);

        var builder = new AuthorizationPolicyBuilder();
        var policy = await AuthorizationPolicy.CombineAsync(factory.Services.GetRequiredService<IAuthorizationPolicyProvider>(),
            metadata.GetOrderedMetadata<IAuthorizeData>(), metadata.GetOrderedMetadata<AuthorizationPolicy>());
        if (policy is not null) builder.Combine(policy);
        foreach (var data in metadata.GetOrderedMetadata<IAuthorizationRequirementData>()) builder.AddRequirements([.. data.GetRequirements()]);
        if (builder.Requirements.Count == 0) return new Declaration(true, none, none, false);
        // The /api/v1 floor closes a route whose area forgot its policy; it is not the route naming its roles.
        if (metadata.GetOrderedMetadata<IAuthorizeData>().All(a => a is ApiCallerRequired)
            && !metadata.GetOrderedMetadata<AuthorizationPolicy>().Any() && !metadata.GetOrderedMetadata<IAuthorizationRequirementData>().Any())
            return new Declaration(false, none, none, false, "declares no roles of its own, only the /api/v1 floor: add its area's RequireAuthorization(Access.Policies.…)");

        var roles = new HashSet<string>([.. Roles.All, AgencyCaller.Role]); // an agency's systems hold a role that is not a Portal role
        var personOnly = false;
        foreach (var requirement in builder.Requirements)
        {
            switch (requirement)
            {
                case RolesAuthorizationRequirement r: roles.IntersectWith(r.AllowedRoles); break;
                case DenyAnonymousAuthorizationRequirement: break; // every principal of the matrix but "no credentials" is signed in
                case SignedInPersonRequired: personOnly = true; break;
                default:
                    return new Declaration(false, none, none, false,
                        $"needs {requirement.GetType().Name}, which the matrix cannot read: teach DeclaredAsync whom it admits");
            }
        }
        var schemes = builder.AuthenticationSchemes.Count > 0
            ? builder.AuthenticationSchemes.ToHashSet()
            : [(await factory.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetDefaultAuthenticateSchemeAsync())!.Name];
        return new Declaration(false, roles, schemes, personOnly);
    }

    /// <summary>Every endpoint that is not a page (pages have their own matrix) or a static file, once per HTTP method.</summary>
    private List<(RouteEndpoint Endpoint, RoutePattern Route, string Method)> NonPageEndpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null && e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(m => m is not ("HEAD" or "OPTIONS")).Select(m => (e, e.RoutePattern, m)))
            .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal).ThenBy(e => e.m, StringComparer.Ordinal)
            .ToList();

    private static string Describe(RouteEndpoint endpoint, string method) => $"{method} {endpoint.RoutePattern.RawText}";

    /// <summary>The routing middleware builds its own endpoint objects, so the same route is recognised by pattern and name.</summary>
    private static bool IsSameRoute(Endpoint? reached, RouteEndpoint endpoint) =>
        reached is RouteEndpoint route && route.RoutePattern.RawText == endpoint.RoutePattern.RawText && route.DisplayName == endpoint.DisplayName;

    private int _checkNumber;

    /// <summary>
    /// Calls the route with a well-formed unknown id in each parameter, a minimal body and <c>If-Match: *</c>, so an
    /// admitted caller gets as far as the service (404, 400, 409…) rather than stopping at a missing header.
    /// </summary>
    private async Task<(int Status, Endpoint? Reached)> SendAsync(Caller caller, RouteEndpoint endpoint, string method)
    {
        var check = Interlocked.Increment(ref _checkNumber).ToString();
        using var request = new HttpRequestMessage(new HttpMethod(method), FillRoute(endpoint.RoutePattern));
        request.Headers.Add(AuthorisationMatrixFactory.CheckHeader, check);
        if (method != "GET") request.Headers.TryAddWithoutValidation("If-Match", "*");
        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts)
        {
            request.Content = accepts.ContentTypes.Contains("application/json") || accepts.ContentTypes.Count == 0
                ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new StringContent("", Encoding.UTF8, accepts.ContentTypes[0]);
        }
        using var response = await caller.Client.SendAsync(request);
        factory.Reached.TryRemove(check, out var reached);
        return ((int)response.StatusCode, reached);
    }

    private static string FillRoute(RoutePattern route)
    {
        var path = new StringBuilder();
        foreach (var segment in route.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content == "guid") => UnknownId,
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content == "file") => "unknown.txt",
                    RoutePatternParameterPart => "unknown",
                    _ => throw new InvalidOperationException($"cannot fill {part} of {route.RawText}"),
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }

    private static string FillPageRoute(string template) => FillRoute(RoutePatternFactory.Parse(template));
}
