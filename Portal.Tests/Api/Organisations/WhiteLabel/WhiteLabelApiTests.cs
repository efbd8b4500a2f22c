using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Domain.Common;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Organisations;

/// <summary>/api/v1/organisations/{id}/domains: roles, field errors, the duplicate host, the primary, 404, 412, 428.</summary>
public sealed class WhiteLabelApiTests(Support.PortalApiFactory factory) : IClassFixture<Support.PortalApiFactory>
{
    private const string Url = "/api/v1/organisations";

    private static async Task<(string Id, string ETag)> CreateOrgAsync(HttpClient client, string? name = null)
    {
        var response = await client.PostAsJsonAsync(Url, new
        {
            name = name ?? $"Org {Guid.NewGuid():N}", billingEmail = $"accounts@{Guid.NewGuid():N}.example", countryCode = "GB",
            owner = new { email = $"owner-{Guid.NewGuid():N}@org.example", givenName = "Olive" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.JsonAsync()).GetProperty("organisation").GetProperty("id").GetString()!, response.ETag()!);
    }

    private static string UniqueHost(string prefix = "portal") => $"{prefix}.{Guid.NewGuid():N}.example.com";

    private static HttpRequestMessage Delete(string url) => new(HttpMethod.Delete, url);

    private static IEnumerable<JsonElement> Domains(JsonElement list) => list.GetProperty("domains").EnumerateArray();

    [Fact]
    public async Task WithoutCredentials_Is401()
    {
        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync($"{Url}/{Guid.CreateVersion7()}/domains")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/modules")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AViewer_ReadsDomainsAndModules_ButCannotChangeThem()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"{Url}/{id}/domains")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"{Url}/{id}/modules")).StatusCode);
        await (await viewer.SendAsync(Post($"{Url}/{id}/domains", new { hostName = UniqueHost() }).WithIfMatch(etag)))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.SendAsync(Put($"{Url}/{id}/modules/trading", new { }).WithIfMatch(etag))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var warehouse = await factory.ClientWithRoleAsync(Roles.Warehouse);
        await (await warehouse.GetAsync($"{Url}/{id}/modules")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AddDomain_Is201_WithTheDomainAtItsOwnLocationAndANewETag_AndGetAnswersTheSame()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        var host = UniqueHost();

        var response = await staff.SendAsync(Post($"{Url}/{id}/domains",
            new { hostName = $" {host.ToUpperInvariant()} ", themeColour = "#2e7d32", logoUrl = "https://cdn.example.com/logo.svg" }).WithIfMatch(etag));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var domain = await response.JsonAsync();
        Assert.Equal($"/api/v1/organisations/{id}/domains/{domain.GetProperty("id").GetString()}", response.Headers.Location?.ToString());
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal(host, domain.GetProperty("hostName").GetString());
        Assert.Equal("#2E7D32", domain.GetProperty("themeColour").GetString());
        Assert.True(domain.GetProperty("isPrimary").GetBoolean());
        var read = await staff.GetAsync($"{Url}/{id}/domains");
        Assert.Equal("\"2\"", read.ETag());
        Assert.Equal(host, Domains(await read.JsonAsync()).Single().GetProperty("hostName").GetString());
        var one = await staff.GetAsync(response.Headers.Location);
        Assert.Equal("\"2\"", one.ETag());
        Assert.Equal((domain.GetProperty("id").GetString(), host), ((await one.JsonAsync()).GetProperty("id").GetString(), (await one.JsonAsync()).GetProperty("hostName").GetString()));
    }

    [Fact]
    public async Task AddDomain_WithBadFields_Is400WithAnErrorPerField()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);

        var response = await staff.SendAsync(Post($"{Url}/{id}/domains",
            new { hostName = "https://portal.acme.com/", themeColour = "blue", logoUrl = "http://cdn.acme.com/logo.png" }).WithIfMatch(etag));

        var problem = await response.ShouldHaveFieldErrorsAsync("hostName", "themeColour", "logoUrl");
        Assert.Contains("Enter only the host name", problem.GetProperty("errors").GetProperty("hostName")[0].GetString());
    }

