using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Operations;

/// <summary>What operators and integrators rely on: health, the OpenAPI document, the reference page and security headers.</summary>
public sealed class OperationsTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    [Fact]
    public async Task Health_Is200WithoutCredentials()
    {
        using var anonymous = factory.CreateClient();

        var response = await anonymous.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_IsServedWithoutCredentials_AndNamesTheApiKeyScheme()
    {
        using var anonymous = factory.CreateClient();

        var response = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.JsonAsync();
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
    }

    /// <summary>
    /// The only /api/v1 routes anyone may call without signing in, kept by hand because being anonymous is a decision
    /// (DESIGN.md: the invitee's POST /api/v1/invitations/verifications will be the first). Every other route names
    /// the roles that may call it.
    /// </summary>
    private static readonly HashSet<string> AnonymousApiRoutes = ["POST /api/v1/invitations/verifications"];

    /// <summary>Every /api/v1 route the app maps, from the endpoint metadata: the tests below hold each to the API conventions.</summary>
    private IReadOnlyList<RouteEndpoint> ApiRoutes()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true).ToList();
        Assert.True(routes.Count > 50, $"only {routes.Count} API routes found");
        return routes;
    }

    private static string Describe(RouteEndpoint route) =>
        $"{string.Join(",", route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {route.RoutePattern.RawText}";

    /// <summary>"/api/v1/organisations/{id:guid}/" as the OpenAPI document writes it: "/api/v1/organisations/{id}".</summary>
    private static string OpenApiPath(RouteEndpoint route) =>
        Regex.Replace(route.RoutePattern.RawText!, @"\{(\w+):[^}]+\}", "{$1}").TrimEnd('/');

    private static void AssertNone(IEnumerable<string> failures, string rule)
    {
        var list = failures.ToList();
        Assert.True(list.Count == 0, $"{rule}:\n  {string.Join("\n  ", list)}");
    }

    [Fact]
    public void EveryApiRoute_HasANameASummaryAndADescribedTag()
    {
        var routes = ApiRoutes();

        AssertNone(routes.Where(r => r.Metadata.GetMetadata<IEndpointNameMetadata>() is null).Select(Describe), "routes without a name (WithName)");
        AssertNone(routes.Where(r => string.IsNullOrWhiteSpace(r.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary)).Select(Describe),
            "routes without a summary (WithSummary)");
        AssertNone(routes.Where(r => r.Metadata.GetMetadata<ApiTag>() is not { Description.Length: > 0 }).Select(Describe),
            "routes without their area's tag (WithTag)");
    }

    [Fact]
    public void EveryApiRoute_NamesTheRolesThatMayCallIt_UnlessItIsListedAsAnonymous()
    {
        var routes = ApiRoutes();

        AssertNone(routes.Where(r => !AnonymousApiRoutes.Contains(Describe(r))
                && !r.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a is not ApiCallerRequired && (!string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles))))
            .Select(Describe), "routes without their area's role policy (RequireAuthorization; the /api/v1 floor does not count)");
        AssertNone(routes.Where(r => r.Metadata.GetMetadata<IAllowAnonymous>() is not null != AnonymousApiRoutes.Contains(Describe(r)))
            .Select(Describe), "routes whose AllowAnonymous disagrees with AnonymousApiRoutes");
    }

    [Fact]
    public void EveryApiRoute_DeclaresTheProblemsItsShapeCanAnswer()
    {
        var routes = ApiRoutes();

        static HashSet<int> Declared(RouteEndpoint r) => r.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).ToHashSet();
        AssertNone(routes.Where(r => !Declared(r).IsSupersetOf([401, 403])).Select(Describe), "routes not declaring 401 and 403");
        AssertNone(routes.Where(r => !Declared(r).Any(s => s is >= 200 and < 300)).Select(Describe), "routes not declaring their success");
        AssertNone(routes.Where(r => r.RoutePattern.Parameters.Count > 0 && !Declared(r).Contains(404)).Select(Describe),
            "routes with an id in the path not declaring 404");
        AssertNone(routes.Where(r => r.Metadata.GetMetadata<IAcceptsMetadata>() is not null && !Declared(r).Contains(400)).Select(Describe),
            "routes taking a body not declaring 400");
    }

    [Fact]
    public async Task OpenApiDocument_HasEveryApiRoute_WithEveryResponseItDeclares_AndNothingElse()
    {
        var paths = await PathsAsync();
        var routes = ApiRoutes();

        Assert.Equal(routes.Select(OpenApiPath).Distinct().Order(), paths.EnumerateObject().Select(p => p.Name).Order());
        foreach (var route in routes)
        {
            foreach (var method in route.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            {
                Assert.True(paths.GetProperty(OpenApiPath(route)).TryGetProperty(method.ToLowerInvariant(), out var operation), $"{Describe(route)} is missing");
                var documented = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
                foreach (var status in route.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Select(p => p.StatusCode.ToString()))
                    Assert.True(documented.Contains(status), $"{Describe(route)} does not document {status}; it documents {string.Join(", ", documented)}");
            }
        }
    }

    [Fact]
    public async Task OpenApiDocument_GivesEveryOperationASummary_AndEveryTagADescription()
    {
        using var anonymous = factory.CreateClient();
        var doc = await (await anonymous.GetAsync("/openapi/v1.json")).JsonAsync();

        var tags = doc.GetProperty("tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null);
        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Operation: op.Value)))
            .ToList();
        Assert.Equal(ApiRoutes().Count, operations.Count);
        AssertNone(operations.Where(o => !o.Operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            .Select(o => o.Name), "operations without a summary");
        AssertNone(operations.SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray().Select(t => (o.Name, Tag: t.GetString()!)))
            .Where(t => string.IsNullOrWhiteSpace(tags.GetValueOrDefault(t.Tag))).Select(t => $"{t.Name}: tag {t.Tag}"), "tags without a description");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesErrorsAsProblemDetails()
    {
        var paths = await PathsAsync();

        var put = paths.GetProperty("/api/v1/staff-users/{id}").GetProperty("put").GetProperty("responses");
        Assert.True(put.GetProperty("412").GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.True(put.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    private async Task<JsonElement> PathsAsync()
    {
        using var anonymous = factory.CreateClient();
        var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("paths");
    }

    [Fact]
    public async Task ApiReference_AnswersWithoutCredentials()
    {
        using var anonymous = factory.CreateClient();

        var page = await anonymous.GetAsync("/api/docs/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Portal API", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PageResponse_CarriesSecurityHeaders()
    {
        using var browser = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await browser.GetAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("connect-src 'self';", csp); // the circuit's WebSocket goes to this host only, never to any ws: host
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(response.Headers.GetValues("Referrer-Policy"))));
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(response.Headers.GetValues("X-Correlation-Id"))));
    }

    [Fact]
    public async Task ApiProblem_CarriesTheCorrelationIdOfItsResponse()
    {
        using var anonymous = factory.CreateClient();

        var response = await anonymous.GetAsync("/api/v1/staff-users");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var header = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
        Assert.Equal(header, problem.GetProperty("correlationId").GetString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task UnknownApiRoute_Is404ProblemNotTheHtmlPage()
    {
        using var admin = await factory.ClientWithRoleAsync(Roles.Admin);

        var response = await admin.GetAsync("/api/v1/no-such-thing");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongMethod_Is405Problem()
    {
        using var admin = await factory.ClientWithRoleAsync(Roles.Admin);

        var response = await admin.DeleteAsync("/api/v1/staff-users");

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}
