using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Organisations;

/// <summary>
/// Every part route of an organisation answers the same way per verb: POST 201 with the item at its own Location, PUT 200
/// with the item, DELETE 204; each with the organisation's next ETag, which the organisation itself then answers too.
/// </summary>
public sealed class PartRoutesApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private const string Url = "/api/v1/organisations";

    /// <summary>A part that is added with POST: its collection, the body to add it, and (when it can be changed or removed) the body of a PUT.</summary>
    public static TheoryData<string, string, string?, bool> CollectionParts => new()
    {
        { "addresses", """{ "kind": "Billing", "line1": "1 Orchard Lane", "city": "Chichester", "postcode": "PO18 9JP", "countryCode": "GB" }""",
            """{ "kind": "Billing", "line1": "2 Orchard Lane", "city": "Bosham", "postcode": "PO18 8QL", "countryCode": "GB" }""", true },
        { "phone-numbers", """{ "label": "Main", "number": "+44 20 7946 0958" }""", """{ "label": "Accounts", "number": "+44 20 7946 0959" }""", true },
        { "vat-numbers", """{ "countryCode": "GB", "number": "GB123456789" }""", """{ "countryCode": "GB", "number": "GB 987 6543 21" }""", true },
        { "domains", """{ "hostName": "portal.{unique}.example.com" }""", """{ "themeColour": "#2E7D32" }""", true },
        // Members are added here and leave through the organisation's own rules (owner): no PUT or DELETE yet.
        { "members", """{ "email": "bea-{unique}@org.example", "givenName": "Bea", "familyName": "Baker" }""", null, false },
    };

    [Theory]
    [MemberData(nameof(CollectionParts))]
    public async Task APartRoute_Answers201ItemAndLocation_Put200Item_Delete204_EachWithTheOrganisationsNextETag(
        string collection, string create, string? update, bool removable)
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        var unique = Guid.NewGuid().ToString("N");

        var added = await staff.SendAsync(Send(HttpMethod.Post, $"{Url}/{id}/{collection}", create.Replace("{unique}", unique)).WithIfMatch(etag));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var item = await added.JsonAsync();
        var itemId = item.GetProperty("id").GetString();
        var itemUrl = $"{Url}/{id}/{collection}/{itemId}";
        Assert.Equal(itemUrl, added.Headers.Location?.ToString());
        etag = await ShouldBeTheNextETagAsync(staff, id, etag, added);
        var read = await staff.GetAsync(itemUrl);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(itemId, (await read.JsonAsync()).GetProperty("id").GetString());
        Assert.Equal(etag, read.ETag());

        if (update is not null)
        {
            var updated = await staff.SendAsync(Send(HttpMethod.Put, itemUrl, update).WithIfMatch(etag));
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
            Assert.Equal(itemId, (await updated.JsonAsync()).GetProperty("id").GetString());
            etag = await ShouldBeTheNextETagAsync(staff, id, etag, updated);
        }

        if (removable)
        {
            var removed = await staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, itemUrl).WithIfMatch(etag));
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
            Assert.Empty(await removed.Content.ReadAsStringAsync());
            await ShouldBeTheNextETagAsync(staff, id, etag, removed);
            await (await staff.GetAsync(itemUrl)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }
    }

    /// <summary>A part that is set with PUT at a URL of its own (bank details, a module switched on) and removed with DELETE.</summary>
    public static TheoryData<string, string> SingleParts => new()
    {
        { "bank-details", """{ "accountHolderName": "Up Marden Farms Ltd", "sortCode": "12-34-56", "accountNumber": "12345678" }""" },
        { "modules/trading", "{}" },
    };

    [Theory]
    [MemberData(nameof(SingleParts))]
    public async Task ASinglePartRoute_AnswersPut200Item_Delete204_EachWithTheOrganisationsNextETag(string part, string set)
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        var url = $"{Url}/{id}/{part}";

        var put = await staff.SendAsync(Send(HttpMethod.Put, url, set).WithIfMatch(etag));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(JsonValueKind.Object, (await put.JsonAsync()).ValueKind);
        etag = await ShouldBeTheNextETagAsync(staff, id, etag, put);

        var removed = await staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url).WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty(await removed.Content.ReadAsStringAsync());
        await ShouldBeTheNextETagAsync(staff, id, etag, removed);
    }

    /// <summary>State actions on a part answer 200 with the part and the organisation's next ETag.</summary>
    public static TheoryData<string, string, string, string> StateActions => new()
    {
        { "addresses", """{ "kind": "Billing", "line1": "1 Orchard Lane", "city": "Chichester", "postcode": "PO18 9JP", "countryCode": "GB" }""", "primary", "" },
        { "phone-numbers", """{ "label": "Main", "number": "+44 20 7946 0958" }""", "primary", "" },
        { "vat-numbers", """{ "countryCode": "GB", "number": "GB123456789" }""", "check", """{ "result": "Valid", "registeredName": "ORG LTD" }""" },
        { "domains", """{ "hostName": "portal.{unique}.example.com" }""", "primary", "" },
    };

    [Theory]
    [MemberData(nameof(StateActions))]
    public async Task AStateActionOnAPart_Answers200WithThePart_AndTheOrganisationsNextETag(string collection, string create, string action, string body)
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        var unique = Guid.NewGuid().ToString("N");
        // Two of them, so making the second primary changes something.
        var first = await staff.SendAsync(Send(HttpMethod.Post, $"{Url}/{id}/{collection}", create.Replace("{unique}", unique)).WithIfMatch(etag));
        var secondBody = create.Replace("{unique}", unique + "b").Replace("1 Orchard", "9 Orchard").Replace("0958", "0957").Replace("GB123456789", "GB987654321");
        var second = await staff.SendAsync(Send(HttpMethod.Post, $"{Url}/{id}/{collection}", secondBody).WithIfMatch(first.ETag()!));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var itemId = (await second.JsonAsync()).GetProperty("id").GetString();

        var response = await staff.SendAsync(Send(HttpMethod.Post, $"{Url}/{id}/{collection}/{itemId}/{action}", body).WithIfMatch(second.ETag()!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(itemId, (await response.JsonAsync()).GetProperty("id").GetString());
        await ShouldBeTheNextETagAsync(staff, id, second.ETag()!, response);
    }

    /// <summary>The answer's ETag is one past <paramref name="before"/>, and the organisation itself now answers it.</summary>
    private static async Task<string> ShouldBeTheNextETagAsync(HttpClient client, string id, string before, HttpResponseMessage response)
    {
        var expected = $"\"{long.Parse(before.Trim('"')) + 1}\"";
        Assert.Equal(expected, response.ETag());
        Assert.Equal(expected, (await client.GetAsync($"{Url}/{id}")).ETag());
        return expected;
    }

    private static HttpRequestMessage Send(HttpMethod method, string url, string json) =>
        new(method, url) { Content = json.Length == 0 ? null : new StringContent(json, Encoding.UTF8, "application/json") };

    private static async Task<(string Id, string ETag)> CreateOrgAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync(Url, new
        {
            name = $"Org {Guid.NewGuid():N}", billingEmail = $"accounts@{Guid.NewGuid():N}.example", countryCode = "GB",
            owner = new { email = $"owner-{Guid.NewGuid():N}@org.example", givenName = "Olive", familyName = "Owner" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.JsonAsync()).GetProperty("organisation").GetProperty("id").GetString()!, response.ETag()!);
    }
}
