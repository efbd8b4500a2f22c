using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Organisations;

/// <summary>/api/v1/organisations/{id}/addresses, /phone-numbers and /vat-numbers: roles, validation, If-Match and the primary rules.</summary>
public sealed class OrganisationContactApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private const string Url = "/api/v1/organisations";

    private static readonly object Billing = new
    {
        kind = "Billing", label = "Head office", line1 = "1 Orchard Lane", city = "Chichester", postcode = "po18 9jp", countryCode = "GB",
    };

    private async Task<(string Id, string ETag)> CreateOrgAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync(Url, new
        {
            name = $"Org {Guid.NewGuid():N}", billingEmail = $"accounts@{Guid.NewGuid():N}.example", countryCode = "GB",
            owner = new { email = $"owner-{Guid.NewGuid():N}@org.example", givenName = "Olive", familyName = "Owner" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.JsonAsync()).GetProperty("organisation").GetProperty("id").GetString()!, response.ETag()!);
    }

    [Fact]
    public async Task WithoutCredentials_Is401()
    {
        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync($"{Url}/{Guid.CreateVersion7()}/addresses")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AddingAnAddress_Is201WithLocationAndTheNextETag_AndTheListHasIt()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);

        var response = await staff.SendAsync(Post($"{Url}/{id}/addresses", Billing).WithIfMatch(etag));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"2\"", response.ETag());
        var address = await response.JsonAsync();
        Assert.Equal("PO18 9JP", address.GetProperty("postcode").GetString());
        Assert.True(address.GetProperty("isPrimary").GetBoolean());
        Assert.Equal("Billing", address.GetProperty("kind").GetString());
        Assert.Equal($"{Url}/{id}/addresses/{address.GetProperty("id").GetString()}", response.Headers.Location?.ToString());

        var item = await staff.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        var list = await staff.GetAsync($"{Url}/{id}/addresses");
        Assert.Equal("\"2\"", list.ETag());
        Assert.Single((await list.JsonAsync()).EnumerateArray());
        Assert.Equal("\"2\"", (await staff.GetAsync($"{Url}/{id}")).ETag()); // the organisation's own version moved
    }

    [Fact]
    public async Task AddressWithBadFields_Is400WithFieldErrors()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);

        var response = await staff.SendAsync(Post($"{Url}/{id}/addresses",
            new { kind = "Billing", line1 = "", city = " ", postcode = "NOT A POSTCODE", countryCode = "ZZ" }).WithIfMatch(etag));

        await response.ShouldHaveFieldErrorsAsync("line1", "city", "countryCode");
    }

    [Fact]
    public async Task ABritishAddressWithAForeignPostcode_Is400OnThePostcode()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        var response = await staff.SendAsync(Post($"{Url}/{id}/addresses",
            new { kind = "Billing", line1 = "1 Orchard Lane", city = "Chichester", postcode = "1012 AB", countryCode = "GB" }).WithIfMatch(etag));
        await response.ShouldHaveFieldErrorsAsync("postcode");
    }

    [Fact]
    public async Task Writes_WithoutIfMatch_Are428_AndWithAStaleOne_Are412()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);

        var missing = await staff.SendAsync(Post($"{Url}/{id}/addresses", Billing));
        Assert.Equal("concurrency.version_required", (await missing.ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired)).Code());

        var added = await staff.SendAsync(Post($"{Url}/{id}/addresses", Billing).WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var stale = await staff.SendAsync(Post($"{Url}/{id}/phone-numbers", new { label = "Main", number = "+44 20 7946 0958" }).WithIfMatch(etag));
        Assert.Equal("concurrency.stale", (await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).Code());
    }

    [Fact]
    public async Task AViewer_ReadsButCannotWrite_AndWarehouseCannotRead()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"{Url}/{id}/vat-numbers")).StatusCode);
        await (await viewer.SendAsync(Post($"{Url}/{id}/addresses", Billing).WithIfMatch(etag))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.SendAsync(Post($"{Url}/{id}/vat-numbers", new { countryCode = "GB", number = "GB123456789" }).WithIfMatch(etag)))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var warehouse = await factory.ClientWithRoleAsync(Roles.Warehouse);
        await (await warehouse.GetAsync($"{Url}/{id}/phone-numbers")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UnknownOrganisationOrItem_Is404()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);

        await (await staff.GetAsync($"{Url}/{Guid.CreateVersion7()}/addresses")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await staff.GetAsync($"{Url}/{id}/vat-numbers/{Guid.CreateVersion7()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var delete = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}/addresses/{Guid.CreateVersion7()}").WithIfMatch(etag);
        await (await staff.SendAsync(delete)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MakingPrimaryAndRemovingThePrimary_FollowTheRules_AndDeleteIs204WithTheNextETag()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        var first = await staff.SendAsync(Post($"{Url}/{id}/phone-numbers", new { label = "Main", number = "+44 20 7946 0958" }).WithIfMatch(etag));
        var second = await staff.SendAsync(Post($"{Url}/{id}/phone-numbers", new { label = "Accounts", number = "+44 (0)20 7946 0959" }).WithIfMatch(first.ETag()!));
        var firstId = (await first.JsonAsync()).GetProperty("id").GetString();
        var secondBody = await second.JsonAsync();
        Assert.Equal("+442079460959", secondBody.GetProperty("number").GetString());
        Assert.False(secondBody.GetProperty("isPrimary").GetBoolean());

        var made = await staff.SendAsync(Post($"{Url}/{id}/phone-numbers/{secondBody.GetProperty("id").GetString()}/primary").WithIfMatch(second.ETag()!));
        Assert.True((await made.JsonAsync()).GetProperty("isPrimary").GetBoolean());

        var removed = await staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}/phone-numbers/{secondBody.GetProperty("id").GetString()}")
            .WithIfMatch(made.ETag()!));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal("\"5\"", removed.ETag());
        var left = Assert.Single((await (await staff.GetAsync($"{Url}/{id}/phone-numbers")).JsonAsync()).EnumerateArray());
        Assert.Equal(firstId, left.GetProperty("id").GetString());
        Assert.True(left.GetProperty("isPrimary").GetBoolean());
    }

    [Fact]
    public async Task APhoneNumberWithoutTheCountryCode_Is400OnTheNumber()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        var response = await staff.SendAsync(Post($"{Url}/{id}/phone-numbers", new { label = "", number = "020 7946 0958" }).WithIfMatch(etag));
        await response.ShouldHaveFieldErrorsAsync("label", "number");
    }

    [Fact]
    public async Task VatNumbers_AreNormalised_CheckedByStaff_AndListedOncePerOrganisation()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);

        var added = await staff.SendAsync(Post($"{Url}/{id}/vat-numbers", new { countryCode = "GB", number = "GB 123 4567 89" }).WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var vat = await added.JsonAsync();
        Assert.Equal("GB123456789", vat.GetProperty("number").GetString());
        Assert.Equal("Unverified", vat.GetProperty("state").GetString());

        var twice = await staff.SendAsync(Post($"{Url}/{id}/vat-numbers", new { countryCode = "GB", number = "123456789" }).WithIfMatch(added.ETag()!));
        await twice.ShouldHaveFieldErrorsAsync("number");

        var check = await staff.SendAsync(Post($"{Url}/{id}/vat-numbers/{vat.GetProperty("id").GetString()}/check",
            new { result = "Valid", registeredName = "ORCHARD GROWERS LIMITED" }).WithIfMatch(added.ETag()!));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var checkedVat = await check.JsonAsync();
        Assert.Equal("Valid", checkedVat.GetProperty("state").GetString());
        Assert.Equal("ORCHARD GROWERS LIMITED", checkedVat.GetProperty("registeredName").GetString());
        Assert.StartsWith("api-key:", checkedVat.GetProperty("checkedBy").GetString());
        Assert.NotEqual(JsonValueKind.Null, checkedVat.GetProperty("checkedAt").ValueKind);
    }

    [Fact]
    public async Task AVatNumberOfTheWrongFormat_OrACheckWithoutAResult_Is400()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);

        var wrong = await staff.SendAsync(Post($"{Url}/{id}/vat-numbers", new { countryCode = "NL", number = "NL123456789" }).WithIfMatch(etag));
        var problem = await wrong.ShouldHaveFieldErrorsAsync("number");
        Assert.Contains("NL123456789B01", problem.GetProperty("errors").GetProperty("number")[0].GetString());

        var added = await staff.SendAsync(Post($"{Url}/{id}/vat-numbers", new { countryCode = "NL", number = "NL851744125B01" }).WithIfMatch(etag));
        var vatId = (await added.JsonAsync()).GetProperty("id").GetString();
        var noResult = await staff.SendAsync(Post($"{Url}/{id}/vat-numbers/{vatId}/check", new { result = "Unverified" }).WithIfMatch(added.ETag()!));
        await noResult.ShouldHaveFieldErrorsAsync("result");
    }

    [Fact]
    public async Task CorrectingAVatNumber_Is200WithTheNextETag_UnverifiedAgain_AndABadOrStaleCorrectionChangesNothing()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        var added = await staff.SendAsync(Post($"{Url}/{id}/vat-numbers", new { countryCode = "GB", number = "GB123456789" }).WithIfMatch(etag));
        var vatUrl = $"{Url}/{id}/vat-numbers/{(await added.JsonAsync()).GetProperty("id").GetString()}";
        var check = await staff.SendAsync(Post($"{vatUrl}/check", new { result = "Valid" }).WithIfMatch(added.ETag()!));

        var bad = await staff.SendAsync(Put(vatUrl, new { countryCode = "GB", number = "GB12" }).WithIfMatch(check.ETag()!));
        await bad.ShouldHaveFieldErrorsAsync("number");
        var stale = await staff.SendAsync(Put(vatUrl, new { countryCode = "GB", number = "GB987654321" }).WithIfMatch(added.ETag()!));
        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);

        var corrected = await staff.SendAsync(Put(vatUrl, new { countryCode = "GB", number = "GB 987 6543 21" }).WithIfMatch(check.ETag()!));
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.NotEqual(check.ETag(), corrected.ETag());
        var vat = await corrected.JsonAsync();
        Assert.Equal(("GB987654321", "Unverified"), (vat.GetProperty("number").GetString(), vat.GetProperty("state").GetString()));

        var listed = await (await staff.GetAsync($"{Url}/{id}/vat-numbers")).JsonAsync();
        Assert.Equal(["GB987654321"], listed.EnumerateArray().Select(v => v.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task ChangingAnArchivedOrganisation_Is409Archived()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (id, etag) = await CreateOrgAsync(staff);
        var archived = await staff.SendAsync(Post($"{Url}/{id}/archive", new { reason = "Closed down" }).WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);

        var response = await staff.SendAsync(Post($"{Url}/{id}/addresses", Billing).WithIfMatch(archived.ETag()!));

        Assert.Equal("organisation.archived", (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
    }
}
