using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Billing;

/// <summary>/api/v1 billing routes: who may call them, and the 201/400/404/409/412 answers with their codes.</summary>
public sealed class BillingApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private static readonly Guid Someone = Guid.Parse("0192a000-0000-7000-8000-000000000002");

    public static TheoryData<string, string> WritingRoutes() => new()
    {
        { "POST", "/api/v1/plans" }, { "PUT", $"/api/v1/plans/{Someone}" }, { "POST", $"/api/v1/plans/{Someone}/archive" },
        { "POST", $"/api/v1/organisations/{Someone}/subscriptions" }, { "POST", $"/api/v1/subscriptions/{Someone}/change-plan" },
        { "POST", $"/api/v1/subscriptions/{Someone}/cancel" }, { "POST", $"/api/v1/subscriptions/{Someone}/resume" },
        { "POST", $"/api/v1/subscriptions/{Someone}/usage" }, { "POST", $"/api/v1/invoices/{Someone}/payments" }, { "POST", $"/api/v1/invoices/{Someone}/void" },
        { "POST", $"/api/v1/organisations/{Someone}/payment-methods" }, { "DELETE", $"/api/v1/organisations/{Someone}/payment-methods/{Someone}" },
    };

    [Theory]
    [MemberData(nameof(WritingRoutes))]
    public async Task WritingRoutes_RefuseViewersAndWarehouse_AndAskForCredentials(string method, string url)
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
    public async Task Warehouse_ReadsNoBilling_ButViewersDo()
    {
        using var warehouse = await factory.ClientWithRoleAsync(Roles.Warehouse);
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        foreach (var url in new[] { "/api/v1/plans", "/api/v1/subscriptions", "/api/v1/invoices" })
        {
            await (await warehouse.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task ASubscription_FromPlanToCanceled_ThroughTheApi()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var (org, _) = await OrganisationAsync(staff, unique);
        await CreatedAsync(staff, "/api/v1/plans", new { code = $"small-{unique}", name = "Small", interval = "month", priceMinor = 1900, currency = "GBP" });
        await CreatedAsync(staff, "/api/v1/plans", new { code = $"large-{unique}", name = "Large", interval = "month", priceMinor = 4900, currency = "GBP" });
        var euro = new { code = $"euro-{unique}", name = "Euro", interval = "month", priceMinor = 1900, currency = "EUR" };
        await CreatedAsync(staff, "/api/v1/plans", euro);

        // The first card: the account's ETag is "0".
        var cards = await staff.GetAsync($"/api/v1/organisations/{org}/payment-methods");
        Assert.Equal("\"0\"", cards.ETag());
        var pasted = await staff.SendAsync(Post($"/api/v1/organisations/{org}/payment-methods", new { brand = "Visa", last4 = "4242424242424242", expMonth = 12, expYear = 2030, holderName = "Ann" }).WithIfMatch("\"0\""));
        await pasted.ShouldHaveFieldErrorsAsync("last4");
        var card = await staff.SendAsync(Post($"/api/v1/organisations/{org}/payment-methods", new { brand = "Visa", last4 = "4242", expMonth = 12, expYear = 2030, holderName = "Ann" }).WithIfMatch("\"0\""));
        Assert.Equal(HttpStatusCode.Created, card.StatusCode);

        var zero = await staff.PostAsJsonAsync($"/api/v1/organisations/{org}/subscriptions", new { planCode = $"small-{unique}", quantity = 0 });
        await zero.ShouldHaveFieldErrorsAsync("quantity");
        var (subscription, etag) = await CreatedAsync(staff, $"/api/v1/organisations/{org}/subscriptions", new { planCode = $"small-{unique}", quantity = 2 });
        var sub = subscription.GetProperty("subscription");
        Assert.Equal("active", sub.GetProperty("status").GetString());
        var id = sub.GetProperty("id").GetString();
        var mismatch = await staff.PostAsJsonAsync($"/api/v1/organisations/{org}/subscriptions", new { planCode = euro.code, quantity = 1 });
        Assert.Equal("subscription.currency_mismatch", (await mismatch.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
        await (await staff.GetAsync($"/api/v1/subscriptions/{Someone}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var preview = await staff.PostAsJsonAsync($"/api/v1/subscriptions/{id}/change-plan/preview", new { planCode = $"large-{unique}", quantity = 2 });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(2, (await preview.JsonAsync()).GetProperty("prorations").GetArrayLength());

        var changed = await staff.SendAsync(Post($"/api/v1/subscriptions/{id}/change-plan", new { planCode = $"large-{unique}", quantity = 2 }).WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var stale = await staff.SendAsync(Post($"/api/v1/subscriptions/{id}/change-plan", new { planCode = $"small-{unique}", quantity = 1 }).WithIfMatch(etag));
        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);

        var resume = await staff.SendAsync(Post($"/api/v1/subscriptions/{id}/resume").WithIfMatch(changed.ETag()!));
        Assert.Equal("subscription.no_scheduled_cancel", (await resume.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
        var scheduled = await staff.SendAsync(Post($"/api/v1/subscriptions/{id}/cancel", new { atPeriodEnd = true }).WithIfMatch(changed.ETag()!));
        Assert.True((await scheduled.JsonAsync()).GetProperty("subscription").GetProperty("cancelAtPeriodEnd").GetBoolean());
        var now = await staff.SendAsync(Post($"/api/v1/subscriptions/{id}/cancel", new { atPeriodEnd = false }).WithIfMatch(scheduled.ETag()!));
        Assert.Equal("canceled", (await now.JsonAsync()).GetProperty("subscription").GetProperty("status").GetString());
        var again = await staff.SendAsync(Post($"/api/v1/subscriptions/{id}/change-plan", new { planCode = $"small-{unique}", quantity = 1 }).WithIfMatch(now.ETag()!));
        Assert.Equal("subscription.ended", (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());

        // Its first invoice: found by number, explained, derived again, and paid already (the card's simulated charge).
        var invoices = await (await staff.GetAsync($"/api/v1/invoices?subscriptionId={id}")).JsonAsync();
        var invoice = invoices.GetProperty("items")[0];
        Assert.StartsWith("INV-", invoice.GetProperty("number").GetString());
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        var invoiceId = invoice.GetProperty("id").GetString();
        var rederived = await (await staff.GetAsync($"/api/v1/invoices/{invoiceId}/rederive")).JsonAsync();
        Assert.True(rederived.GetProperty("matches").GetBoolean());
        var read = await staff.GetAsync($"/api/v1/invoices/{invoiceId}");
        Assert.Equal("licence", (await read.JsonAsync()).GetProperty("lines")[0].GetProperty("rule").GetString());
        var voided = await staff.SendAsync(Post($"/api/v1/invoices/{invoiceId}/void").WithIfMatch(read.ETag()!));
        Assert.Equal("invoice.paid", (await voided.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task UsageReports_AreIdempotentByKey_201ThenTheFirstRecordWith200()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var (org, _) = await OrganisationAsync(staff, unique);
        await CreatedAsync(staff, "/api/v1/plans", new
        {
            code = $"metered-{unique}", name = "Metered", interval = "month", priceMinor = 0, currency = "GBP", trialDays = 14, usageUnit = "Calls",
            tiers = new object[] { new { upTo = 10, unitAmountMinor = 0 }, new { unitAmountMinor = 5 } },
        });
        var (subscription, _) = await CreatedAsync(staff, $"/api/v1/organisations/{org}/subscriptions", new { planCode = $"metered-{unique}", quantity = 1 });
        var id = subscription.GetProperty("subscription").GetProperty("id").GetString();

        var first = await staff.PostAsJsonAsync($"/api/v1/subscriptions/{id}/usage", new { quantity = 30, idempotencyKey = "r-1" });
        var retry = await staff.PostAsJsonAsync($"/api/v1/subscriptions/{id}/usage", new { quantity = 30, idempotencyKey = "r-1" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(1, (await (await staff.GetAsync($"/api/v1/subscriptions/{id}/usage")).JsonAsync()).GetProperty("total").GetInt32());
    }

    private static HttpRequestMessage Request(string method, string url) =>
        new(new HttpMethod(method), url) { Content = method is "GET" or "DELETE" ? null : JsonContent.Create(new { }) };

    private static async Task<(string Id, string ETag)> OrganisationAsync(HttpClient staff, string unique)
    {
        var (org, etag) = await CreatedAsync(staff, "/api/v1/organisations", new { name = $"Billing {unique}", billingEmail = $"accounts@billing-{unique}.example", countryCode = "GB" });
        return (org.GetProperty("organisation").GetProperty("id").GetString()!, etag);
    }

    private static async Task<(JsonElement Body, string ETag)> CreatedAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.JsonAsync(), response.ETag()!);
    }
}
