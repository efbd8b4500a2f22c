using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>The Members tab's invitations: the "Invite by email" dialog and the pending list.</summary>
public sealed class InvitationsPanel(IPage page)
{
    /// <summary>MudTable puts its aria-label on its wrapper, so the list is found by that label.</summary>
    public ILocator Pending => page.Locator("[aria-label='Pending invitations']");
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public async Task InviteAsync(string email, string? givenName = null)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite by email" }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Dialog.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        if (givenName is not null) await Dialog.GetByLabel("First name (optional)", new() { Exact = true }).FillAsync(givenName);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
    }
}

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

/// <summary>The invitee's static /join/{token} page (no circuit, no sign-in).</summary>
public sealed class JoinPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public async Task<JoinPage> OpenAsync(string path)
    {
        await page.GotoAsync(path);
        return this;
    }

    public async Task AcceptAsync(string givenName, string familyName)
    {
        await page.GetByLabel("First name", new() { Exact = true }).FillAsync(givenName);
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync(familyName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept invitation" }).ClickAsync();
        await page.WaitForURLAsync("**joined=true");
    }
}
