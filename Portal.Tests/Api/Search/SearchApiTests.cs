using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Search;

/// <summary>GET /api/v1/search: the palette's groups for API clients, with the same role filtering.</summary>
public sealed class SearchApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private async Task<Guid> ArrangeOrganisationAsync(string number) =>
        (await factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = $"Search Api {number}", BillingEmail = "accounts@searchapi.example", CountryCode = "GB", CompanyNumber = number,
        }))).Organisation.Id;

    private static string[] Areas(JsonElement answer) =>
        [.. answer.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("area").GetString()!)];

    [Fact]
    public async Task AViewerKey_FindsAnOrganisationByCompanyNumber_AndNoAdminGroups()
    {
        var id = await ArrangeOrganisationAsync("NI998877");
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        var response = await viewer.GetAsync("/api/v1/search?q=ni998877");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.Equal(["Organisations", "Business units", "Shipments", "Handling lists", "Invitations", "Pricing groups", "Invoices", "Plans", "Agencies", "Agent connections"], Areas(answer)); // every source the role may search, empty or not
        var hit = answer.GetProperty("groups")[0].GetProperty("hits").EnumerateArray().Single();
        Assert.Equal("Organisation", hit.GetProperty("kind").GetString());
        Assert.Equal($"/organisations/{id}", hit.GetProperty("href").GetString());
        Assert.Equal(0, hit.GetProperty("rank").GetInt32());
        Assert.DoesNotContain(answer.GetProperty("actions").EnumerateArray(), a => a.GetProperty("title").GetString() == "New organisation");
    }

    [Fact]
    public async Task AWarehouseKey_GetsNoOrganisations()
    {
        await ArrangeOrganisationAsync("WH112233");
        using var warehouse = await factory.ClientWithRoleAsync(Roles.Warehouse);

        var answer = await (await warehouse.GetAsync("/api/v1/search?q=WH112233")).JsonAsync();

        Assert.Equal(["Shipments", "Handling lists"], Areas(answer));
        Assert.DoesNotContain("WH112233", answer.ToString());
    }

    [Fact]
    public async Task AnAdmin_AlsoGetsStaffUsersAndApiKeys()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var answer = await (await admin.GetAsync("/api/v1/search?q=signed-in")).JsonAsync();

        Assert.Contains("Staff users", Areas(answer));
        Assert.Contains("API keys", Areas(answer));
        Assert.Contains(answer.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("area").GetString() == "Staff users").GetProperty("hits").EnumerateArray(),
            h => h.GetProperty("title").GetString() == "Signed-in Admin");
    }

    [Fact]
    public async Task NoText_NoGroups_EveryActionTheRoleMayUse_TooLongIs400()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);

        var answer = await (await staff.GetAsync("/api/v1/search")).JsonAsync();
        Assert.Empty(answer.GetProperty("groups").EnumerateArray());
        Assert.Contains(answer.GetProperty("actions").EnumerateArray(), a => a.GetProperty("title").GetString() == "New organisation");
        Assert.DoesNotContain(answer.GetProperty("actions").EnumerateArray(), a => a.GetProperty("title").GetString() == "Go to Outbox");

        var tooLong = await staff.GetAsync($"/api/v1/search?q={new string('a', 201)}");
        await tooLong.ShouldHaveFieldErrorsAsync("q");
    }
}
