using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E.Pages;

/// <summary>The command palette over any page: opened with Ctrl+K or the app bar's search button.</summary>
public sealed class CommandPalettePage(IPage page)
{
    public IPage Page { get; } = page;
    public ILocator Dialog => Page.Locator(".command-palette");
    public ILocator Box => Page.GetByRole(AriaRole.Combobox, new() { Name = "Search Portal or type a command" });
    public ILocator Results => Page.GetByRole(AriaRole.Listbox, new() { Name = "Results" });
    public ILocator Selected => Results.Locator("[role=option][aria-selected=true]");
    public ILocator Status => Dialog.GetByRole(AriaRole.Status);
    public ILocator Group(string area) => Results.GetByRole(AriaRole.Group, new() { Name = area });

    /// <summary>Presses Ctrl+K where focus is, and waits for the box to have focus.</summary>
    public async Task<CommandPalettePage> OpenWithKeyboardAsync()
    {
        await Page.Keyboard.PressAsync("Control+k");
        await Expect(Box).ToBeFocusedAsync();
        return this;
    }

    /// <summary>Taps the app bar's search button (phones and tablets).</summary>
    public async Task<CommandPalettePage> OpenWithButtonAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search (Ctrl+K)" }).ClickAsync();
        await Expect(Box).ToBeFocusedAsync();
        return this;
    }

    /// <summary>Types as a person does and waits until every group has answered.</summary>
    public async Task SearchAsync(string text)
    {
        await Box.PressSequentiallyAsync(text);
        await Expect(Box).ToHaveValueAsync(text);
        await Expect(Status).Not.ToContainTextAsync("Searching");
    }
}
