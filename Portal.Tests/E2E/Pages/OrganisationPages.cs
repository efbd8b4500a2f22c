using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>/organisations: the grid, its search and the "New organisation" dialog.</summary>
public sealed class OrganisationsPage(IPage page) : PortalPage(page)
{
    public const string Path = "/organisations";

    public ILocator Grid => Page.GetByRole(AriaRole.Table);
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);
    public ILocator NewButton => Page.GetByRole(AriaRole.Button, new() { Name = "New organisation" });
    public ILocator BulkBar => Page.GetByTestId("bulk-bar");

    public async Task<OrganisationsPage> OpenAsync()
    {
        await OpenAsync(Path);
        return this;
    }

    public async Task OpenCreateDialogAsync()
    {
        await NewButton.ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
    }

    /// <summary>Fills the open dialog (the owner section too) and presses Create; the dialog stays open when the input is refused.</summary>
    public async Task FillAndCreateAsync(string name, string billingEmail, string ownerFirstName, string ownerLastName, string ownerEmail)
    {
        await Dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Dialog.GetByLabel("Billing email", new() { Exact = true }).FillAsync(billingEmail);
        await Dialog.GetByLabel("First name", new() { Exact = true }).FillAsync(ownerFirstName);
        await Dialog.GetByLabel("Last name", new() { Exact = true }).FillAsync(ownerLastName);
        await Dialog.GetByLabel("Owner's email", new() { Exact = true }).FillAsync(ownerEmail);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
    }

    public async Task<OrganisationDetailPage> OpenOrganisationAsync(string name)
    {
        await Page.GetByLabel("Search", new() { Exact = true }).FillAsync(name);
        await Grid.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        var detail = new OrganisationDetailPage(Page);
        await Expect(detail.Heading).ToHaveTextAsync(name);
        return detail;
    }
}

/// <summary>/organisations/{id}: header actions, the tabs, and the confirmations the actions ask for.</summary>
public sealed class OrganisationDetailPage(IPage page) : PortalPage(page)
{
    public static readonly Regex UrlPattern = new(@"/organisations/[0-9a-f-]{36}$");

    public ILocator Actions => Page.Locator(".page-actions");
    public ILocator Overview => Page.Locator("dl.facts");

    public ILocator Tab(string name) => Page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex($"^{Regex.Escape(name)}") });

    public ILocator Action(string name) => Actions.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Presses Activate and confirms; returns the confirmation's text.</summary>
    public async Task<string> ActivateAsync()
    {
        await Action("Activate").ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        var text = await dialog.InnerTextAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Activate", Exact = true }).ClickAsync();
        await Expect(Overview).ToContainTextAsync("Active");
        return text;
    }
}
