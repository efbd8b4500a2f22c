using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Organisations;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>White-label domains as staff use them; the accessibility and screenshots of the Domains tab and, beside it, the Modules tab.</summary>
public sealed class WhiteLabelJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    /// <summary>An organisation created through the services, with the given domains; returns its id.</summary>
    private Task<Guid> ArrangeAsync(string name, params string[] hosts) => App.AsAdminAsync(async services =>
    {
        var orgs = services.GetRequiredService<OrganisationService>();
        var existing = await orgs.ListAsync(new OrganisationQuery { Q = name });
        if (existing.Items.FirstOrDefault(o => o.Name == name) is { } found) return found.Id;
        var created = await orgs.CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = name, BillingEmail = "accounts@harbourside.example", CountryCode = "GB",
            Owner = new CreateMember { Email = $"owner.{Guid.NewGuid():N}@harbourside.example", GivenName = "Hana", FamilyName = "Harbour" },
        });
        var domains = services.GetRequiredService<WhiteLabelDomainService>();
        var version = created.Organisation.Version;
        foreach (var host in hosts)
            version = (await domains.AddAsync(created.Organisation.Id, new CreateWhiteLabelDomain
            {
                HostName = host, ThemeColour = "#00838F", LogoUrl = host.StartsWith("portal.") ? $"https://cdn.{host[7..]}/logo.svg" : null,
            }, version)).Version;
        return created.Organisation.Id;
    });

    [Fact]
    public async Task Staff_AddsAHostAnotherOrganisationUses_SeesWhoHasIt_ThenAddsAGoodOne()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var takenHost = $"portal.tidewater-{suffix}.co.uk";
        await ArrangeAsync($"Tidewater Growers {suffix}", takenHost);
        var orgId = await ArrangeAsync($"Orchard Lane {suffix}");
        var page = await NewPageAsync();

        var shell = await new SignInPage(page).SignInAs("staff@portal.test");
        await shell.OpenAsync($"/organisations/{orgId}");
        var domains = await new WhiteLabelDomainsTab(page).OpenAsync();
        await Expect(domains.Panel).ToContainTextAsync("No white-label domains yet. Add one");

        // A host another organisation has (typed in another case, with spaces): the message names that organisation.
        await domains.OpenAddDialogAsync();
        await domains.FillAndAddAsync($"  Portal.Tidewater-{suffix}.CO.UK ", "#2e7d32");
        await Expect(domains.Dialog.GetByText($"{takenHost} is already used by Tidewater Growers {suffix}.")).ToBeVisibleAsync();

        // Then a good one: the dialog closes and the domain is listed, primary, as a link that opens in a new tab.
        var host = $"portal.orchard-lane-{suffix}.co.uk";
        await domains.FillAndAddAsync(host, "#2e7d32");
        await Expect(domains.Dialog).ToHaveCountAsync(0);
        await Expect(domains.Row(host)).ToContainTextAsync("Primary");
        await Expect(domains.Row(host)).ToContainTextAsync("#2E7D32");
        await Expect(domains.HostLink(host)).ToHaveAttributeAsync("href", $"https://{host}");
        await Expect(domains.HostLink(host)).ToHaveAttributeAsync("target", "_blank");
    }

    [Fact]
    public async Task TheDomainsAndModulesTabs_HaveNoSeriousOrCriticalAxeViolations()
    {
        var orgId = await ArrangeAsync("Harbourside Grain Ltd", "portal.harbourside-grain.co.uk", "trade.harbourside-grain.co.uk");
        var page = await NewPageAsync();
        var problems = new List<string>();

        var shell = await new SignInPage(page).SignInAs("staff@portal.test");
        await shell.OpenAsync($"/organisations/{orgId}");
        var domains = await new WhiteLabelDomainsTab(page).OpenAsync();
        await Expect(domains.Row("trade.harbourside-grain.co.uk")).ToBeVisibleAsync();
        await CheckAsync(page, "domains", problems);
        await domains.OpenAddDialogAsync();
        await CheckAsync(page, "add-domain-dialog", problems);
        await domains.CancelDialogAsync();
        await new OrganisationModulesTab(page).OpenAsync();
        await CheckAsync(page, "modules", problems);

        Assert.True(problems.Count == 0, "axe found serious/critical violations:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task TheDomainsAndModulesTabs_RenderAtWidth(int width, int height)
    {
        var orgId = await ArrangeAsync("Harbourside Grain Ltd", "portal.harbourside-grain.co.uk", "trade.harbourside-grain.co.uk");
        await App.AsAdminAsync(async services =>
        {
            var modules = services.GetRequiredService<OrganisationModuleService>();
            var version = (await modules.ListAsync(orgId)).Version;
            foreach (var id in new[] { "system", "inventory", "logistics" }) version = (await modules.SwitchOnAsync(orgId, id, version)).Version;
            return version;
        });
        var page = await NewPageAsync(width, height);
        var shots = new List<string>();
        async Task Shot(string name) => shots.AddRange(await Screenshots.TakeAsync(page, name));

        var shell = await new SignInPage(page).SignInAs("staff@portal.test");
        await shell.OpenAsync($"/organisations/{orgId}");
        var domains = await new WhiteLabelDomainsTab(page).OpenAsync();
        await Expect(domains.Row("trade.harbourside-grain.co.uk")).ToBeVisibleAsync();
        await Shot("organisation-domains");
        await domains.OpenAddDialogAsync();
        await domains.Dialog.GetByLabel("Host name", new() { Exact = true }).FillAsync("shop.harbourside-grain.co.uk");
        await domains.Dialog.GetByLabel("Theme colour", new() { Exact = true }).FillAsync("#6A1B9A");
        await Expect(domains.Dialog.GetByTestId("preview-bar")).ToContainTextAsync("shop.harbourside-grain.co.uk");
        await Shot("organisation-domain-dialog");
        await domains.CancelDialogAsync();
        await new OrganisationModulesTab(page).OpenAsync();
        await Shot("organisation-modules");

        Assert.All(shots, s => Assert.True(new FileInfo(s).Length > 5_000, $"{s} looks empty"));
    }

    private static async Task CheckAsync(IPage page, string name, List<string> problems) =>
        problems.AddRange(await AxeCheck.ProblemsAsync(page, name));
}
