using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>What every page inside the app shell shares: navigation, the app bar (theme toggle, user menu) and the interactivity wait.</summary>
public class PortalPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator MainNav => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
    public ILocator AdminNavGroup => MainNav.GetByRole(AriaRole.Navigation, new() { Name = "Admin", Exact = true });
    public ILocator ThemeToggle => Page.GetByTestId("theme-toggle");
    public ILocator AccessDenied => Page.GetByText("You do not have access to this page");

    /// <summary>Goes to <paramref name="path"/> and waits until the circuit is live (clicks before that are lost).</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitUntilInteractiveAsync();
    }

    public Task WaitUntilInteractiveAsync() =>
        Page.Locator("#app-ready[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async Task ToggleThemeAsync()
    {
        var before = await ThemeToggle.GetAttributeAsync("aria-label");
        await ThemeToggle.ClickAsync();
        await Expect(ThemeToggle).Not.ToHaveAttributeAsync("aria-label", before!);
    }

    /// <summary>The page background as the browser computed it (MudBlazor paints body with --mud-palette-background).</summary>
    public Task<string> BackgroundColourAsync() =>
        Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Banner).Locator("button[aria-haspopup=menu]").ClickAsync(); // the user menu (named after the user)
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.WaitForURLAsync("**/account/sign-in**");
    }
}

public static class TabLocatorExtensions
{
    /// <summary>
    /// Clicks a tab until it is the selected one (three tries). Under a loaded CI machine a click that lands while the
    /// record page draws its tabs again can be lost — seen once in a few runs, never reproduced idle — and a person
    /// would click again; a tab that never opens still fails.
    /// </summary>
    public static async Task SelectTabAsync(this ILocator tab)
    {
        for (var attempt = 1; ; attempt++)
        {
            await tab.ClickAsync();
            try
            {
                await Assertions.Expect(tab).ToHaveAttributeAsync("aria-selected", "true", new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }
}
