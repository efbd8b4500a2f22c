using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>The Billing details tab: billing email and advance-pay bank details.</summary>
public sealed class BillingDetailsTab(IPage page)
{
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);
    public ILocator SortCode => page.GetByTestId("sort-code");
    public ILocator AccountNumber => page.GetByTestId("account-number");
    public ILocator History => page.Locator("[aria-label=History]");

    public async Task AddAsync(string holder, string sortCode, string accountNumber)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add bank details" }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Dialog.GetByLabel("Account holder name", new() { Exact = true }).FillAsync(holder);
        await Dialog.GetByLabel("Sort code", new() { Exact = true }).FillAsync(sortCode);
        await Dialog.GetByLabel("Account number", new() { Exact = true }).FillAsync(accountNumber);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Save bank details" }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
    }

    public Task RevealAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
}
