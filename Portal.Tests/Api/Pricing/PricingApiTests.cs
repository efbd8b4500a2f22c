using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Pricing;

/// <summary>/api/v1 pricing routes: who may call them, the 400/404/409/412 answers with their codes, the lookup and the import.</summary>
public sealed class PricingApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private static readonly Guid Someone = Guid.Parse("0192a000-0000-7000-8000-000000000001");

    private async Task<(HttpClient Staff, Guid Id, string ETag)> GroupAsync(bool includesVat = false, string currency = "EUR")
    {
        var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var created = await staff.PostAsJsonAsync("/api/v1/pricing-groups", new { name = $"API {Guid.NewGuid():N}", currency, includesVat });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        return (staff, body.GetProperty("id").GetGuid(), created.ETag()!);
    }

    private static HttpRequestMessage Schedule(Guid group, string etag, object body) =>
        Post($"/api/v1/pricing-groups/{group}/prices", body).WithIfMatch(etag);

    [Theory]
    [InlineData("GET", "/api/v1/pricing-groups")]
    [InlineData("GET", "/api/v1/pricing-groups/{0}/prices/SKU-1")]
    [InlineData("POST", "/api/v1/pricing-groups/{0}/prices/import")]
    public async Task WithoutCredentials_Is401(string method, string url)
    {
        using var anonymous = factory.CreateClient();
        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(url, Someone)));
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Roles.Viewer, "POST", "/api/v1/pricing-groups")]
    [InlineData(Roles.Warehouse, "GET", "/api/v1/pricing-groups")]
    [InlineData(Roles.Viewer, "POST", "/api/v1/pricing-groups/{0}/prices")]
    [InlineData(Roles.Viewer, "POST", "/api/v1/pricing-groups/{0}/prices/import")]
    [InlineData(Roles.Staff, "POST", "/api/v1/pricing-groups/{0}/enable")]
    [InlineData(Roles.Warehouse, "GET", "/api/v1/pricing-groups/{0}/prices/SKU-1")]
    public async Task TheRolesThatMayNot_Get403(string role, string method, string url)
    {
        using var client = await factory.ClientWithRoleAsync(role);
        var request = new HttpRequestMessage(new HttpMethod(method), string.Format(url, Someone))
        {
            Content = method == "GET" ? null : url.EndsWith("/import", StringComparison.Ordinal) ? new StringContent("sku\n", Encoding.UTF8, "text/csv") : JsonContent.Create(new { }),
        };
        await (await client.SendAsync(request.WithIfMatch("\"1\""))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_WithBadFields_Is400ByField_AndATakenName_Is409()
    {
        var (staff, id, _) = await GroupAsync();
        var name = (await (await staff.GetAsync($"/api/v1/pricing-groups/{id}")).JsonAsync()).GetProperty("name").GetString();

        await (await staff.PostAsJsonAsync("/api/v1/pricing-groups", new { name = "", currency = "ABC" })).ShouldHaveFieldErrorsAsync("name", "currency");
        var taken = await (await staff.PostAsJsonAsync("/api/v1/pricing-groups", new { name, currency = "EUR" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("pricing_group.name_taken", taken.Code());
        await (await staff.GetAsync($"/api/v1/pricing-groups/{Someone}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_ChangingTheCurrency_Is409_AndAStaleETag_Is412()
    {
        var (staff, id, etag) = await GroupAsync();

        var currency = await (await staff.SendAsync(Put($"/api/v1/pricing-groups/{id}", new { name = "Renamed " + id, currency = "GBP" }).WithIfMatch(etag)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var renamed = await staff.SendAsync(Put($"/api/v1/pricing-groups/{id}", new { name = "Renamed " + id }).WithIfMatch(etag));
        var stale = await staff.SendAsync(Put($"/api/v1/pricing-groups/{id}", new { name = "Again " + id }).WithIfMatch(etag));

        Assert.Equal("pricing_group.currency_fixed", currency.Code());
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await staff.SendAsync(Put($"/api/v1/pricing-groups/{id}", new { name = "No match " + id }))).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task ScheduleThenLookUp_AnswersWithAndWithoutVat_AndTheSourceRow()
    {
        var (staff, id, etag) = await GroupAsync(includesVat: true);

        var scheduled = await staff.SendAsync(Schedule(id, etag, new { sku = "api-tee", amount = 1216, originalAmount = 1500, vat = new[] { new { country = "NL", rate = 21 } } }));
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var priceId = (await scheduled.JsonAsync()).GetProperty("id").GetGuid();

        var lookup = await (await staff.GetAsync($"/api/v1/pricing-groups/{id}/prices/API-TEE?country=nl")).JsonAsync();
        Assert.Equal(1005, lookup.GetProperty("amountExcludingVat").GetProperty("minor").GetInt64());
        Assert.Equal(1216, lookup.GetProperty("amountIncludingVat").GetProperty("minor").GetInt64());
        Assert.Equal(priceId, lookup.GetProperty("priceId").GetGuid());
        Assert.Equal(21m, lookup.GetProperty("vatRate").GetDecimal());

        await (await staff.GetAsync($"/api/v1/pricing-groups/{id}/prices/API-TEE?at=2027-01-01T00:00:00")).ShouldHaveFieldErrorsAsync("at");
        await (await staff.GetAsync($"/api/v1/pricing-groups/{id}/prices/API-TEE?country=XX")).ShouldHaveFieldErrorsAsync("country");
        await (await staff.GetAsync($"/api/v1/pricing-groups/{id}/prices/NOPE")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Schedule_BadInput_Is400ByField_AStaleETag_Is412_AndCancellingAStartedPrice_Is409()
    {
        var (staff, id, etag) = await GroupAsync();

        await (await staff.SendAsync(Schedule(id, etag, new { sku = "X", amount = -1, vat = new[] { new { country = "NL", rate = 120 } } })))
            .ShouldHaveFieldErrorsAsync("amount", "vat[0]");
        await (await staff.SendAsync(Schedule(id, etag, new { sku = "X", amount = 100, originalAmount = 50 }))).ShouldHaveFieldErrorsAsync("originalAmount");
        var first = await staff.SendAsync(Schedule(id, etag, new { sku = "X", amount = 100 }));
        await (await staff.SendAsync(Schedule(id, etag, new { sku = "X", amount = 200 }))).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);

        var priceId = (await first.JsonAsync()).GetProperty("id").GetGuid();
        var started = await (await staff.SendAsync(Post($"/api/v1/pricing-groups/{id}/prices/{priceId}/cancel").WithIfMatch(first.ETag()!)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("price.started", started.Code());
    }

    [Fact]
    public async Task Import_PreviewsThenAppliesAllOrNothing_AndASecondApplyFromThePreview_Is412()
    {
        var (staff, id, _) = await GroupAsync();
        HttpRequestMessage Csv(string csv, bool dryRun, string? etag = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/pricing-groups/{id}/prices/import?dryRun={dryRun}")
            { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
            return etag is null ? request : request.WithIfMatch(etag);
        }
        const string bad = "sku,amount,original_amount,active_at,vat\nIMP-1,100,,,NL:21\nIMP-2,-3,,,\n";
        const string good = "sku,amount,original_amount,active_at,vat\nIMP-1,100,,,NL:21\nIMP-2,300,,,\n";

        var preview = await staff.SendAsync(Csv(bad, dryRun: true));
        var report = await preview.JsonAsync();
        Assert.Equal((1, 1), (report.GetProperty("new").GetInt32(), report.GetProperty("errors").GetArrayLength()));
        var refused = await (await staff.SendAsync(Csv(bad, dryRun: false, preview.ETag()))).JsonAsync();
        Assert.False(refused.GetProperty("applied").GetBoolean());

        var applied = await staff.SendAsync(Csv(good, dryRun: false, preview.ETag()));
        Assert.True((await applied.JsonAsync()).GetProperty("applied").GetBoolean());
        await (await staff.SendAsync(Csv(good.Replace("300", "310"), dryRun: false, preview.ETag()))).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await staff.SendAsync(Csv(good, dryRun: false))).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);

        var page = await (await staff.GetAsync($"/api/v1/pricing-groups/{id}/prices?state=InForce")).JsonAsync();
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var export = await staff.GetStringAsync($"/api/v1/pricing-groups/{id}/prices/export");
        Assert.Contains("IMP-2,300", export);
    }

    [Fact]
    public async Task AssigningADisabledGroupToAnOrganisation_Is409()
    {
        var (staff, id, etag) = await GroupAsync();
        var org = await staff.PostAsJsonAsync("/api/v1/organisations", new { name = $"Priced {Guid.NewGuid():N}", billingEmail = "p@example.com", countryCode = "GB" });
        var orgId = (await org.JsonAsync()).GetProperty("organisation").GetProperty("id").GetGuid();
        var assigned = await staff.SendAsync(Put($"/api/v1/organisations/{orgId}/pricing-group", new { pricingGroupId = id }).WithIfMatch(org.ETag()!));
        Assert.Equal(HttpStatusCode.NoContent, assigned.StatusCode);
        Assert.Equal(id, (await (await staff.GetAsync($"/api/v1/organisations/{orgId}/pricing-group")).JsonAsync()).GetProperty("id").GetGuid());

        await staff.SendAsync(Post($"/api/v1/pricing-groups/{id}/disable").WithIfMatch(etag));
        var refused = await (await staff.SendAsync(Put($"/api/v1/organisations/{orgId}/pricing-group", new { pricingGroupId = id }).WithIfMatch(assigned.ETag()!)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("pricing_group.disabled", refused.Code());
    }

    [Fact]
    public async Task AnOrganisationCreatedByTheApi_JoinsTheConfiguredDefaultGroup()
    {
        var (staff, id, _) = await GroupAsync();
        var options = factory.Services.GetRequiredService<IOptionsMonitor<Portal.Domain.Pricing.PricingOptions>>().CurrentValue;
        options.DefaultGroup = id.ToString(); // the host reads it at each creation (a name works too: the domain tests)
        try
        {
            var org = await staff.PostAsJsonAsync("/api/v1/organisations", new { name = $"Defaulted {Guid.NewGuid():N}", billingEmail = "d@example.com", countryCode = "GB" });
            var orgId = (await org.JsonAsync()).GetProperty("organisation").GetProperty("id").GetGuid();

            Assert.Equal(id, (await (await staff.GetAsync($"/api/v1/organisations/{orgId}/pricing-group")).JsonAsync()).GetProperty("id").GetGuid());
        }
        finally { options.DefaultGroup = null; }
    }
}
