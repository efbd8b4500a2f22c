using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

public sealed class AccessibilityTests(PortalAppFixture app) : E2ETest(app)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    [Fact]
    public async Task SignIn_Dashboard_StaffUsers_AndOrganisations_HaveNoSeriousOrCriticalAxeViolations()
    {
        var page = await NewPageAsync();
        var problems = new List<string>();

        var signIn = await new SignInPage(page).OpenAsync();
        await CheckAsync(page, "sign-in", problems);

        var shell = await signIn.SignInAs(SignInPage.Admin);
        await Expect(page.GetByText("Staff users by role")).ToBeVisibleAsync();
        await CheckAsync(page, "dashboard", problems);

        var users = await new StaffUsersPage(page).OpenAsync();
        await users.WaitForRowsAsync();
        await CheckAsync(page, "staff-users", problems);

        var organisations = await new OrganisationsPage(page).OpenAsync();
        var firstOrganisation = organisations.Grid.GetByRole(AriaRole.Link).First;
        await Expect(firstOrganisation).ToBeVisibleAsync();
        await CheckAsync(page, "organisations", problems);

        await firstOrganisation.ClickAsync();
        await Expect(page).ToHaveURLAsync(OrganisationDetailPage.UrlPattern);
        await Expect(new OrganisationDetailPage(page).Overview).ToBeVisibleAsync();
        await CheckAsync(page, "organisation-detail", problems);

        Assert.True(problems.Count == 0, "axe found serious/critical violations:\n" + string.Join("\n", problems));
    }

    private static async Task CheckAsync(IPage page, string name, List<string> problems)
    {
        var result = await page.RunAxe();
        foreach (var v in result.Violations.Where(v => Blocking.Contains(v.Impact)))
            problems.Add($"[{name}] {v.Impact} {v.Id}: {v.Help}\n    " +
                         string.Join("\n    ", v.Nodes.Take(5).Select(n => $"{string.Join(" ", n.Target)} :: {n.Html}")));
    }
}
