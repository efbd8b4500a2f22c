using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Organisations;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>Bank details as staff add them and an admin reveals them.</summary>
public sealed class BankDetailsJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    /// <summary>A fresh organisation with an owner, made through the real service; returns its id and name.</summary>
    private Task<(Guid Id, string Name)> ArrangeOrganisationAsync(string name) => App.AsAdminAsync(async services =>
    {
        var org = await services.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = name, BillingEmail = "accounts@greenacre.example", CountryCode = "GB",
            Owner = new CreateMember { Email = $"olive.{Guid.NewGuid().ToString("N")[..6]}@greenacre.example", GivenName = "Olive", FamilyName = "Owner" },
        });
        return (org.Organisation.Id, org.Organisation.Name);
    });

    [Fact]
    public async Task Staff_AddBankDetails_SeenMaskedByStaff_RevealedBrieflyToAnAdmin()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (orgId, _) = await ArrangeOrganisationAsync($"Greenacre Bank {suffix}");
        var page = await NewPageAsync();

        var staff = await new SignInPage(page).SignInAs("staff@portal.test");
        await staff.OpenAsync($"/organisations/{orgId}");
        var detail = new OrganisationDetailPage(page);
        await detail.Tab("Billing details").SelectTabAsync();
        var billing = new BillingDetailsTab(page);
        await billing.AddAsync("Greenacre Dairies Ltd", "40 47 84", "3192 6819");
        await Expect(billing.AccountNumber).ToContainTextAsync("••••6819");
        await Expect(billing.SortCode).ToContainTextAsync("••-••-84");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reveal" })).ToHaveCountAsync(0);
        await staff.SignOutAsync();

        var admin = await new SignInPage(page).SignInAs(SignInPage.Admin);
        await admin.OpenAsync($"/organisations/{orgId}");
        await detail.Tab("Billing details").SelectTabAsync();
        await billing.RevealAsync();
        await Expect(billing.AccountNumber).ToHaveTextAsync("31926819");
        await Expect(billing.SortCode).ToHaveTextAsync("40-47-84");
        await Expect(billing.History).ToContainTextAsync("Revealed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hide now" }).ClickAsync();
        await Expect(billing.AccountNumber).ToContainTextAsync("••••6819");
    }
}
