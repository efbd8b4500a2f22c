using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Organisations;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>The "Addresses & contacts" tab of a demo organisation: axe, and screenshots at desktop and phone widths.</summary>
public sealed class OrganisationContactsTabScreenTests(PortalAppFixture app) : E2ETest(app)
{
    /// <summary>An active demo organisation with billing and shipping addresses, two phone numbers and a checked VAT number.</summary>
    private Task<Guid> FullDemoOrganisationAsync() => App.AsAdminAsync(async services =>
    {
        var orgs = services.GetRequiredService<OrganisationService>();
        var contacts = services.GetRequiredService<OrganisationContactService>();
        var candidates = await orgs.ListAsync(new OrganisationQuery { Country = "GB", Status = OrganisationStatus.Active, PageSize = 200 });
        foreach (var org in candidates.Items)
        {
            var c = await contacts.GetAsync(org.Id);
            if (c.Addresses.Any(a => a.Kind == AddressKind.Shipping) && c.PhoneNumbers.Count == 2
                && c.VatNumbers.Any(v => v.State == VatState.Valid)) return org.Id;
        }
        throw new InvalidOperationException("No demo organisation has every kind of contact detail.");
    });

    [Fact]
    public async Task TheTabAndTheAddressDialog_HaveNoSeriousOrCriticalAxeViolations()
    {
        var orgId = await FullDemoOrganisationAsync();
        var page = await NewPageAsync();
        var shell = await new SignInPage(page).SignInAs("staff@portal.test");
        await shell.OpenAsync($"/organisations/{orgId}");
        var tab = await new OrganisationContactsTab(page).OpenAsync();
        await Expect(tab.VatNumbers).ToBeVisibleAsync();
        var problems = await AxeCheck.ProblemsAsync(page, "contacts-tab");

        await tab.StartAddingAddressAsync();
        problems.AddRange(await AxeCheck.ProblemsAsync(page, "address-dialog"));

        AxeCheck.AssertNone(problems);
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task TheTab_RendersAtWidth(int width, int height)
    {
        var orgId = await FullDemoOrganisationAsync();
        var page = await NewPageAsync(width, height);
        var shell = await new SignInPage(page).SignInAs("staff@portal.test");
        await shell.OpenAsync($"/organisations/{orgId}");
        var tab = await new OrganisationContactsTab(page).OpenAsync();
        await Expect(tab.VatNumbers).ToContainTextAsync("Valid");

        await Screenshots.TakeAsync(page, "organisation-contacts");

        await tab.StartAddingAddressAsync();
        await Screenshots.TakeAsync(page, "organisation-contacts-address-dialog", fullPage: false);
    }

}
