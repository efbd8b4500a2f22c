using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.E2E.Pages;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>Two staff users on one organisation, in two browsers: each sees the other there, and one's save shows on the other's page.</summary>
public sealed class LivePresenceJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    [Fact]
    public async Task Two_staff_users_see_each_other_on_an_organisation_and_one_sees_the_others_save()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (adaEmail, beaEmail) = ($"ada.{suffix}@portal.test", $"bea.{suffix}@portal.test");
        var org = await App.AsAdminAsync(async sp =>
        {
            var users = sp.GetRequiredService<StaffUserService>();
            await users.CreateAsync(DomainData.NewStaffUser(adaEmail, $"Ada Lovelace {suffix}", Roles.Staff));
            await users.CreateAsync(DomainData.NewStaffUser(beaEmail, $"Bea Baker {suffix}", Roles.Staff));
            return (await sp.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
            {
                ConfirmedNotDuplicate = true,
                Name = $"Shared Orchard {suffix}", BillingEmail = "accounts@orchard.example", CountryCode = "GB",
            })).Organisation;
        });
        var path = $"/organisations/{org.Id}";

        var ada = await OpenAsAsync(adaEmail, path);
        var bea = await OpenAsAsync(beaEmail, path);

        // Each sees the other (and not themselves).
        await Expect(Chips(ada)).ToHaveTextAsync([$"BB Bea Baker {suffix}"], new() { UseInnerText = true });
        await Expect(Chips(bea)).ToHaveTextAsync([$"AL Ada Lovelace {suffix}"], new() { UseInnerText = true });

        // Bea opens the edit form: Ada sees her editing.
        await bea.Action("Edit").ClickAsync();
        var dialog = bea.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(Chips(ada)).ToContainTextAsync("editing");

        // Bea saves: Ada's page shows the new name and says who changed it; Bea is no longer editing.
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync($"Shared Orchard Holdings {suffix}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(ada.Heading).ToHaveTextAsync($"Shared Orchard Holdings {suffix}");
        await Expect(ada.Page.GetByTestId("changed-elsewhere")).ToContainTextAsync($"{beaEmail} changed this organisation");
        await Expect(Chips(ada)).Not.ToContainTextAsync("editing");
        await Expect(bea.Page.GetByTestId("changed-elsewhere")).ToHaveCountAsync(0); // her own save is not news to her

        // Bea leaves: she is gone from Ada's page.
        await bea.OpenAsync("/organisations");
        await Expect(Chips(ada)).ToHaveCountAsync(0);
    }

    private async Task<OrganisationDetailPage> OpenAsAsync(string email, string path)
    {
        var page = await NewPageAsync();
        await new SignInPage(page).SignInAs(email, DomainData.StrongPassword);
        var detail = new OrganisationDetailPage(page);
        await detail.OpenAsync(path);
        await Expect(detail.Actions).ToBeVisibleAsync();
        return detail;
    }

    private static ILocator Chips(PortalPage page) => page.Page.GetByTestId("presence-chip");
}
