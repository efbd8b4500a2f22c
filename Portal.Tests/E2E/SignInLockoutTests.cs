using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

public sealed class SignInLockoutTests(PortalAppFixture app) : E2ETest(app)
{
    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenTheRightPasswordIsThenRefused()
    {
        const string email = "warehouse@portal.test"; // used by no other E2E test (the organisation journey signs in as the viewer)
        var page = await NewPageAsync();
        var signIn = await new SignInPage(page).OpenAsync();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await signIn.SubmitAsync(email, $"Wrong-password-{attempt}");
            await Expect(signIn.Error).ToContainTextAsync("do not match");
        }
        await signIn.SubmitAsync(email, "Wrong-password-5");
        await Expect(signIn.Error).ToBeVisibleAsync();

        await signIn.SubmitAsync(email, SignInPage.DemoPassword);
        await Expect(signIn.Error).ToContainTextAsync("locked");
        Assert.Contains("/account/sign-in", page.Url);

        // Still signed out: the app sends us back to the sign-in page.
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/sign-in**");
    }
}
