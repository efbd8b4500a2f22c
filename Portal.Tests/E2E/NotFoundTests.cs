using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

public sealed class NotFoundTests(PortalAppFixture app) : E2ETest(app)
{
    [Fact]
    public async Task UnknownAddress_ShowsThePortalNotFoundPage_NotAnEmpty404()
    {
        var page = await NewPageAsync();
        var response = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "We could not find that page" })).ToBeVisibleAsync();
    }
}
