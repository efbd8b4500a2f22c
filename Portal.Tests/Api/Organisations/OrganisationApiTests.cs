using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Organisations;

/// <summary>/api/v1/organisations: roles, validation, lifecycle conflicts, lost-update protection and list queries.</summary>
public sealed class OrganisationApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private const string Url = "/api/v1/organisations";

    // Each its own number and billing domain: a create that looks like an existing organisation is a 409 (tested below).
    private static object NewOrg(string? name = null, string country = "GB", bool owner = true) => new
    {
        name = name ?? $"Org {Guid.NewGuid():N}",
        billingEmail = $"accounts@{Guid.NewGuid():N}.example",
        countryCode = country,
        companyNumber = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        owner = owner ? new { email = $"owner-{Guid.NewGuid():N}@org.example", givenName = "Olive", familyName = "Owner" } : null,
    };

    private async Task<(JsonElement Org, string ETag)> CreateAsync(HttpClient client, object? body = null)
    {
        var response = await client.PostAsJsonAsync(Url, body ?? NewOrg());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.JsonAsync()).GetProperty("organisation"), response.ETag()!);
    }

    [Fact]
    public async Task WithoutCredentials_Is401()
    {
        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync(Url)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AViewer_ReadsButCannotWrite()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (org, _) = await CreateAsync(staff);
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"{Url}/{org.GetProperty("id")}")).StatusCode);
        await (await viewer.PostAsJsonAsync(Url, NewOrg())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.SendAsync(Post($"{Url}/{org.GetProperty("id")}/activate").WithIfMatch("\"1\""))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Warehouse_HasNoAccess()
    {
        using var warehouse = await factory.ClientWithRoleAsync(Roles.Warehouse);
        await (await warehouse.GetAsync(Url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_Is201WithLocationAndETag_StatusAsText()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var response = await staff.PostAsJsonAsync(Url, NewOrg("Up Marden Farms Ltd"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var id = body.GetProperty("organisation").GetProperty("id").GetString();
        Assert.Equal($"/api/v1/organisations/{id}", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal("Pending", body.GetProperty("organisation").GetProperty("status").GetString());
        Assert.Equal(["Activate", "Archive"], body.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Create_WithBadInput_Is400WithFieldErrors()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var response = await staff.PostAsJsonAsync(Url, new
        {
            name = new string('x', 1000), billingEmail = "not-an-email", countryCode = "ZZ",
            owner = new { email = "nope", givenName = "" },
        });
        await response.ShouldHaveFieldErrorsAsync("name", "billingEmail", "countryCode", "owner.email", "owner.givenName");
    }

    [Fact]
    public async Task Get_UnknownOrNonGuidId_Is404()
    {
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        await (await viewer.GetAsync($"{Url}/{Guid.CreateVersion7()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"{Url}/not-a-guid")).StatusCode);
    }

    [Fact]
    public async Task Activate_ThenSuspendingTwice_Is409WithCode()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (org, etag) = await CreateAsync(staff);
        var id = org.GetProperty("id").GetString();

        var activated = await staff.SendAsync(Post($"{Url}/{id}/activate").WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        var suspended = await staff.SendAsync(Post($"{Url}/{id}/suspend", new { reason = "Unpaid invoices" }).WithIfMatch(activated.ETag()!));
        Assert.Equal("Suspended", (await suspended.JsonAsync()).GetProperty("organisation").GetProperty("status").GetString());

        var again = await staff.SendAsync(Post($"{Url}/{id}/suspend", new { reason = "Again" }).WithIfMatch(suspended.ETag()!));
        var problem = await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("organisation.not_active", problem.Code());
    }

    [Fact]
    public async Task Activate_OnAnActiveOrganisation_Is200WithTheSameETag_NotA409()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (org, etag) = await CreateAsync(staff);
        var id = org.GetProperty("id").GetString();
        var activated = await staff.SendAsync(Post($"{Url}/{id}/activate").WithIfMatch(etag));

        var again = await staff.SendAsync(Post($"{Url}/{id}/activate").WithIfMatch(activated.ETag()!));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(activated.ETag(), again.ETag()); // the welcome goes out again; nothing else changes
        Assert.Equal("Active", (await again.JsonAsync()).GetProperty("organisation").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Activate_WithoutAnOwner_Is409NoOwner()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (org, etag) = await CreateAsync(staff, NewOrg(owner: false));
        var response = await staff.SendAsync(Post($"{Url}/{org.GetProperty("id")}/activate").WithIfMatch(etag));
        Assert.Equal("organisation.no_owner", (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Code());
    }

    [Fact]
    public async Task Suspend_WithoutAReason_Is400OnReason()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (org, etag) = await CreateAsync(staff);
        var id = org.GetProperty("id").GetString();
        var activated = await staff.SendAsync(Post($"{Url}/{id}/activate").WithIfMatch(etag));

        var response = await staff.SendAsync(Post($"{Url}/{id}/suspend", new { reason = "" }).WithIfMatch(activated.ETag()!));

        await response.ShouldHaveFieldErrorsAsync("reason");
    }

    [Fact]
    public async Task Update_WithAStaleIfMatch_Is412_AndTheOtherEditStays()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (org, etag) = await CreateAsync(staff);
        var id = org.GetProperty("id").GetString();
        var first = await staff.SendAsync(Put($"{Url}/{id}", new { name = "First edit", billingEmail = "a@b.example", countryCode = "GB" }).WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await staff.SendAsync(Put($"{Url}/{id}", new { name = "Second edit", billingEmail = "a@b.example", countryCode = "NL" }).WithIfMatch(etag));

        Assert.Equal("concurrency.stale", (await second.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).Code());
        var stored = await (await staff.GetAsync($"{Url}/{id}")).JsonAsync();
        Assert.Equal("First edit", stored.GetProperty("organisation").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Activate_WithoutIfMatch_Is428()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (org, _) = await CreateAsync(staff);
        var response = await staff.SendAsync(Post($"{Url}/{org.GetProperty("id")}/activate"));
        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task MembersAndOwner_CanBeManaged()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var (org, etag) = await CreateAsync(staff);
        var id = org.GetProperty("id").GetString();

        var added = await staff.SendAsync(Post($"{Url}/{id}/members", new { email = "bea@org.example", givenName = "Bea", familyName = "Baker", role = "Admin" }).WithIfMatch(etag));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var bea = await added.JsonAsync();
        Assert.Equal(("bea@org.example", "Admin"), (bea.GetProperty("email").GetString(), bea.GetProperty("role").GetString()));
        Assert.Equal($"{Url}/{id}/members/{bea.GetProperty("id").GetString()}", added.Headers.Location?.ToString());
        var read = await staff.GetAsync(added.Headers.Location);
        Assert.Equal(added.ETag(), read.ETag());
        Assert.Equal("bea@org.example", (await read.JsonAsync()).GetProperty("email").GetString());

        var owner = await staff.SendAsync(Put($"{Url}/{id}/owner", new { memberId = bea.GetProperty("id").GetGuid() }).WithIfMatch(added.ETag()!));
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal("bea@org.example", (await owner.JsonAsync()).GetProperty("organisation").GetProperty("ownerEmail").GetString());

        var duplicate = await staff.SendAsync(Post($"{Url}/{id}/members", new { email = "BEA@org.example", givenName = "Bea" }).WithIfMatch(owner.ETag()!));
        await duplicate.ShouldHaveFieldErrorsAsync("email");
    }

    [Fact]
    public async Task List_FiltersSortsAndPages_AgainstASeededSet()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await factory.AsAdminAsync(async sp =>
        {
            var orgs = sp.GetRequiredService<OrganisationService>();
            for (var i = 0; i < 12; i++)
            {
                var created = await orgs.CreateAsync(new CreateOrganisation
                {
                    ConfirmedNotDuplicate = true,
                    Name = $"{tag} Farm {i:00}", BillingEmail = "a@b.example", CountryCode = i % 2 == 0 ? "NL" : "FR", IsVetted = i % 3 == 0,
                    Owner = new CreateMember { Email = $"o{i}@{tag}.example", GivenName = "O" },
                });
                if (i < 4) await orgs.ActivateAsync(created.Organisation.Id, created.Organisation.Version);
            }
            return true;
        });
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        var page = await (await viewer.GetAsync($"{Url}?q={tag}&country=NL&sort=-name&pageSize=4&page=1")).JsonAsync();
        Assert.Equal(6, page.GetProperty("total").GetInt32());
        Assert.Equal([$"{tag} Farm 10", $"{tag} Farm 08", $"{tag} Farm 06", $"{tag} Farm 04"],
            page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()));

        var active = await (await viewer.GetAsync($"{Url}?q={tag}&status=Active")).JsonAsync();
        Assert.Equal(4, active.GetProperty("total").GetInt32());

        var vetted = await (await viewer.GetAsync($"{Url}?q={tag}&vetted=true&country=FR")).JsonAsync();
        Assert.Equal([$"{tag} Farm 03", $"{tag} Farm 09"], vetted.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()));

        await (await viewer.GetAsync($"{Url}?sort=secret")).ShouldHaveFieldErrorsAsync("sort");
        await (await viewer.GetAsync($"{Url}?pageSize=1000")).ShouldHaveFieldErrorsAsync("pageSize");
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.GetAsync($"{Url}?status=Sleeping")).StatusCode);
    }

    [Fact]
    public async Task Export_StreamsTheFilteredList_AsCsv()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        await CreateAsync(staff, NewOrg($"{tag} Alpha", "NL"));
        await CreateAsync(staff, NewOrg($"{tag} Beta", "FR"));
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        var response = await viewer.GetAsync($"{Url}/export?q={tag}&country=NL");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.StartsWith("id,name,tradingName,billingEmail", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains($"{tag} Alpha", lines[1]);
        await (await viewer.GetAsync($"{Url}/export?sort=secret")).ShouldHaveFieldErrorsAsync("sort");
    }

    [Fact]
    public async Task Create_LikeAnExistingOrganisation_Is409WithTheCandidates_UnlessConfirmed()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var domain = $"{Guid.NewGuid():N}.example";
        var (existing, _) = await CreateAsync(staff, new { name = $"Rowan {Guid.NewGuid():N}", billingEmail = $"accounts@{domain}", countryCode = "GB" });
        var alike = new { name = $"Holly {Guid.NewGuid():N}", billingEmail = $"invoices@{domain}", countryCode = "NL" };

        var refused = await (await staff.PostAsJsonAsync(Url, alike)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var check = await staff.PostAsJsonAsync($"{Url}/duplicates", alike);
        var confirmed = await staff.PostAsJsonAsync(Url, new { alike.name, alike.billingEmail, alike.countryCode, confirmedNotDuplicate = true });

        Assert.Equal("organisation.possible_duplicate", refused.GetProperty("code").GetString());
        var candidate = Assert.Single(refused.GetProperty("candidates").EnumerateArray());
        Assert.Equal(existing.GetProperty("id").GetString(), candidate.GetProperty("id").GetString());
        Assert.Equal(["BillingEmailDomain"], candidate.GetProperty("matches").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(existing.GetProperty("id").GetString(), Assert.Single((await check.JsonAsync()).EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
    }

    [Fact]
    public async Task TheDuplicateCheck_NeedsCredentials_AndAValidBody_AndAViewerMayRunIt()
    {
        using var anonymous = factory.CreateClient();
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        await (await anonymous.PostAsJsonAsync($"{Url}/duplicates", NewOrg())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await viewer.PostAsJsonAsync($"{Url}/duplicates", new { name = "", billingEmail = "x" })).ShouldHaveFieldErrorsAsync("name", "billingEmail");
        var none = await viewer.PostAsJsonAsync($"{Url}/duplicates", NewOrg());
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Empty((await none.JsonAsync()).EnumerateArray());
    }
}
