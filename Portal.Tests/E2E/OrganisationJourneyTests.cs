using Microsoft.Playwright;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

public sealed class OrganisationJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    [Fact]
    public async Task Staff_CreatesAndActivatesAnOrganisation_AdminSeesTheWelcomeEmailAndHistory_ViewerCannotChangeIt()
    {
        var page = await NewPageAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = $"Orchard Growers {suffix}";
        var ownerEmail = $"olive.{suffix}@orchard.example";

        var shell = await new SignInPage(page).SignInAs("staff@portal.test");
        await shell.MainNav.GetByRole(AriaRole.Link, new() { Name = "Organisations" }).ClickAsync();
        var list = new OrganisationsPage(page);
        await Expect(list.Heading).ToHaveTextAsync("Organisations");
        await list.WaitUntilInteractiveAsync();

        // Bad input first: the dialog stays open and says what is wrong under each field.
        await list.OpenCreateDialogAsync();
        await list.FillAndCreateAsync(" ", "not-an-email", "Olive", "Owner", "olive@");
        await Expect(list.Dialog.GetByText("Enter the organisation's name.")).ToBeVisibleAsync();
        await Expect(list.Dialog.GetByText("Enter an email address like name@example.com.")).ToHaveCountAsync(2);
        Assert.EndsWith(OrganisationsPage.Path, page.Url);

        // Then good input: the new organisation's page opens, pending, with its owner.
        await list.FillAndCreateAsync(name, $"accounts@{suffix}.orchard.example", "Olive", "Owner", ownerEmail);
        await page.WaitForURLAsync(OrganisationDetailPage.UrlPattern);
        var detail = new OrganisationDetailPage(page);
        await Expect(detail.Heading).ToHaveTextAsync(name);
        var orgUrl = page.Url;

        // Creating it again under another spelling warns before saving anything; the person opens the existing one instead.
        await list.OpenAsync();
        await list.OpenCreateDialogAsync();
        await list.FillAndCreateAsync($"{name.ToUpperInvariant()} Ltd", $"billing@{suffix}.elsewhere.example", "Oscar", "Owner", $"oscar@{suffix}.elsewhere.example");
        await Expect(list.Dialog.GetByText("This looks like an organisation Portal already has")).ToBeVisibleAsync();
        await Expect(list.Dialog.Locator("[aria-label='Likely duplicates']")).ToContainTextAsync("same name");
        await list.Dialog.GetByRole(AriaRole.Button, new() { Name = $"Open {name}" }).ClickAsync();
        await page.WaitForURLAsync(orgUrl);
        await Expect(list.Dialog).ToHaveCountAsync(0);
        await Expect(detail.Heading).ToHaveTextAsync(name);

        // Found again by search on the list.
        await list.OpenAsync();
        detail = await list.OpenOrganisationAsync(name);
        await Expect(detail.Overview).ToContainTextAsync(ownerEmail);
        await Expect(detail.Action("Suspend")).ToHaveCountAsync(0);

        var confirmation = await detail.ActivateAsync();
        Assert.Contains("welcome email", confirmation);
        await Expect(detail.Action("Activate")).ToHaveCountAsync(0);
        await Expect(detail.Action("Suspend")).ToBeVisibleAsync();

        // Staff ask someone to complete an application; the request is listed in its tab with its short code.
        await detail.Tab("Application requests").SelectTabAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        var requestDialog = page.GetByRole(AriaRole.Dialog);
        await requestDialog.GetByLabel("Email").FillAsync($"ann.{suffix}@applicant.example");
        await requestDialog.GetByLabel("Page to complete").FillAsync("https://app.rayt.io/form/identity");
        await requestDialog.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(requestDialog).ToHaveCountAsync(0);
        var requestRow = page.Locator("[aria-label='Application requests'] tbody tr").Filter(new() { HasText = $"ann.{suffix}@applicant.example" });
        await Expect(requestRow).ToContainTextAsync("Sent");
        await Expect(requestRow.Locator("code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[2-9A-HJKMNP-Z]{8}$"));
        await Expect(requestRow.GetByRole(AriaRole.Button, new() { Name = "Resend", Exact = false })).ToBeVisibleAsync();
        await detail.SignOutAsync();

        // An Admin sees the welcome email in the outbox and the activation in the organisation's history.
        var admin = await new SignInPage(page).SignInAs(SignInPage.Admin);
        await admin.OpenAsync("/admin/outbox");
        await page.GetByLabel("Search recipient or subject").FillAsync(ownerEmail);
        await Expect(page.GetByRole(AriaRole.Table).GetByText($"Welcome: {name} is now active")).ToBeVisibleAsync();
        await admin.OpenAsync(orgUrl);
        await detail.Tab("History").SelectTabAsync();
        await Expect(page.GetByRole(AriaRole.Table).GetByText("Pending → Active")).ToBeVisibleAsync();
        await admin.SignOutAsync();

        // A Viewer reads it but is offered nothing that changes it.
        var viewer = await new SignInPage(page).SignInAs("viewer@portal.test");
        await viewer.OpenAsync(orgUrl);
        await Expect(detail.Overview).ToContainTextAsync(ownerEmail);
        await Expect(detail.Actions.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await detail.Tab("Members").SelectTabAsync();
        await Expect(page.GetByRole(AriaRole.Table).GetByText(ownerEmail)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add member" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Make owner" })).ToHaveCountAsync(0);
        await viewer.OpenAsync(OrganisationsPage.Path);
        await Expect(list.Grid).ToBeVisibleAsync();
        await Expect(list.NewButton).ToHaveCountAsync(0);
    }
}
