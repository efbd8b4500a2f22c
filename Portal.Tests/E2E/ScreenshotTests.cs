using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>Full-page screenshots of every screen at desktop and phone widths, for a person to look at (Portal.Tests/E2E/screenshots).</summary>
public sealed class ScreenshotTests(PortalAppFixture app) : E2ETest(app)
{
    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task EveryScreen_RendersAtWidth(int width, int height)
    {
        var page = await NewPageAsync(width, height);
        var shots = new List<string>();
        async Task Shot(string name)
        {
            var path = Path.Combine(PortalAppFixture.ScreenshotFolder(), $"{name}-{width}.png");
            await page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
            shots.Add(path);
        }

        var signIn = await new SignInPage(page).OpenAsync();
        await Shot("sign-in");

        var shell = await signIn.SignInAs(SignInPage.Admin);
        await Expect(page.GetByText("Staff users by role")).ToBeVisibleAsync();
        await Shot("dashboard");

        var users = await new StaffUsersPage(page).OpenAsync();
        await users.WaitForRowsAsync();
        await Shot("staff-users");

        await users.OpenUserAsync("Sam Staff");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Shot("staff-user-detail");

        var keys = await new ApiKeysPage(page).OpenAsync();
        var key = await keys.CreateKey($"Screenshot {width}");
        Assert.StartsWith("ptl_", key);
        await Shot("api-keys");

        await shell.OpenAsync("/admin/audit");
        await Expect(page.GetByRole(AriaRole.Table).GetByText("ApiKey").First).ToBeVisibleAsync();
        await Shot("audit");

        await shell.OpenAsync("/admin/outbox");
        await Expect(page.GetByRole(AriaRole.Table).GetByText("Welcome to Portal")).ToBeVisibleAsync();
        await Shot("outbox");

        Assert.All(shots, s => Assert.True(new FileInfo(s).Length > 5_000, $"{s} looks empty"));
    }
}
