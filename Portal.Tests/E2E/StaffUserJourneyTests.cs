using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

public sealed class StaffUserJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    [Fact]
    public async Task Admin_CreatesStaffUser_AfterFixingInput_AndTheNewUserSeesNoAdminArea()
    {
        var page = await NewPageAsync();
        var shell = await new SignInPage(page).SignInAs(SignInPage.Admin);
        await Expect(shell.AdminNavGroup).ToBeVisibleAsync();

        var users = new StaffUsersPage(page);
        await users.OpenAsync();
        await users.WaitForRowsAsync();

        // Bad input first: the dialog stays open and says what is wrong under each field.
        await users.OpenCreateDialogAsync();
        await users.FillAndCreateAsync(name: " ", email: "not-an-email", password: "short");
        await Expect(users.Dialog.GetByText("Enter an email address like name@example.com.")).ToBeVisibleAsync();
        await Expect(users.Dialog.GetByText("Enter a name.")).ToBeVisibleAsync();
        await Expect(users.Dialog.GetByText("A password needs at least 12 characters.")).ToBeVisibleAsync();
        Assert.Matches(@"/admin/staff-users$", page.Url);

        // Then good input: the new user's page opens.
        var email = $"e2e.{Guid.NewGuid():N}"[..16] + "@portal.test";
        const string password = "Fresh-Start-2026x";
        await users.FillAndCreateAsync("Erin Endtoend", email, password);
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/admin/staff-users/[0-9a-f-]{36}$"));
        var detail = new StaffUserDetailPage(page);
        await Expect(detail.Heading).ToHaveTextAsync("Erin Endtoend");
        await Expect(page.GetByText(email)).ToBeVisibleAsync();

        await detail.SignOutAsync();

        // The new Staff user signs in: no Admin navigation, and admin pages are refused.
        var staff = await new SignInPage(page).SignInAs(email, password);
        await Expect(staff.MainNav.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Expect(staff.AdminNavGroup).ToHaveCountAsync(0);
        await Expect(staff.MainNav.GetByRole(AriaRole.Link, new() { Name = "Staff users" })).ToHaveCountAsync(0);

        await staff.OpenAsync(StaffUsersPage.Path);
        await Expect(staff.AccessDenied).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "New staff user" })).ToHaveCountAsync(0);
    }
}
