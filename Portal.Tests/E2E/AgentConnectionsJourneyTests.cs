using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.AgentConnections;
using Portal.Domain.Organisations;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// Agent connections in a browser: Staff create an agency, copy its connect link, connect to a holder by DID, send a
/// message and revoke the credential they issued; each of the four pages photographed at 1366 and 390 px on the way.
/// </summary>
public sealed class AgentConnectionsJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    private const string Staff = "staff@portal.test";

    [Fact]
    public async Task Staff_CreateAnAgency_ConnectByDid_SendAMessage_AndRevokeACredential()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var organisation = $"Lumen Registry {tag} Ltd";
        await App.AsAdminAsync(s => s.GetRequiredService<OrganisationService>().CreateAsync(new CreateOrganisation
            { Name = organisation, BillingEmail = $"accounts@lumen-{tag}.example", CountryCode = "GB" }));
        var page = await NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = App.BaseUrl });
        var shell = await new SignInPage(page).SignInAs(Staff);

        // An agency: its secret is shown once, then its page with the connect link.
        await shell.OpenAsync("/agencies");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        await BothWidthsAsync(page, "agencies");
        await page.GetByRole(AriaRole.Button, new() { Name = "New agency" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Owning organisation").FillAsync($"Lumen Registry {tag}");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = organisation }).ClickAsync();
        var name = $"Lumen Wallet {tag}";
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("Agency DID").FillAsync($"did:web:agent.lumen-{tag}.example");
        await dialog.GetByLabel("Label wallets show").FillAsync("Lumen Wallet");
        await dialog.GetByLabel("Agent endpoint (https)").FillAsync($"https://agent.lumen-{tag}.example/didcomm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.GetByTestId("agency-secret")).ToContainTextAsync("agy_");
        await page.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);

        var shown = await page.GetByTestId("connect-url").InnerTextAsync();
        Assert.Contains("?oob=", shown);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy connect link" }).ClickAsync();
        await Expect(page.GetByText("Connect link copied.")).ToBeVisibleAsync();
        Assert.Equal(shown, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        var parsed = OobInvitation.Parse(shown);
        Assert.True(parsed.Invitation is not null, parsed.Error);
        Assert.Equal("Lumen Wallet", parsed.Invitation!.Label);
        await BothWidthsAsync(page, "agency-detail");

        // A connection by DID, for that agency.
        await shell.OpenAsync("/agent-connections");
        await page.GetByRole(AriaRole.Button, new() { Name = "New connection" }).ClickAsync();
        await dialog.Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = name }).ClickAsync();
        var did = $"did:peer:2Ez6LSlumen{tag}holder0001";
        await dialog.GetByLabel("DID", new() { Exact = true }).FillAsync(did);
        await dialog.GetByLabel("Default alias").FillAsync($"lumen:holder-{tag}");
        await dialog.GetByLabel("Title (optional)").FillAsync("Ada's wallet");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"lumen:holder-{tag}");
        await Expect(page.GetByTestId("connection-state")).ToContainTextAsync("Invited");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(did);

        // A message, queued for the agency's systems.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Messages (0)" }).SelectTabAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await dialog.GetByLabel("Title").FillAsync("Welcome to Lumen");
        await dialog.GetByLabel("Message").FillAsync("Your wallet is connected.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Queue message" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Messages (1)" }).SelectTabAsync();
        await Expect(page.GetByTestId("message")).ToContainTextAsync("Welcome to Lumen");
        await Expect(page.GetByTestId("message")).ToContainTextAsync("queued");

        // A credential issued, then revoked.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Credentials (0)" }).SelectTabAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue credential" }).ClickAsync();
        await dialog.GetByLabel("Schema id").FillAsync("https://schema.example.com/verified-email/1.0");
        await dialog.GetByLabel("Attributes (name=value, one a line)").FillAsync("email=ada@lumen.example\ntier=gold");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Issue" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Credentials (1)" }).SelectTabAsync();
        var credential = page.GetByTestId("credential");
        await Expect(credential).ToContainTextAsync("Active");
        await credential.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(credential).ToContainTextAsync("Revoked");
        await Expect(credential.GetByRole(AriaRole.Button, new() { Name = "Unrevoke" })).ToBeVisibleAsync();
        await BothWidthsAsync(page, "agent-connection-detail");

        await shell.OpenAsync($"/agent-connections?q={Uri.EscapeDataString($"lumen:holder-{tag}")}");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = $"lumen:holder-{tag}" })).ToBeVisibleAsync();
        await shell.OpenAsync("/agent-connections");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        await BothWidthsAsync(page, "agent-connections");
    }

    /// <summary>The page as it is (1366 px), then at 390 px (its first screen too), then back.</summary>
    private static async Task BothWidthsAsync(IPage page, string name)
    {
        await Screenshots.TakeAsync(page, $"agents-{name}");
        await page.SetViewportSizeAsync(390, 844);
        await Screenshots.TakeAsync(page, $"agents-{name}", firstScreenToo: true);
        await page.SetViewportSizeAsync(1366, 900);
    }
}
