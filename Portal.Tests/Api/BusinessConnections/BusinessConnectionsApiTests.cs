using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.BusinessConnections;

/// <summary>/api/v1 business units, certificates and connections: who may call each, and the 400/404/409/412 answers.</summary>
public sealed class BusinessConnectionsApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private static readonly Guid Someone = Guid.Parse("0192a000-0000-7000-8000-000000000001");

    public static TheoryData<string, string> Writes() => new()
    {
        { "POST", "/api/v1/business-units" }, { "PUT", $"/api/v1/business-units/{Someone}" }, { "PUT", $"/api/v1/business-units/{Someone}/region" },
        { "POST", $"/api/v1/business-units/{Someone}/archive" }, { "POST", $"/api/v1/business-units/{Someone}/restore" },
        { "POST", $"/api/v1/business-units/{Someone}/certificates" }, { "DELETE", $"/api/v1/business-units/{Someone}/certificates/{Someone}" },
        { "DELETE", $"/api/v1/business-units/{Someone}/region" }, { "POST", "/api/v1/certificates" },
        { "POST", "/api/v1/business-connections" }, { "PUT", $"/api/v1/business-connections/{Someone}" },
        { "POST", $"/api/v1/business-connections/{Someone}/relationships" }, { "DELETE", $"/api/v1/business-connections/{Someone}/relationships/trading" },
        { "POST", $"/api/v1/business-connections/{Someone}/contacts" }, { "DELETE", $"/api/v1/business-connections/{Someone}/contacts/{Someone}" },
        { "POST", $"/api/v1/business-connections/{Someone}/end" },
    };

    private static HttpRequestMessage Request(string method, string url, object? body = null) =>
        new(new HttpMethod(method), url) { Content = method is "GET" or "DELETE" ? null : JsonContent.Create(body ?? new { }) };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task EveryWritingRoute_Is401WithoutCredentials_And403ForViewerAndWarehouse(string method, string url)
    {
        using var anonymous = factory.CreateClient();
        await (await anonymous.SendAsync(Request(method, url))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        foreach (var role in new[] { Roles.Viewer, Roles.Warehouse })
        {
            using var client = await factory.ClientWithRoleAsync(role);
            await (await client.SendAsync(Request(method, url).WithIfMatch("\"1\""))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task TheImports_AreRefusedToViewers()
    {
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        foreach (var url in new[] { "/api/v1/business-units/import", "/api/v1/certificates/import" })
        {
            var response = await viewer.PostAsync(url, new StringContent("name\n", Encoding.UTF8, "text/csv"));
            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Viewers_ReadTheLists_AndWarehouseDoesNot()
    {
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        using var warehouse = await factory.ClientWithRoleAsync(Roles.Warehouse);
        foreach (var url in new[] { "/api/v1/business-units", "/api/v1/certificates", "/api/v1/business-connections" })
        {
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(url)).StatusCode);
            await (await warehouse.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    private static async Task<string> CreateOrganisationAsync(HttpClient staff, string name, string? memberEmail = null)
    {
        var created = await staff.PostAsJsonAsync("/api/v1/organisations", new
        {
            name, billingEmail = $"accounts@{Guid.NewGuid():N}.example", countryCode = "GB",
            owner = memberEmail is null ? null : new { email = memberEmail, givenName = "Olive", familyName = "Owner" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.JsonAsync()).GetProperty("organisation").GetProperty("id").GetString()!;
    }

    private static object Unit(string organisationId, string holding = "11/111/1111", double latitude = 50.91) => new
    {
        organisationId, type = "Farm", name = $"Farm {Guid.NewGuid():N}"[..16], line1 = "Pitlands Lane", city = "Chichester", postcode = "PO18 9JP",
        countryCode = "GB", latitude, longitude = -0.87, what3words = "///filled.count.soap", assuranceScheme = "RT", holdingNumber = holding,
    };

    [Fact]
    public async Task Units_BadFieldsAre400s_UnknownIs404_StaleIs412()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var org = await CreateOrganisationAsync(staff, $"Units {Guid.NewGuid():N}"[..16]);

        var bad = await staff.PostAsJsonAsync("/api/v1/business-units", Unit(org, holding: "1/2/3", latitude: 91));
        await bad.ShouldHaveFieldErrorsAsync("holdingNumber", "latitude");
        var unknownOrg = await staff.PostAsJsonAsync("/api/v1/business-units", Unit(Someone.ToString()));
        await unknownOrg.ShouldHaveFieldErrorsAsync("organisationId");
        await (await staff.GetAsync($"/api/v1/business-units/{Someone}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var created = await staff.PostAsJsonAsync("/api/v1/business-units", Unit(org));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetString();
        Assert.EndsWith($"/api/v1/business-units/{id}", created.Headers.Location!.ToString());
        var first = await staff.SendAsync(Put($"/api/v1/business-units/{id}", Unit(org)).WithIfMatch(created.ETag()!));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stale = await staff.SendAsync(Put($"/api/v1/business-units/{id}", Unit(org)).WithIfMatch(created.ETag()!));
        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);

        var archived = await staff.SendAsync(Post($"/api/v1/business-units/{id}/archive").WithIfMatch(first.ETag()!));
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        var again = await staff.SendAsync(Post($"/api/v1/business-units/{id}/archive").WithIfMatch(archived.ETag()!));
        Assert.Equal("business_unit.archived", (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task Certificates_LookupByAlpha3_AndLinkToAUnit()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var org = await CreateOrganisationAsync(staff, $"Certs {Guid.NewGuid():N}"[..16]);
        var holding = $"{Random.Shared.Next(10, 99)}/{Random.Shared.Next(100, 999)}/{Random.Shared.Next(1000, 9999)}";
        var certificate = await staff.PostAsJsonAsync("/api/v1/certificates", new
        {
            identifier = $"RT{Guid.NewGuid():N}"[..12], expiresAt = DateTimeOffset.UtcNow.AddDays(90), enterprises = new[] { "Combinable Crops" },
            sites = new[] { new { identifier = holding, postcode = "PO18 9JP", countryCode = "GB", isPrimary = true } },
        });
        Assert.Equal(HttpStatusCode.Created, certificate.StatusCode);
        var certificateId = (await certificate.JsonAsync()).GetProperty("id").GetString();

        await (await staff.GetAsync($"/api/v1/certificates/lookup?country=GB&holdingNumber={holding}")).ShouldHaveFieldErrorsAsync("country");
        var found = await (await staff.GetAsync($"/api/v1/certificates/lookup?country=GBR&holdingNumber={Uri.EscapeDataString(holding)}")).JsonAsync();
        Assert.Equal(certificateId, Assert.Single(found.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal("Valid", found[0].GetProperty("status").GetString());

        var unit = await staff.PostAsJsonAsync("/api/v1/business-units", Unit(org, holding));
        var unitId = (await unit.JsonAsync()).GetProperty("id").GetString();
        var linked = await staff.SendAsync(Post($"/api/v1/business-units/{unitId}/certificates", new { certificateId }).WithIfMatch(unit.ETag()!));
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        var read = await (await staff.GetAsync($"/api/v1/business-units/{unitId}")).JsonAsync();
        Assert.True(read.GetProperty("isAssured").GetBoolean());
        var twice = await staff.SendAsync(Post($"/api/v1/business-units/{unitId}/certificates", new { certificateId }).WithIfMatch(linked.ETag()!));
        Assert.Equal("certificate.already_linked", (await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task Connections_DuplicateCheck_ThenCreate_RelationshipRules_AndStaleness()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var from = await CreateOrganisationAsync(staff, $"Caller {unique}");
        var existing = await CreateOrganisationAsync(staff, $"Harvest Grain {unique}", $"olive@harvest-{unique}.example");
        var proposed = new { name = $"Harvest Grain {unique} Ltd", countryCode = "GB", contacts = new[] { new { givenName = "Olive", familyName = "Owner", email = $"olive@harvest-{unique}.example" } } };

        var check = await (await staff.PostAsJsonAsync("/api/v1/business-connections/exists", proposed)).JsonAsync();
        Assert.True(check.GetProperty("blockNewConnection").GetBoolean());
        Assert.Equal(existing, check.GetProperty("organisations")[0].GetProperty("organisationId").GetString());

        var blocked = await staff.PostAsJsonAsync("/api/v1/business-connections", new { fromOrganisationId = from, newOrganisation = proposed, relationships = new[] { "Trading" } });
        Assert.Equal("business_connection.duplicate", (await blocked.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
        var toSelf = await staff.PostAsJsonAsync("/api/v1/business-connections", new { fromOrganisationId = from, toOrganisationId = from, relationships = new[] { "Trading" } });
        await toSelf.ShouldHaveFieldErrorsAsync("toOrganisationId");
        var empty = await staff.PostAsJsonAsync("/api/v1/business-connections", new { fromOrganisationId = from, toOrganisationId = existing, relationships = Array.Empty<string>() });
        await empty.ShouldHaveFieldErrorsAsync("relationships");
        var repeated = await staff.PostAsJsonAsync("/api/v1/business-connections", new { fromOrganisationId = from, toOrganisationId = existing, relationships = new[] { "Trading", "Trading" } });
        await repeated.ShouldHaveFieldErrorsAsync("relationships");
        var unknown = await staff.PostAsJsonAsync("/api/v1/business-connections", new { fromOrganisationId = Someone, toOrganisationId = existing, relationships = new[] { "Trading" } });
        await unknown.ShouldHaveFieldErrorsAsync("fromOrganisationId");

        var created = await staff.PostAsJsonAsync("/api/v1/business-connections", new { fromOrganisationId = from, toOrganisationId = existing, relationships = new[] { "Trading" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("connection").GetProperty("id").GetString();
        var added = await staff.SendAsync(Post($"/api/v1/business-connections/{id}/relationships", new { relationship = "Storage" }).WithIfMatch(created.ETag()!));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var stale = await staff.SendAsync(Post($"/api/v1/business-connections/{id}/relationships", new { relationship = "Carrier" }).WithIfMatch(created.ETag()!));
        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        var twice = await staff.SendAsync(Post($"/api/v1/business-connections/{id}/relationships", new { relationship = "Storage" }).WithIfMatch(added.ETag()!));
        Assert.Equal("business_connection.relationship_exists", (await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
        var removed = await staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/business-connections/{id}/relationships/trading").WithIfMatch(added.ETag()!));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var last = await staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/business-connections/{id}/relationships/storage").WithIfMatch(removed.ETag()!));
        Assert.Equal("business_connection.last_relationship", (await last.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
        var nonsense = await staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/business-connections/{id}/relationships/7").WithIfMatch(removed.ETag()!));
        await nonsense.ShouldHaveFieldErrorsAsync("relationship");
        await (await staff.GetAsync($"/api/v1/business-connections/{Someone}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Import_TemplateDownloads_AndMixedRowsReportTheBadOnes()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var org = await CreateOrganisationAsync(staff, $"Import {Guid.NewGuid():N}"[..16]);
        var template = await staff.GetStringAsync("/api/v1/business-units/import/template");
        var header = template.Split('\n')[0].Trim();
        var csv = $"{header}\n,farm,Good Farm,,Lane,,Town,,PO18 9JP,GB,,,,,,,,,RT,11/111/1111,,false,\n,farm,Bad Farm,,Lane,,Town,,PO18 9JP,GB,,,,,,,,,RT,nonsense,,false,\n";

        var response = await staff.PostAsync($"/api/v1/business-units/import?organisationId={org}", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        Assert.Equal("holdingNumber", Assert.Single(report.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        Assert.Contains("Bad Farm", report.GetProperty("failedRowsCsv").GetString());
    }

    [Fact]
    public async Task SchemeCertificateFile_TemplateImportFilterAndExport()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var template = await staff.GetStringAsync("/api/v1/certificates/import/template");
        var header = template.Split('\n')[0].Trim();
        Assert.StartsWith("certificateIdentifier,certificateEnterprises,certificateExpiryDate", header);
        var expiry = DateTimeOffset.UtcNow.AddDays(10).ToString("yyyy-MM-dd");
        var csv = $"{header}\nG{tag},Dairy,{expiry},holdingno,11/111/1111,true,Site,Farm,PO18 9JP,United Kingdom\nB{tag},Dairy,{expiry},holdingno,1/1/1,true,Site,Farm,PO18 9JP,GB\n";

        var response = await staff.PostAsync("/api/v1/certificates/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        Assert.Equal("identifier", Assert.Single(report.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        var expiring = await (await staff.GetAsync($"/api/v1/certificates?q={tag}&expiringWithinDays=30&scheme=RT")).JsonAsync();
        Assert.Equal($"G{tag}", Assert.Single(expiring.GetProperty("items").EnumerateArray()).GetProperty("identifier").GetString());
        var export = await staff.GetAsync($"/api/v1/certificates/export?q={tag}");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"G{tag},Valid,Dairy", await export.Content.ReadAsStringAsync());
        await (await staff.GetAsync("/api/v1/certificates/export?expiringWithinDays=-3")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await staff.GetAsync("/api/v1/certificates?expiringWithinDays=99999")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
