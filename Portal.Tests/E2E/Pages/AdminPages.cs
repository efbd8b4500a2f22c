using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>/admin/staff-users: the grid and the "New staff user" dialog.</summary>
public sealed class StaffUsersPage(IPage page) : PortalPage(page)
{
    public const string Path = "/admin/staff-users";

    public ILocator Grid => Page.GetByRole(AriaRole.Table);
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    public async Task<StaffUsersPage> OpenAsync()
    {
        await OpenAsync(Path);
        return this;
    }

    public async Task WaitForRowsAsync() => await Expect(Grid.GetByRole(AriaRole.Link).First).ToBeVisibleAsync();

    public async Task OpenCreateDialogAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "New staff user" }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
    }

    /// <summary>Fills the open dialog and presses Create; the dialog stays open when the input is refused.</summary>
    public async Task FillAndCreateAsync(string name, string email, string password, params string[] roles)
    {
        await Dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Dialog.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        foreach (var role in roles)
            await Dialog.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex($"^{role}\\b") }).CheckAsync();
        await Dialog.GetByLabel("First password", new() { Exact = true }).FillAsync(password);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
    }

    /// <summary>Creates a staff user and lands on their detail page.</summary>
    public async Task<StaffUserDetailPage> CreateUser(string name, string email, string password, params string[] roles)
    {
        await OpenCreateDialogAsync();
        await FillAndCreateAsync(name, email, password, roles);
        await Page.WaitForURLAsync(new Regex(@"/admin/staff-users/[0-9a-f-]{36}$"));
        var detail = new StaffUserDetailPage(Page);
        await Expect(detail.Heading).ToHaveTextAsync(name);
        return detail;
    }

    public async Task<StaffUserDetailPage> OpenUserAsync(string name)
    {
        await Page.GetByLabel("Search name or email").FillAsync(name);
        await Grid.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        var detail = new StaffUserDetailPage(Page);
        await Expect(detail.Heading).ToHaveTextAsync(name);
        return detail;
    }
}

public sealed class StaffUserDetailPage(IPage page) : PortalPage(page)
{
    public ILocator Tab(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name });
}

/// <summary>/admin/api-keys: the grid and the "New API key" dialog, which shows the key once.</summary>
public sealed class ApiKeysPage(IPage page) : PortalPage(page)
{
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);
    public ILocator NewKey => Dialog.GetByTestId("new-api-key");

    public async Task<ApiKeysPage> OpenAsync()
    {
        await OpenAsync("/admin/api-keys");
        await Expect(Page.GetByRole(AriaRole.Table).GetByText("Warehouse scanners")).ToBeVisibleAsync();
        return this;
    }

    /// <summary>Creates a key and leaves the dialog open on the one-time plaintext.</summary>
    public async Task<string> CreateKey(string name)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "New API key" }).ClickAsync();
        await Dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(NewKey).ToBeVisibleAsync();
        return await NewKey.InnerTextAsync();
    }
}
