using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// How a page starts: the prerendered rows are on screen before Blazor is loaded (boot.js starts it after the first
/// paint), the circuit then comes up, and nothing on the way breaks the content security policy.
/// </summary>
public sealed class PageStartTests(PortalAppFixture app) : E2ETest(app)
{
    [Fact]
    public async Task SignInListAndDetail_StartWithoutConsoleErrors_OrContentSecurityPolicyViolations()
    {
        var page = await NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);

        var portal = await new SignInPage(page).SignInAs("staff@portal.test");
        await portal.OpenAsync("/organisations");
        await page.Locator("tbody a.row-link").First.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/organisations/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "History" })).ToBeVisibleAsync();

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("/organisations?pageSize=100")]
    [InlineData("/admin/staff-users?pageSize=100")]
    [InlineData("/admin/audit?pageSize=100")]
    public async Task ListOpenedAtItsLargestPage_BecomesInteractive(string path)
    {
        // The circuit starts with the prerendered page as its state: a big page must not drop the connection.
        var page = await NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };

        var portal = await new SignInPage(page).SignInAs(SignInPage.Admin);
        await portal.OpenAsync(path);

        Assert.Empty(errors);
    }

    [Fact]
    public async Task ListOpenedInANewPage_ShowsItsRowsBeforeBlazorIsLoaded_ThenBecomesInteractive()
    {
        var page = await NewPageAsync();
        await new SignInPage(page).SignInAs("staff@portal.test");
        // Hold back blazor.web.js: what shows meanwhile is the prerendered HTML alone.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/_framework/blazor.web.*", async route => { await release.Task; await route.ContinueAsync(); });

        await page.GotoAsync("/organisations?sort=name", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.Locator("tbody a.row-link").First).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => typeof Blazor !== 'undefined'"));
        await Expect(page.Locator("#app-ready")).ToHaveAttributeAsync("data-interactive", "false");

        release.SetResult();
        await Expect(page.Locator("#app-ready")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("tbody a.row-link").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task StaffUsersOpenedInANewPage_ShowTheirRowsBeforeBlazorIsLoaded()
    {
        var page = await NewPageAsync();
        await new SignInPage(page).SignInAs(SignInPage.Admin);
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/_framework/blazor.web.*", async route => { await release.Task; await route.ContinueAsync(); });

        await page.GotoAsync("/admin/staff-users?sort=displayName", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Expect(page.Locator("[data-testid=staff-users-first-page] tbody a.row-link").First).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => typeof Blazor !== 'undefined'"));

        release.SetResult();
        await Expect(page.Locator("#app-ready")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("[data-testid=staff-users-first-page]")).ToHaveCountAsync(0); // the live grid took over
        await Expect(page.Locator("tbody a.row-link").First).ToBeVisibleAsync();
    }
}
