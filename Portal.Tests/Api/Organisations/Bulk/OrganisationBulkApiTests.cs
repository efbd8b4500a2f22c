using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Organisations;

/// <summary>POST /api/v1/organisations/bulk: a filter or ids, the result by reason, and the usual refusals.</summary>
public sealed class OrganisationBulkApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private const string Url = "/api/v1/organisations/bulk";

    private async Task<string> SeedAsync(int count)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await factory.AsAdminAsync(async sp =>
        {
            var orgs = sp.GetRequiredService<OrganisationService>();
            for (var i = 0; i < count; i++)
                await orgs.CreateAsync(new CreateOrganisation
                {
                    ConfirmedNotDuplicate = true,
                    Name = $"{tag} Bulk {i:00}", BillingEmail = "a@b.example", CountryCode = "DE",
                    Owner = i == 0 ? null : new CreateMember { Email = $"o{i}@{tag}.example", GivenName = "O" },
                });
            return true;
        });
        return tag;
    }

    [Fact]
    public async Task ActivateOverAFilter_ChangesTheLegalOnes_AndSaysWhyTheOthersWereLeft()
    {
        var tag = await SeedAsync(4);
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);

        var response = await staff.PostAsJsonAsync(Url, new { action = "Activate", filter = new { q = tag, status = "Pending" } });

        var result = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, result.GetProperty("selected").GetInt32());
        Assert.Equal(3, result.GetProperty("changed").GetInt32());
        var skip = Assert.Single(result.GetProperty("skipped").EnumerateArray());
        Assert.Equal("organisation.no_owner", skip.GetProperty("code").GetString());
        var active = await (await staff.GetAsync($"/api/v1/organisations?q={tag}&status=Active")).JsonAsync();
        Assert.Equal(3, active.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task BadRequests_AreFieldErrors_AViewerIsForbidden()
    {
        var tag = await SeedAsync(1);
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);

        await (await staff.PostAsJsonAsync(Url, new { action = "Suspend", filter = new { q = tag } })).ShouldHaveFieldErrorsAsync("reason");
        await (await staff.PostAsJsonAsync(Url, new { action = "Activate" })).ShouldHaveFieldErrorsAsync("ids");
        await (await staff.PostAsJsonAsync(Url, new { action = "AssignAccountManager", ids = new[] { Guid.NewGuid() } })).ShouldHaveFieldErrorsAsync("accountManagerId");
        await (await staff.PostAsJsonAsync(Url, new { action = "Activate", filter = new { q = tag, pageSize = 0 } })).ShouldHaveFieldErrorsAsync("pageSize");
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync(Url, new { action = "Delete", filter = new { q = tag } })).StatusCode);
        await (await viewer.PostAsJsonAsync(Url, new { action = "Activate", filter = new { q = tag } })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
