using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>The "Addresses & contacts" tab of an organisation and its dialogs.</summary>
public sealed class OrganisationContactsTab(IPage page) : PortalPage(page)
{
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);
    public ILocator BillingAddresses => Page.GetByTestId("billing-addresses");
    public ILocator ShippingAddresses => Page.GetByTestId("shipping-addresses");
    public ILocator PhoneNumbers => Page.GetByRole(AriaRole.Region, new() { Name = "Phone numbers", Exact = true });
    public ILocator VatNumbers => Page.GetByRole(AriaRole.Region, new() { Name = "VAT numbers", Exact = true });

    public ILocator VatRow(string number) => VatNumbers.GetByRole(AriaRole.Row).Filter(new() { HasText = number });

    /// <summary>Opens the tab on the organisation page that is showing.</summary>
    public async Task<OrganisationContactsTab> OpenAsync()
    {
        await Page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Addresses & contacts") }).SelectTabAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Addresses", Exact = true })).ToBeVisibleAsync();
        return this;
    }

    public async Task StartAddingAddressAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add address", Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
    }

    /// <summary>Fills the address dialog's required fields and presses "Add address"; the dialog stays open when refused.</summary>
    public async Task FillAndAddAddressAsync(string line1, string city, string postcode)
    {
        await Dialog.GetByLabel("Address line 1", new() { Exact = true }).FillAsync(line1);
        await Dialog.GetByLabel("Town or city", new() { Exact = true }).FillAsync(city);
        await Dialog.GetByLabel("Postcode", new() { Exact = true }).FillAsync(postcode);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Add address", Exact = true }).ClickAsync();
    }

    public async Task AddVatNumberAsync(string number)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add VAT number", Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Dialog.GetByLabel("VAT number", new() { Exact = true }).FillAsync(number);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Add VAT number", Exact = true }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
    }

    /// <summary>Records what VIES or HMRC said about <paramref name="number"/>.</summary>
    public async Task RecordCheckAsync(string number, string result, string registeredName)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Record check of {number}", Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Dialog.GetByText(result, new() { Exact = true }).ClickAsync();
        await Dialog.GetByLabel("Registered name", new() { Exact = true }).FillAsync(registeredName);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Record check", Exact = true }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
    }
}
