using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Organisations;

/// <summary>/api/v1/organisations/{id}/bank-details: roles, masking, reveal, validation, conflicts and lost-update protection.</summary>
public sealed class BankDetailsApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private static object BankBody(string sortCode = "12 34 56", string accountNumber = "12345678") =>
        new { accountHolderName = "Up Marden Farms Ltd", bankName = "Barclays", sortCode, accountNumber };

    private Task<OrganisationDetails> ArrangeOrgAsync() => factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
    {
        ConfirmedNotDuplicate = true,
        Name = $"Org {Guid.NewGuid():N}", BillingEmail = "accounts@org.example", CountryCode = "GB",
        Owner = new CreateMember { Email = "olive@org.example", GivenName = "Olive", FamilyName = "Owner" },
    }));

    private static string BankUrl(Guid id) => $"/api/v1/organisations/{id}/bank-details";
    private static string InvitationsUrl(Guid id) => $"/api/v1/organisations/{id}/invitations";

    [Fact]
    public async Task BankDetails_WithoutCredentials_Is401()
    {
        var org = await ArrangeOrgAsync();
        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync(BankUrl(org.Organisation.Id))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync(InvitationsUrl(org.Organisation.Id))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task BankDetails_StaffSetsThem_EveryoneReadsThemMasked_OnlyAnAdminRevealsThem()
    {
        var org = (await ArrangeOrgAsync()).Organisation;
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);

        var get = await staff.GetAsync(BankUrl(org.Id));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await get.JsonAsync()).GetProperty("bankDetails").ValueKind);
        var put = await staff.SendAsync(Put(BankUrl(org.Id), BankBody()).WithIfMatch(get.ETag()!));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal($"\"{org.Version + 1}\"", put.ETag());
        var masked = (await put.JsonAsync()).GetProperty("bankDetails");
        Assert.Equal("••-••-56", masked.GetProperty("sortCode").GetString());
        Assert.Equal("••••5678", masked.GetProperty("accountNumber").GetString());

        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        var seen = await (await viewer.GetAsync(BankUrl(org.Id))).Content.ReadAsStringAsync();
        Assert.Contains("••••5678", seen);
        Assert.DoesNotContain("12345678", seen);
        await (await viewer.PostAsync($"{BankUrl(org.Id)}/reveal", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await staff.PostAsync($"{BankUrl(org.Id)}/reveal", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.SendAsync(Put(BankUrl(org.Id), BankBody()).WithIfMatch(put.ETag()!))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        using var admin = await factory.ClientWithRoleAsync(Roles.Admin);
        var reveal = await admin.PostAsync($"{BankUrl(org.Id)}/reveal", null);
        var revealed = await reveal.ReadAsync<RevealedBankDetails>();
        Assert.Equal(("12-34-56", "12345678"), (revealed.SortCode, revealed.AccountNumber));
        reveal.ShouldHaveNoStore();
    }

    [Fact]
    public async Task BankDetails_BadInput_Is400WithFieldErrors()
    {
        var org = (await ArrangeOrgAsync()).Organisation;
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);

        var response = await staff.SendAsync(Put(BankUrl(org.Id), new { accountHolderName = "", sortCode = "12-34", accountNumber = "12ab" }).WithIfMatch($"\"{org.Version}\""));

        await response.ShouldHaveFieldErrorsAsync("accountHolderName", "sortCode", "accountNumber");
    }

    [Fact]
    public async Task BankDetails_ChangesNeedIfMatch_412WhenStale_428WhenMissing_404WhenUnknown()
    {
        var org = (await ArrangeOrgAsync()).Organisation;
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);

        var missing = await (await staff.SendAsync(Put(BankUrl(org.Id), BankBody()))).ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal("concurrency.version_required", missing.Code());
        var put = await staff.SendAsync(Put(BankUrl(org.Id), BankBody()).WithIfMatch($"\"{org.Version}\""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stale = await (await staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, BankUrl(org.Id)).WithIfMatch($"\"{org.Version}\"")))
            .ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("concurrency.stale", stale.Code());
        var removed = await staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, BankUrl(org.Id)).WithIfMatch(put.ETag()!));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal($"\"{org.Version + 2}\"", removed.ETag());
        await (await staff.SendAsync(new HttpRequestMessage(HttpMethod.Delete, BankUrl(org.Id)).WithIfMatch(removed.ETag()!))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await staff.GetAsync(BankUrl(Guid.CreateVersion7()))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BankDetails_OfAnArchivedOrganisation_Are409()
    {
        var org = (await ArrangeOrgAsync()).Organisation;
        var archived = await factory.AsAdminAsync(sp => sp.GetRequiredService<OrganisationService>()
            .ArchiveAsync(org.Id, new ChangeStatus { Reason = "Closed", Version = org.Version }));
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);

        var problem = await (await staff.SendAsync(Put(BankUrl(org.Id), BankBody()).WithIfMatch($"\"{archived.Organisation.Version}\"")))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("organisation.archived", problem.Code());
    }
}
