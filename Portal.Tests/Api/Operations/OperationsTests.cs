using System.Net;
using System.Text.Json;
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

    public static TheoryData<string, string, int[]> DocumentedOperations => new()
    {
        { "/api/v1/staff-users", "get", [200, 400, 401, 403] },
        { "/api/v1/staff-users", "post", [201, 400, 401, 403] },
        { "/api/v1/staff-users/{id}", "get", [200, 401, 403, 404] },
        { "/api/v1/staff-users/{id}", "put", [200, 400, 401, 403, 404, 409, 412] },
        { "/api/v1/staff-users/{id}/disable", "post", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/staff-users/{id}/enable", "post", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/staff-users/{id}/password", "post", [200, 400, 401, 403, 404, 412] },
        { "/api/v1/staff-users/export", "get", [200, 400, 401, 403] },
        { "/api/v1/staff-users/import", "post", [200, 400, 401, 403] },
        { "/api/v1/staff-users/import/template", "get", [200, 401, 403] },
        { "/api/v1/api-keys", "get", [200, 400, 401, 403] },
        { "/api/v1/api-keys", "post", [201, 400, 401, 403] },
        { "/api/v1/api-keys/{id}", "get", [200, 401, 403, 404] },
        { "/api/v1/api-keys/{id}/revoke", "post", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/audit", "get", [200, 400, 401, 403] },
        { "/api/v1/organisations", "get", [200, 400, 401, 403] },
        { "/api/v1/organisations", "post", [201, 400, 401, 403] },
        { "/api/v1/organisations/{id}", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/export", "get", [200, 400, 401, 403] },
        { "/api/v1/organisations/bulk", "post", [200, 400, 401, 403] },
        { "/api/v1/organisations/import", "post", [200, 400, 401, 403] },
        { "/api/v1/organisations/import/template", "get", [200, 401, 403] },
        { "/api/v1/organisations/{id}", "put", [200, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/activate", "post", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/suspend", "post", [200, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/archive", "post", [200, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/members", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/members", "post", [201, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/owner", "put", [200, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/addresses", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/addresses", "post", [201, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/addresses/{addressId}", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/addresses/{addressId}", "put", [200, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/addresses/{addressId}", "delete", [204, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/addresses/{addressId}/primary", "post", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/phone-numbers", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/phone-numbers", "post", [201, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/phone-numbers/{phoneId}", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/phone-numbers/{phoneId}", "put", [200, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/phone-numbers/{phoneId}", "delete", [204, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/phone-numbers/{phoneId}/primary", "post", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/vat-numbers", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/vat-numbers", "post", [201, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/vat-numbers/{vatId}", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/vat-numbers/{vatId}", "put", [200, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/vat-numbers/{vatId}", "delete", [204, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/vat-numbers/{vatId}/check", "post", [200, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/bank-details", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/bank-details", "put", [200, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/bank-details", "delete", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/bank-details/reveal", "post", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/invitations", "get", [200, 400, 401, 403, 404] },
        { "/api/v1/organisations/{id}/invitations", "post", [201, 400, 401, 403, 404, 409] },
        { "/api/v1/organisations/{id}/invitations/{invitationId}", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/invitations/{invitationId}/revoke", "post", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/invitations/{invitationId}/resend", "post", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/domains", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/domains", "post", [201, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/domains/{domainId}", "put", [200, 400, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/domains/{domainId}", "delete", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/domains/{domainId}/primary", "post", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/modules", "get", [200, 401, 403, 404] },
        { "/api/v1/organisations/{id}/modules/{moduleId}", "put", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/organisations/{id}/modules/{moduleId}", "delete", [200, 401, 403, 404, 409, 412, 428] },
        { "/api/v1/modules", "get", [200, 401, 403] },
    };

    [Theory]
    [MemberData(nameof(DocumentedOperations))]
    public async Task OpenApiDocument_DeclaresEveryResponseAnOperationCanGive(string path, string method, int[] statuses)
    {
        var paths = await PathsAsync();

        Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the OpenAPI document");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method.ToUpperInvariant()} {path} is missing");
        var declared = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        foreach (var status in statuses)
            Assert.True(declared.Contains(status.ToString()), $"{method.ToUpperInvariant()} {path} does not declare {status}; it declares {string.Join(", ", declared)}");
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryApiRoute_AndNothingElse()
    {
        var paths = (await PathsAsync()).EnumerateObject().Select(p => p.Name).ToHashSet();

        var expected = DocumentedOperations.Select(row => (string)row[0]).ToHashSet();
        Assert.Equal(expected.Order(), paths.Order());
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
