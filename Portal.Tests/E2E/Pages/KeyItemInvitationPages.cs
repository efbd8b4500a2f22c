using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>The organisation page's Invitations tab and its "Invite an authorized signer" dialog.</summary>
public sealed class OrganisationInvitationsTab(IPage page)
{
    public ILocator List => page.Locator("[aria-label=\"The organisation's invitations\"]");
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public async Task InviteSignerAsync(string first, string last, string email, string id4, string secret, string inviter)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite an authorized signer" }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Dialog.GetByLabel("First name", new() { Exact = true }).FillAsync(first);
        await Dialog.GetByLabel("Last name", new() { Exact = true }).FillAsync(last);
        await Dialog.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await Dialog.GetByLabel("Last 4 digits of their government ID").FillAsync(id4);
        await Dialog.GetByLabel("Shared secret", new() { Exact = true }).FillAsync(secret);
        await Dialog.GetByLabel("Inviter's full name").FillAsync(inviter);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
    }
}

/// <summary>The invitee's static /invitations/accept page (no circuit, no sign-in).</summary>
public sealed class AcceptInvitationPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Alert => page.GetByRole(AriaRole.Alert);

    public async Task<AcceptInvitationPage> OpenAsync(string url)
    {
        await page.GotoAsync(url);
        return this;
    }

    public async Task AnswerAsync(string first, string last, string id4, string secret)
    {
        await page.GetByLabel("First name", new() { Exact = true }).FillAsync(first);
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync(last);
        await page.GetByLabel("Last 4 digits of your government ID").FillAsync(id4);
        await page.GetByLabel("Shared secret", new() { Exact = true }).FillAsync(secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept invitation" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
