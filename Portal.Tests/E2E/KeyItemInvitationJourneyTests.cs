using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Invitations;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// An authorized-signer invitation from the organisation page to a member with the Signer role: the email in the outbox,
/// the invitee's page refusing a wrong secret and accepting the right one, staff completing it. Also the axe check and
/// screenshots of the invitations list, an invitation and the invitee's page.
/// </summary>
public sealed partial class KeyItemInvitationJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    private const string Secret = "amber willow comet delta";

    private Task<(Guid Id, string Name)> ArrangeOrganisationAsync(string name) => App.AsAdminAsync(async services =>
    {
        var org = await services.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = name, BillingEmail = "accounts@greenacre.example", CountryCode = "GB",
            Owner = new CreateMember { Email = $"olive.{Guid.NewGuid().ToString("N")[..6]}@greenacre.example", GivenName = "Olive", FamilyName = "Owner" },
        });
        return (org.Organisation.Id, org.Organisation.Name);
    });

    /// <summary>The accept link in the newest email to <paramref name="to"/> (a key-item link names the invitation only).</summary>
    private Task<string> AcceptLinkSentToAsync(string to) => App.AsAdminAsync(async services =>
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var email = await db.OutboxEmails.Where(e => e.To == to).OrderByDescending(e => e.Id).FirstAsync();
        return AcceptPath().Match(email.TextBody).Value;
    });

    [GeneratedRegex(@"/invitations/accept\?invitation=[0-9a-f-]{36}")]
    private static partial Regex AcceptPath();

    [Fact]
    public async Task Staff_InviteASigner_TheInviteeIsRefusedAWrongSecret_ThenAccepts_StaffComplete_AndTheyAreAMember()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (orgId, _) = await ArrangeOrganisationAsync($"Greenacre Signers {suffix}");
        var email = $"cara.{suffix}@greenacre.example";
        var page = await NewPageAsync();

        var shell = await new SignInPage(page).SignInAs(SignInPage.Admin);
        await shell.OpenAsync($"/organisations/{orgId}");
        var detail = new OrganisationDetailPage(page);
        await detail.Tab("Invitations").SelectTabAsync();
        var tab = new OrganisationInvitationsTab(page);
        await tab.InviteSignerAsync("Cara", $"Núñez{suffix}", email, "4758", Secret, "Jane Doe");
        await Expect(tab.List).ToContainTextAsync("Authorized signer");

        await shell.OpenAsync($"/admin/outbox?q={email}");
        await Expect(page.GetByText(email).First).ToBeVisibleAsync();

        var invitee = await NewPageAsync(390, 844);
        var accept = await new AcceptInvitationPage(invitee).OpenAsync(await AcceptLinkSentToAsync(email));
        await Expect(accept.Heading).ToHaveTextAsync("Accept your invitation");
        await accept.AnswerAsync("cara", $"NUNEZ{suffix}", "4758", "amber willow comet delat");
        await Expect(accept.Alert).ToContainTextAsync("do not match");
        // The refusal keeps the names typed and clears only the secrets; nothing typed is in the address.
        await Expect(invitee.GetByLabel("First name", new() { Exact = true })).ToHaveValueAsync("cara");
        await Expect(invitee.GetByLabel("Last name", new() { Exact = true })).ToHaveValueAsync($"NUNEZ{suffix}");
        await Expect(invitee.GetByLabel("Shared secret", new() { Exact = true })).ToHaveValueAsync("");
        Assert.DoesNotContain("cara", invitee.Url, StringComparison.OrdinalIgnoreCase);
        await accept.AnswerAsync(" Cara ", $"nuñez{suffix}", "4758", Secret);
        await Expect(accept.Heading).ToHaveTextAsync("Invitation accepted");

        var id = await App.AsAdminAsync(async s => (await s.GetRequiredService<InvitationService>().ListAsync(new InvitationsQuery { Email = email })).Items.Single().Id);
        await shell.OpenAsync($"/invitations/{id}");
        await Expect(page.GetByTestId("invitation-state")).ToContainTextAsync("Accepted");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("2 attempts, 1 failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();
        await Expect(page.GetByTestId("invitation-state")).ToContainTextAsync("Completed");

        await shell.OpenAsync($"/organisations/{orgId}");
        await detail.Tab("Members (2)").SelectTabAsync();
        await Expect(page.Locator("[aria-label=Members]")).ToContainTextAsync(email);
        await Expect(page.Locator("[aria-label=Members]")).ToContainTextAsync("Signer");
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task TheInvitationsPages_HaveNoSeriousAxeViolations_AndAreScreenshotted(int width, int height)
    {
        var problems = new List<string>();
        var page = await NewPageAsync(width, height);
        var shell = await new SignInPage(page).SignInAs(SignInPage.Admin);

        await shell.OpenAsync("/invitations?pageSize=10");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        problems.AddRange(await AxeCheck.ProblemsAsync(page, "invitations"));
        await Screenshots.TakeAsync(page, "invitations");

        var locked = await App.AsAdminAsync(async s => (await s.GetRequiredService<InvitationService>().ListAsync(new InvitationsQuery { Queue = InvitationQueues.Suspicious })).Items[0].Id);
        await shell.OpenAsync($"/invitations/{locked}");
        await Expect(page.GetByTestId("invitation-state")).ToBeVisibleAsync();
        problems.AddRange(await AxeCheck.ProblemsAsync(page, "invitation"));
        await Screenshots.TakeAsync(page, "invitation");

        await shell.OpenAsync("/invitations");
        await page.GetByRole(AriaRole.Button, new() { Name = "New invitation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Generate" }).ClickAsync();
        problems.AddRange(await AxeCheck.ProblemsAsync(page, "invitations/new-dialog"));
        await Screenshots.TakeAsync(page, "invitation-new-dialog", fullPage: false);

        var invitee = await NewPageAsync(width, height);
        var accept = await new AcceptInvitationPage(invitee).OpenAsync("/invitations/accept?error=nomatch");
        await Expect(accept.Alert).ToBeVisibleAsync();
        problems.AddRange(await AxeCheck.ProblemsAsync(invitee, "invitation-accept"));
        await Screenshots.TakeAsync(invitee, "invitation-accept");

        Assert.True(problems.Count == 0, "axe found serious/critical violations:\n" + string.Join("\n", problems));
    }
}
