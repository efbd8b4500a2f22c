using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Organisations;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>Modules as staff switch them on.</summary>
public sealed class ModulesJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    /// <summary>An organisation created through the service; returns its id.</summary>
    private Task<Guid> ArrangeAsync(string name) => App.AsAdminAsync(async services =>
    {
        var created = await services.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = name, BillingEmail = "accounts@harbourside.example", CountryCode = "GB",
            Owner = new CreateMember { Email = $"owner.{Guid.NewGuid():N}@harbourside.example", GivenName = "Hana", FamilyName = "Harbour" },
        });
        return created.Organisation.Id;
    });

    [Fact]
    public async Task Staff_SwitchesAModuleOn_AndSeesSinceWhenAndByWhom_AndTheMonthlyTotal()
    {
        var orgId = await ArrangeAsync($"Orchard Lane {Guid.NewGuid().ToString("N")[..6]}");
        var page = await NewPageAsync();

        var shell = await new SignInPage(page).SignInAs("staff@portal.test");
        await shell.OpenAsync($"/organisations/{orgId}");
        var modules = await new OrganisationModulesTab(page).OpenAsync();
        await Expect(modules.Module("trading")).ToContainTextAsync("Off");
        await modules.SwitchOnAsync("trading", "Trading");
        await Expect(modules.Module("trading")).ToContainTextAsync($"On since {DateTime.Now:d MMM yyyy} by staff@portal.test"); // as the History tab names them
        await Expect(page.GetByTestId("modules-total")).ToHaveTextAsync("£49.00");
    }
}
