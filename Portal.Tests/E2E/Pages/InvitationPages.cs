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

/// <summary>The invitee's static page for a member link, /invitations/accept/{token} (no circuit, no sign-in).</summary>
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
