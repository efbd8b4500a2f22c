using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Organisations;
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
        async Task Shot(string name) => shots.AddRange(await Screenshots.TakeAsync(page, name, firstScreenToo: true));

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
        await shell.OpenAsync("/admin/audit?security=true");
        await Expect(page.GetByRole(AriaRole.Table).GetByText("Signed in").First).ToBeVisibleAsync();
        await Shot("audit-security-events");

        var orgId = await SeedOrganisationsAsync();
        // Newest first, so the organisations seeded above are on the first page whatever the demo data's names are.
        await shell.OpenAsync("/organisations?sort=-createdAt&pageSize=50");
        var orgs = new OrganisationsPage(page);
        await Expect(orgs.Grid.GetByRole(AriaRole.Link, new() { Name = "Brightwater Logistics Ltd" })).ToBeVisibleAsync();
        await Shot("organisations");

        // Creating one that looks like an organisation Portal has: the candidates, before anything is saved.
        await orgs.OpenCreateDialogAsync();
        await orgs.FillAndCreateAsync("Brightwater Logistics Limited", "invoices@brightwater-logistics.example", "Bea", "Bright", "bea@brightwater-logistics.example");
        await Expect(orgs.Dialog.GetByText("This looks like an organisation Portal already has")).ToBeVisibleAsync();
        await Shot("organisations-duplicate-warning");
        await orgs.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await shell.OpenAsync($"/organisations/{orgId}");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Brightwater");
        await Shot("organisation-detail");
        if (width < 600)
        {
            // One row of tabs that scrolls sideways, not rows of them above the content; the last is reached by scrolling.
            var tabRow = await page.GetByRole(AriaRole.Tablist).BoundingBoxAsync();
            Assert.True(tabRow!.Height < 60, $"the tab row is {tabRow.Height} px high at {width} px: its tabs wrap");
            await page.GetByRole(AriaRole.Tab, new() { Name = "History" }).SelectTabAsync();
            await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "History" })).ToHaveAttributeAsync("aria-selected", "true");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Overview" }).SelectTabAsync();
        }

        // A demo organisation with the longest owner's email of its status: values that do not fit must wrap, not be cut off.
        await shell.OpenAsync($"/organisations/{(await AxeTour.OrganisationsAsync(App))["Active"]}");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("@");
        await Shot("organisation-detail-long-values");
        var detail = new OrganisationDetailPage(page);
        await detail.Tab("Members").SelectTabAsync();
        await Expect(page.Locator("[aria-label=Members]")).ToContainTextAsync("@");
        await Shot("organisation-members-long-values");

        // Application requests in every state (a demo organisation that has them).
        var requestsOf = await App.AsAdminAsync(async services =>
        {
            await using var db = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Portal.Domain.Store.PortalDbContext>>().CreateDbContextAsync();
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
                db.ApplicationRequests.Where(r => r.State == ApplicationRequestState.Complete).Select(r => r.OrganisationId));
        });
        await shell.OpenAsync($"/organisations/{requestsOf}");
        await detail.Tab("Application requests").SelectTabAsync();
        await Expect(page.Locator("[aria-label='Application requests'] tbody tr").First).ToBeVisibleAsync();
        await Shot("organisation-application-requests");

        await shell.OpenAsync("/admin/outbox");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Nth(1)).ToBeVisibleAsync();
        await Shot("outbox");

        Assert.Equal(14 * 2, shots.Count); // each screen whole and its first screenful, each checked by Screenshots.TakeAsync
    }

    /// <summary>A few organisations in different states, once per app (both widths share it); returns the active one's id.</summary>
    private Task<Guid> SeedOrganisationsAsync() => App.AsAdminAsync(async services =>
    {
        var orgs = services.GetRequiredService<OrganisationService>();
        var existing = await orgs.ListAsync(new OrganisationQuery { Q = "Brightwater Logistics" });
        if (existing.Items.Count > 0) return existing.Items[0].Id;
        var manager = (await orgs.AccountManagersAsync()).FirstOrDefault(m => m.DisplayName == "Sam Staff");
        OrganisationDetails? first = null;
        foreach (var (name, trading, country, vetted, activate) in new[]
        {
            ("Brightwater Logistics Ltd", "Brightwater", "GB", true, true),
            ("Molenaar Versmarkt B.V.", null, "NL", true, true),
            ("Fjordline Seafood AS", "Fjordline", "NO", false, false),
            ("Kaffeehaus Lindner GmbH", null, "DE", false, true),
        })
        {
            var created = await orgs.CreateAsync(new CreateOrganisation
            {
                ConfirmedNotDuplicate = true,
                Name = name, TradingName = trading, BillingEmail = $"billing@{name.Split(' ')[0].ToLowerInvariant()}.example",
                CompanyNumber = $"{country}{name.Length * 7919:000000}", CountryCode = country, IsVetted = vetted,
                IsMerchant = vetted, AccountManagerId = manager?.Id,
                Owner = new CreateMember { Email = $"owner@{name.Split(' ')[0].ToLowerInvariant()}.example", GivenName = "Morgan", FamilyName = name.Split(' ')[0] },
            });
            if (activate) created = await orgs.ActivateAsync(created.Organisation.Id, created.Organisation.Version);
            first ??= created;
        }
        await orgs.AddMemberAsync(first!.Organisation.Id, new CreateMember { Email = "ops@brightwater.example", GivenName = "Priya", FamilyName = "Shah", Role = MemberRole.Admin },
            first.Organisation.Version);
        return first.Organisation.Id;
    });
}