    [Fact]
    public async Task AddDomain_AHostAnotherOrganisationUses_Is400OnHostName_NamingThatOrganisation()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var ownerName = $"Tidewater {Guid.NewGuid():N}"[..20];
        var (owner, ownerETag) = await CreateOrgAsync(staff, ownerName);
        var host = UniqueHost();
        Assert.Equal(HttpStatusCode.Created, (await staff.SendAsync(Post($"{Url}/{owner}/domains", new { hostName = host }).WithIfMatch(ownerETag))).StatusCode);
        var (other, otherETag) = await CreateOrgAsync(staff);

        var response = await staff.SendAsync(Post($"{Url}/{other}/domains", new { hostName = host.ToUpperInvariant() }).WithIfMatch(otherETag));

        var problem = await response.ShouldHaveFieldErrorsAsync("hostName");
        Assert.Equal($"{host} is already used by {ownerName}.", problem.GetProperty("errors").GetProperty("hostName")[0].GetString());
    }

    [Fact]
    public async Task DomainChanges_FromAStaleETag_Are412_AndWithoutIfMatch_428()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        var added = await staff.SendAsync(Post($"{Url}/{id}/domains", new { hostName = UniqueHost() }).WithIfMatch(etag));
        var domainId = (await added.JsonAsync()).GetProperty("id").GetString();

        var stale = await staff.SendAsync(Put($"{Url}/{id}/domains/{domainId}", new { themeColour = "#000000" }).WithIfMatch(etag));
        Assert.Equal("concurrency.stale", (await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).Code());
        await (await staff.SendAsync(Post($"{Url}/{id}/domains", new { hostName = UniqueHost() }))).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await staff.SendAsync(Delete($"{Url}/{id}/domains/{domainId}"))).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);

        var updated = await staff.SendAsync(Put($"{Url}/{id}/domains/{domainId}", new { themeColour = "#abcdef" }).WithIfMatch(added.ETag()!));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("#ABCDEF", (await updated.JsonAsync()).GetProperty("themeColour").GetString());
    }

    [Fact]
    public async Task Primary_MovesWithPost_AndThePrimaryCannotBeRemovedWhileOthersRemain_409()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        var first = await staff.SendAsync(Post($"{Url}/{id}/domains", new { hostName = UniqueHost("portal") }).WithIfMatch(etag));
        var second = await staff.SendAsync(Post($"{Url}/{id}/domains", new { hostName = UniqueHost("trade") }).WithIfMatch(first.ETag()!));
        var primary = (await first.JsonAsync()).GetProperty("id").GetString();
        var other = (await second.JsonAsync()).GetProperty("id").GetString();

        var removePrimary = await staff.SendAsync(Delete($"{Url}/{id}/domains/{primary}").WithIfMatch(second.ETag()!));
        Assert.Equal("organisation_domain.primary", (await removePrimary.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());

        var moved = await staff.SendAsync(Post($"{Url}/{id}/domains/{other}/primary").WithIfMatch(second.ETag()!));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal((other, true), ((await moved.JsonAsync()).GetProperty("id").GetString(), (await moved.JsonAsync()).GetProperty("isPrimary").GetBoolean()));
        var removed = await staff.SendAsync(Delete($"{Url}/{id}/domains/{primary}").WithIfMatch(moved.ETag()!));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var left = await staff.GetAsync($"{Url}/{id}/domains");
        Assert.Equal(removed.ETag(), left.ETag());
        Assert.Equal(other, Assert.Single(Domains(await left.JsonAsync())).GetProperty("id").GetString());
    }

    [Fact]
    public async Task UnknownOrganisationOrDomain_Is404()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        await (await staff.GetAsync($"{Url}/{Guid.CreateVersion7()}/domains")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await staff.SendAsync(Post($"{Url}/{id}/domains/{Guid.CreateVersion7()}/primary").WithIfMatch(etag))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await staff.SendAsync(Delete($"{Url}/{id}/domains/{Guid.CreateVersion7()}").WithIfMatch(etag))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
