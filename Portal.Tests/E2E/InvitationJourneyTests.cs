using Portal.Domain.Outbox;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>Invitations as staff send them and invitees accept them; the axe check and screenshots of the Billing details tab, the pending invitations and the join page.</summary>
public sealed partial class InvitationJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    /// <summary>A fresh organisation with an owner, made through the real service; returns its id and name.</summary>
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

    /// <summary>The path of the join link in the newest email to <paramref name="to"/>, as the invitee would click it.</summary>
    private Task<string> JoinPathSentToAsync(string to) => App.AsAdminAsync(async services =>
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var email = await db.OutboxEmails.Where(e => e.To == to).OrderByDescending(e => e.Id).FirstAsync();
        return JoinPath().Match(email.Revealed(services.GetRequiredService<OutboxSecretProtector>())).Value;
    });

    [GeneratedRegex(@"/invitations/accept/[A-Za-z0-9_-]{43}")]
    private static partial Regex JoinPath();

    [Fact]
    public async Task Staff_InvitesSomeone_TheyJoinFromTheEmailedLink_AndTheLinkThenSaysItIsUsed()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (orgId, orgName) = await ArrangeOrganisationAsync($"Greenacre Dairies {suffix}");
        var inviteeEmail = $"bea.{suffix}@greenacre.example";
        var page = await NewPageAsync();

        var shell = await new SignInPage(page).SignInAs("staff@portal.test");
        await shell.OpenAsync($"/organisations/{orgId}");
        var detail = new OrganisationDetailPage(page);
        await detail.Tab("Members").SelectTabAsync();
        var invitations = new InvitationsPanel(page);
        await Expect(invitations.Pending).ToContainTextAsync("No pending invitations");
        await invitations.InviteAsync(inviteeEmail, "Bea");
        await Expect(invitations.Pending).ToContainTextAsync(inviteeEmail);
        await Expect(invitations.Pending).ToContainTextAsync("in 7 days");

        // The invitee opens the emailed link in their own browser: nobody is signed in there.
        var path = await JoinPathSentToAsync(inviteeEmail);
        var inviteePage = await NewPageAsync(390, 844);
        var join = await new JoinPage(inviteePage).OpenAsync(path);
        await Expect(join.Heading).ToHaveTextAsync($"Join {orgName}");
        await Expect(inviteePage.GetByLabel("First name", new() { Exact = true })).ToHaveValueAsync("Bea");
        await join.AcceptAsync("Beatrice", "Baker");
        await Expect(join.Heading).ToHaveTextAsync($"Welcome to {orgName}");

        // Staff see the new member, and the invitation is no longer pending.
        await shell.OpenAsync($"/organisations/{orgId}");
        await detail.Tab("Members").SelectTabAsync();
        await Expect(page.Locator("[aria-label=Members]")).ToContainTextAsync("Beatrice Baker");
        await Expect(page.Locator("[aria-label=Members]")).ToContainTextAsync(inviteeEmail);
        await Expect(invitations.Pending).Not.ToContainTextAsync(inviteeEmail);

        // The same link a second time, as a /join/ link sent before the one invitee page: redirected, used up, and it says so.
        var againPage = await NewPageAsync();
        var again = await new JoinPage(againPage).OpenAsync(path.Replace("/invitations/accept/", "/join/"));
        await Expect(again.Heading).ToHaveTextAsync("This invitation has already been used");
        Assert.Contains(path, againPage.Url);
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task BillingDetailsTab_AndJoinPage_HaveNoSeriousAxeViolations_AndAreScreenshotted(int width, int height)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (orgId, _) = await ArrangeOrganisationAsync($"Greenacre Dairies {suffix}");
        var inviteeEmail = $"bea.{suffix}@greenacre.example";
        await App.AsAdminAsync(async services =>
        {
            var org = await services.GetRequiredService<OrganisationService>().GetAsync(orgId);
            await services.GetRequiredService<OrganisationBankDetailsService>().SetAsync(orgId, new UpdateBankDetails
            {
                AccountHolderName = "Greenacre Dairies Ltd", BankName = "Barclays", SortCode = "40-47-84", AccountNumber = "31926819", Version = org.Organisation.Version,
            });
            return await services.GetRequiredService<OrganisationInvitationService>().InviteAsync(orgId, new CreateInvitation { Email = inviteeEmail, GivenName = "Bea" });
        });
        var problems = new List<string>();
        var page = await NewPageAsync(width, height);

        var admin = await new SignInPage(page).SignInAs(SignInPage.Admin);
        await admin.OpenAsync($"/organisations/{orgId}");
        await new OrganisationDetailPage(page).Tab("Billing details").SelectTabAsync();
        var billing = new BillingDetailsTab(page);
        await Expect(billing.AccountNumber).ToContainTextAsync("••••6819");
        await Expect(billing.History).ToContainTextAsync("Created");
        await CheckAsync(page, "billing-details", problems);
        await ShotAsync(page, "organisation-billing-details", width);

        await new OrganisationDetailPage(page).Tab("Members").SelectTabAsync();
        await Expect(new InvitationsPanel(page).Pending).ToContainTextAsync(inviteeEmail);
        await CheckAsync(page, "members-with-invitations", problems);
        await ShotAsync(page, "organisation-members-invitations", width);

        var joinPage = await NewPageAsync(width, height);
        var join = await new JoinPage(joinPage).OpenAsync(await JoinPathSentToAsync(inviteeEmail));
        await Expect(join.Heading).ToContainTextAsync("Join Greenacre Dairies");
        await CheckAsync(joinPage, "join", problems);
        await ShotAsync(joinPage, "join", width);
        await new JoinPage(joinPage).OpenAsync("/join/no-such-link");
        await Expect(join.Heading).ToHaveTextAsync("This invitation link is not valid");
        await CheckAsync(joinPage, "join-invalid", problems);
        await ShotAsync(joinPage, "join-invalid", width);

        Assert.True(problems.Count == 0, "axe found serious/critical violations:\n" + string.Join("\n", problems));
    }

    private static Task ShotAsync(IPage page, string name, int width)
    {
        Assert.Equal(width, page.ViewportSize?.Width);
        return Screenshots.TakeAsync(page, name);
    }

    private static async Task CheckAsync(IPage page, string name, List<string> problems) =>
        problems.AddRange(await AxeCheck.ProblemsAsync(page, name));
}
