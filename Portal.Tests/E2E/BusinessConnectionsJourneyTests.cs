using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.BusinessConnections;
using Portal.Domain.Organisations;
using Portal.Tests.Domain.BusinessConnections;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>Business connections in a browser: a connection made through the duplicate warning, a certificate linked; each screen at both widths.</summary>
public sealed class BusinessConnectionsJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    private const string Staff = "staff@portal.test";

    /// <summary>Two organisations (one with a member whose email the new connection repeats) and a unit with a certificate waiting for it.</summary>
    private Task<(Guid From, string ExistingName, string MemberEmail, Guid UnitId)> SeedAsync(string tag) => App.AsAdminAsync(async services =>
    {
        var orgs = services.GetRequiredService<OrganisationService>();
        var from = await orgs.CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = $"Marden Estates {tag}", BillingEmail = $"accounts@marden-{tag}.example", CountryCode = "GB" });
        var email = $"olive@harvest-{tag}.example";
        var existing = await orgs.CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = $"Harvest Grain {tag} Ltd", BillingEmail = $"accounts@harvest-{tag}.example", CountryCode = "GB",
            Owner = new CreateMember { Email = email, GivenName = "Olive", FamilyName = "Owner" },
        });
        var holding = $"{Random.Shared.Next(10, 99)}/{Random.Shared.Next(100, 999)}/{Random.Shared.Next(1000, 9999)}";
        var command = BusinessConnectionsTestData.NewUnit(from.Organisation.Id, $"Pitlands Farm {tag}");
        command.HoldingNumber = holding;
        var unit = await services.GetRequiredService<BusinessUnitService>().CreateAsync(command);
        await services.GetRequiredService<CertificateService>().CreateAsync(BusinessConnectionsTestData.NewCertificate($"RT{tag}", DateTimeOffset.UtcNow.AddDays(120), holding));
        await services.GetRequiredService<BusinessConnectionService>().CreateAsync(new CreateBusinessConnection
        {
            FromOrganisationId = existing.Organisation.Id, ToOrganisationId = from.Organisation.Id, Relationships = [BusinessRelationship.Storage],
        });
        return (from.Organisation.Id, existing.Organisation.Name, email, unit.Id);
    });

    [Fact]
    public async Task Staff_ConnectsThroughTheDuplicateWarning_AndLinksACertificate()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (from, existingName, email, unitId) = await SeedAsync(tag);
        var page = await NewPageAsync();
        var shell = await new SignInPage(page).SignInAs(Staff);

        await shell.OpenAsync($"/organisations/{from}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Connections" }).SelectTabAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New connection" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByText("A new organisation").ClickAsync();
        await dialog.GetByLabel("Organisation name").FillAsync($"Harvest Grain {tag}");
        await dialog.GetByLabel("Given name").FillAsync("Olive");
        await dialog.GetByLabel("Family name").FillAsync("Owner");
        await dialog.GetByLabel("Email").FillAsync(email);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Connect", Exact = true }).ClickAsync();

        var warning = dialog.GetByTestId("duplicate-warning");
        await Expect(warning).ToContainTextAsync("already in Portal");
        await Expect(warning).ToContainTextAsync(existingName);
        await Screenshots.BothWidthsAsync(page, "business-connection-duplicate-warning");
        await warning.GetByRole(AriaRole.Button, new() { Name = "Connect this one" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Connect", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var connectedTo = page.Locator("[aria-label='Connected to']");
        await Expect(connectedTo.GetByRole(AriaRole.Link, new() { Name = existingName, Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("svg.connection-network")).ToBeVisibleAsync();

        // The connection's own page: its notes saved, its contacts offered from the connected organisation's members.
        await connectedTo.GetByRole(AriaRole.Link, new() { Name = $"Notes and contacts of the connection with {existingName}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Marden Estates {tag} → {existingName}" })).ToBeVisibleAsync();
        await page.GetByTestId("connection-notes").FillAsync("Stores wheat at their Malton site.");
        await page.GetByTestId("save-notes").ClickAsync();
        await Expect(page.GetByText("Notes saved.")).ToBeVisibleAsync();
        await Expect(page.GetByText($"Contacts at {existingName}")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByTestId("connection-notes")).ToHaveValueAsync("Stores wheat at their Malton site.");

        await shell.OpenAsync($"/business-units/{unitId}");
        await Expect(page.GetByTestId("unit-assured")).ToHaveTextAsync("Not assured");
        await page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        await page.Locator("[aria-label='Certificates found']").GetByRole(AriaRole.Button, new() { Name = "Link" }).ClickAsync();
        await Expect(page.GetByTestId("unit-assured")).ToHaveTextAsync("Assured");
        await Expect(page.Locator("[aria-label='Certificates']")).ToContainTextAsync($"RT{tag}".ToUpperInvariant());

        // The certificates page finds it by its identifier; its row opens the certificate, linked to the unit.
        await shell.OpenAsync($"/certificates?q=RT{tag}&expiringWithinDays=200");
        await page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = $"RT RT{tag}".ToUpperInvariant() }).ClickAsync();
        await Expect(page.GetByTestId("certificate-status")).ToHaveTextAsync("Valid");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Pitlands Farm {tag}" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task EveryScreen_RendersAtWidth(int width, int height)
    {
        var (from, _, _, unitId) = await SeedAsync($"{width}{Guid.NewGuid().ToString("N")[..4]}");
        var page = await NewPageAsync(width, height);
        var shell = await new SignInPage(page).SignInAs(Staff);
        var shots = new List<string>();
        async Task Shot(string name) => shots.AddRange(await Screenshots.TakeAsync(page, $"business-{name}", firstScreenToo: true));

        await shell.OpenAsync("/business-units");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        await Shot("units");
        await shell.OpenAsync($"/business-units/{unitId}");
        await Expect(page.GetByTestId("unit-holding")).ToBeVisibleAsync();
        await Shot("unit-detail");
        await shell.OpenAsync("/business-connections");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        await Shot("connections");
        await shell.OpenAsync($"/organisations/{from}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Connections" }).SelectTabAsync();
        await Expect(page.Locator("svg.connection-network")).ToBeVisibleAsync();
        await Shot("organisation-connections");
        await shell.OpenAsync("/business-connections");
        await page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Notes and contacts" })).ToBeVisibleAsync();
        await Shot("connection-detail");
        await shell.OpenAsync("/certificates");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        await Shot("certificates");
        Assert.Equal(12, shots.Count);
    }
}
