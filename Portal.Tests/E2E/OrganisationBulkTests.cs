using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Organisations;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

public sealed class OrganisationBulkTests(PortalAppFixture app) : E2ETest(app)
{
    [Fact]
    public async Task Staff_ActivatesEverythingAFilterSelects_AndSeesWhatWasLeftAndWhy()
    {
        var tag = $"Bulk{Guid.NewGuid().ToString("N")[..6]}";
        await App.AsAdminAsync(async services =>
        {
            var orgs = services.GetRequiredService<OrganisationService>();
            foreach (var (name, owner) in new[] { ("Acorn", true), ("Bramble", true), ("Clover", true), ("Dandelion", false) })
                await orgs.CreateAsync(new CreateOrganisation
                {
                    ConfirmedNotDuplicate = true,
                    Name = $"{tag} {name} Farm", BillingEmail = "accounts@bulk.example", CountryCode = "GB",
                    Owner = owner ? new CreateMember { Email = $"{name.ToLowerInvariant()}@{tag.ToLowerInvariant()}.example", GivenName = name } : null,
                });
            return true;
        });
        var page = await NewPageAsync();
        var shell = await new SignInPage(page).SignInAs("staff@portal.test");
        var list = new OrganisationsPage(page);
        await shell.OpenAsync($"{OrganisationsPage.Path}?q={tag}&status=Pending");
        await list.WaitUntilInteractiveAsync();
        await Expect(list.BulkBar).ToContainTextAsync("4 organisations match the filters");

        await list.BulkBar.GetByRole(AriaRole.Button, new() { Name = "Change all matching" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Activate…" }).ClickAsync();
        await Expect(list.Dialog).ToContainTextAsync("Activate all 4 organisations that match the current filters?");
        await list.Dialog.GetByRole(AriaRole.Button, new() { Name = "Activate 4 organisations" }).ClickAsync();

        await Expect(list.Dialog.GetByTestId("bulk-result")).ToContainTextAsync("Activated 3 of 4 organisations.");
        await Expect(list.Dialog).ToContainTextAsync($"1 no owner yet, so they cannot be activated (e.g. {tag} Dandelion Farm)");
        await list.Dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        // Still filtered on Pending: only the one without an owner is left.
        await Expect(list.BulkBar).ToContainTextAsync("1 organisation matches the filters");
        await Expect(list.Grid.GetByRole(AriaRole.Link, new() { Name = $"{tag} Dandelion Farm" })).ToBeVisibleAsync();
        await shell.OpenAsync($"{OrganisationsPage.Path}?q={tag}&status=Active");
        await Expect(list.Grid.GetByRole(AriaRole.Link)).ToHaveCountAsync(3);
    }
}
