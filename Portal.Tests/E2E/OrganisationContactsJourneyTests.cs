using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Organisations;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

public sealed class OrganisationContactsJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    [Fact]
    public async Task Staff_AddsABillingAddressFixingABadPostcode_ThenAddsAVatNumberAndRecordsItsCheck()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var orgId = await App.AsAdminAsync(async services => (await services.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = $"Orchard Growers {suffix}", BillingEmail = $"accounts.{suffix}@orchard.example", CountryCode = "GB",
        })).Organisation.Id);
        var page = await NewPageAsync();

        var shell = await new SignInPage(page).SignInAs("staff@portal.test");
        await shell.OpenAsync($"/organisations/{orgId}");
        var tab = await new OrganisationContactsTab(page).OpenAsync();
        await Expect(tab.BillingAddresses).ToContainTextAsync("No billing address yet");

        // A postcode that is not British: the dialog says what a GB postcode looks like and stays open.
        await tab.StartAddingAddressAsync();
        await tab.FillAndAddAddressAsync("1 Orchard Lane", "Chichester", "12345");
        await Expect(tab.Dialog.GetByText("Enter a GB postcode, like SW1A 1AA.")).ToBeVisibleAsync();
        await Expect(tab.Dialog).ToBeVisibleAsync();

        // Fixed: saved tidied, and as the first billing address it is the primary.
        await tab.Dialog.GetByLabel("Postcode", new() { Exact = true }).FillAsync("po18 9jp");
        await tab.Dialog.GetByRole(AriaRole.Button, new() { Name = "Add address", Exact = true }).ClickAsync();
        await Expect(tab.Dialog).ToHaveCountAsync(0);
        await Expect(tab.BillingAddresses).ToContainTextAsync("PO18 9JP");
        await Expect(tab.BillingAddresses).ToContainTextAsync("Primary");

        // A VAT number as people write it: stored with its prefix, unverified until a check is recorded.
        await tab.AddVatNumberAsync("GB 123 4567 89");
        await Expect(tab.VatRow("GB123456789")).ToContainTextAsync("Unverified");
        await tab.RecordCheckAsync("GB123456789", "Valid", "ORCHARD GROWERS LIMITED");
        var row = tab.VatRow("GB123456789");
        await Expect(row).ToContainTextAsync("Valid");
        await Expect(row).ToContainTextAsync("by staff@portal.test");
        await Expect(row).ToContainTextAsync("Registered to ORCHARD GROWERS LIMITED");

        // It is all there after a reload.
        await shell.OpenAsync($"/organisations/{orgId}");
        await tab.OpenAsync();
        await Expect(tab.BillingAddresses).ToContainTextAsync("1 Orchard Lane");
        await Expect(tab.VatRow("GB123456789")).ToContainTextAsync("Valid");
    }
}
