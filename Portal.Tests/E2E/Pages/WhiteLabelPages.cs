using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>The Domains tab of /organisations/{id}: the table, and the add dialog with its field messages.</summary>
public sealed class WhiteLabelDomainsTab(IPage page) : PortalPage(page)
{
    public ILocator Panel => Page.GetByRole(AriaRole.Tabpanel, new() { Name = "Domains" });
    public ILocator Table => Panel.GetByRole(AriaRole.Table);
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);
    public ILocator AddButton => Page.GetByRole(AriaRole.Button, new() { Name = "Add domain", Exact = true });

    public async Task<WhiteLabelDomainsTab> OpenAsync()
    {
        await new OrganisationDetailPage(Page).Tab("Domains").SelectTabAsync();
        await Expect(Table).ToBeVisibleAsync();
        return this;
    }

    public ILocator Row(string host) => Table.GetByRole(AriaRole.Row).Filter(new() { HasText = host });

    public ILocator HostLink(string host) => Table.GetByRole(AriaRole.Link, new() { NameRegex = new(System.Text.RegularExpressions.Regex.Escape(host)) });

    public async Task OpenAddDialogAsync()
    {
        await AddButton.ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
    }

    public async Task CancelDialogAsync()
    {
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
    }

    /// <summary>Fills the open dialog and presses Add domain; the dialog stays open when the domain is refused.</summary>
    public async Task FillAndAddAsync(string host, string colour)
    {
        await Dialog.GetByLabel("Host name", new() { Exact = true }).FillAsync(host);
        await Dialog.GetByLabel("Theme colour", new() { Exact = true }).FillAsync(colour);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Add domain", Exact = true }).ClickAsync();
    }
}
