using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

public sealed class DarkModeTests(PortalAppFixture app) : E2ETest(app)
{
    [Fact]
    public async Task DarkMode_IsStoredForTheUser_AndTheServerRendersItAfterAReload()
    {
        var page = await NewPageAsync();
        var shell = await new SignInPage(page).SignInAs("staff@portal.test"); // only this test changes Sam's theme
        await Expect(shell.ThemeToggle).ToHaveAttributeAsync("aria-label", "Switch to dark mode");
        var light = await shell.BackgroundColourAsync();

        await shell.ToggleThemeAsync();
        await Expect(shell.ThemeToggle).ToHaveAttributeAsync("aria-label", "Switch to light mode");
        var dark = await shell.BackgroundColourAsync();
        Assert.Equal("rgb(246, 247, 249)", light); // PortalTheme: light Background #f6f7f9
        Assert.Equal("rgb(22, 26, 32)", dark);     // PortalTheme: dark Background #161a20

        var response = await page.ReloadAsync();
        // The prerendered HTML is already dark: no light flash before the circuit connects.
        var html = await response!.TextAsync();
        Assert.Contains("Switch to light mode", html);
        Assert.Contains("--mud-palette-background: rgba(22,26,32,1)", html);

        await shell.WaitUntilInteractiveAsync();
        await Expect(shell.ThemeToggle).ToHaveAttributeAsync("aria-label", "Switch to light mode");
        Assert.Equal(dark, await shell.BackgroundColourAsync());
    }
}
