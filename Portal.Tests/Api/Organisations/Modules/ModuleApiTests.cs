using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Domain.Common;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Organisations;

/// <summary>/api/v1/organisations/{id}/modules and /api/v1/modules: the catalogue, switching on and off, the list filter, 404, 409, 412, 428.</summary>
public sealed class ModuleApiTests(Support.PortalApiFactory factory) : IClassFixture<Support.PortalApiFactory>
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

    [Fact]
    public async Task TheCatalogue_ListsTheModulesWithPrices()
    {
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        var catalogue = await (await viewer.GetAsync("/api/v1/modules")).JsonAsync();

        Assert.Equal(["system", "account", "inventory", "trading", "logistics"], catalogue.EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var trading = catalogue.EnumerateArray().Single(m => m.GetProperty("id").GetString() == "trading");
        Assert.Equal(4900, trading.GetProperty("monthlyPriceMinor").GetInt64());
        Assert.Equal("GBP", trading.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Modules_SwitchOnWithPut_OffWithDelete_EachMovingTheETag_AndTheListFiltersByModule()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var name = $"Modular {Guid.NewGuid():N}"[..20];
        var (id, etag) = await CreateOrgAsync(staff, name);

        var on = await staff.SendAsync(Put($"{Url}/{id}/modules/logistics", new { }).WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Equal("\"2\"", on.ETag());
        var logistics = await on.JsonAsync();
        Assert.Equal("logistics", logistics.GetProperty("id").GetString());
        Assert.True(logistics.GetProperty("isOn").GetBoolean());
        Assert.Equal(3500, (await (await staff.GetAsync($"{Url}/{id}/modules")).JsonAsync()).GetProperty("monthlyTotalMinor").GetInt64());

        var filtered = await (await staff.GetAsync($"{Url}?module=logistics&q={Uri.EscapeDataString(name)}")).JsonAsync();
        Assert.Equal(1, filtered.GetProperty("total").GetInt32());
        await (await staff.GetAsync($"{Url}?module=payroll")).ShouldHaveFieldErrorsAsync("module");

        var off = await staff.SendAsync(Delete($"{Url}/{id}/modules/logistics").WithIfMatch(on.ETag()!));
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.Equal("\"3\"", off.ETag());
        Assert.Equal(0, (await (await staff.GetAsync($"{Url}/{id}/modules")).JsonAsync()).GetProperty("monthlyTotalMinor").GetInt64());
    }

    [Fact]
    public async Task Modules_UnknownIs404_StaleIs412_MissingIfMatchIs428_ArchivedIs409()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);

        var unknown = await staff.SendAsync(Put($"{Url}/{id}/modules/payroll", new { }).WithIfMatch(etag));
        Assert.Contains("Module 'payroll' was not found.", (await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        await (await staff.SendAsync(Put($"{Url}/{id}/modules/trading", new { }))).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
        var on = await staff.SendAsync(Put($"{Url}/{id}/modules/trading", new { }).WithIfMatch(etag));
        var stale = await staff.SendAsync(Put($"{Url}/{id}/modules/account", new { }).WithIfMatch(etag));
        Assert.Equal("concurrency.stale", (await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).Code());

        var archived = await staff.SendAsync(Post($"{Url}/{id}/archive", new { reason = "Closed down" }).WithIfMatch(on.ETag()!));
        var response = await staff.SendAsync(Delete($"{Url}/{id}/modules/trading").WithIfMatch(archived.ETag()!));
        Assert.Equal("organisation.archived", (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
        var domain = await staff.SendAsync(Post($"{Url}/{id}/domains", new { hostName = UniqueHost() }).WithIfMatch(archived.ETag()!));
        Assert.Equal("organisation.archived", (await domain.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
    }
}
