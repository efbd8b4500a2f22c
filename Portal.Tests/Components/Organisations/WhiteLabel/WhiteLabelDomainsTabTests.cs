using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Features.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>The Domains tab: what it shows, messages as you type, confirmations; and only the controls a role may use there and on the Modules tab beside it.</summary>
public sealed class WhiteLabelDomainsTabTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private WhiteLabelDomainService Domains => Services.GetRequiredService<WhiteLabelDomainService>();
    private OrganisationModuleService Modules => Services.GetRequiredService<OrganisationModuleService>();

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<OrganisationDetail> Page) RenderFor(Guid id)
    {
        var dialogs = RenderDialogProvider();
        return (dialogs, Render<OrganisationDetail>(p => p.Add(d => d.Id, id)));
    }

    private static void OpenTab(IRenderedComponent<OrganisationDetail> cut, string name)
    {
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-tab"), t => t.TextContent.Trim() == name), Wait);
        cut.FindAll(".mud-tab").First(t => t.TextContent.Trim() == name).Click();
    }

    private static List<string> Buttons(IRenderedComponent<IComponent> cut) => cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();

    private async Task<WhiteLabelDomainList> WithDomainsAsync(OrganisationRow org, params (string Host, string? Logo)[] domains)
    {
        var version = (await Domains.ListAsync(org.Id)).Version;
        foreach (var (host, logo) in domains)
            version = (await Domains.AddAsync(org.Id, new CreateWhiteLabelDomain { HostName = host, ThemeColour = "#2E7D32", LogoUrl = logo }, version)).Version;
        return await Domains.ListAsync(org.Id);
    }

    private static IElement WhiteLabelDomainRow(IRenderedComponent<OrganisationDetail> cut, string host) =>
        cut.FindAll("[aria-label=Domains] tbody tr").First(r => r.TextContent.Contains(host));

    [Fact]
    public async Task Domains_ShowTheHostAsANewTabLink_TheColour_TheLogo_ThePrimary_AndOnlyLegalActions()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        await WithDomainsAsync(org, ("portal.acme.com", "https://cdn.acme.com/logo.svg"), ("trade.acme.com", null));

        var (_, cut) = RenderFor(org.Id);
        OpenTab(cut, "Domains");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[aria-label=Domains] tbody tr").Count), Wait);
        var primary = WhiteLabelDomainRow(cut, "portal.acme.com");
        var link = primary.QuerySelector("a")!;
        Assert.Equal("https://portal.acme.com", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Contains("noopener", link.GetAttribute("rel"));
        Assert.Contains("Primary", primary.TextContent);
        Assert.Contains("#2E7D32", primary.QuerySelector(".colour-swatch")!.GetAttribute("style"));
        Assert.Contains("#2E7D32", primary.TextContent);
        Assert.Equal("Logo for portal.acme.com", primary.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal(["Edit"], primary.QuerySelectorAll("button").Select(b => b.TextContent.Trim())); // the primary goes last
        var other = WhiteLabelDomainRow(cut, "trade.acme.com");
        Assert.DoesNotContain("Primary", other.TextContent);
        Assert.Contains("No logo", other.TextContent);
        Assert.Equal(["Edit", "Make primary", "Remove"], other.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public async Task Domains_ALogoThatFailsToLoad_ShowsAPlaceholderInsteadOfABrokenImage()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        await WithDomainsAsync(org, ("portal.acme.com", "https://cdn.acme.com/missing.png"));
        var (_, cut) = RenderFor(org.Id);
        OpenTab(cut, "Domains");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label=Domains] img")), Wait);

        await cut.Find("[aria-label=Domains] img").TriggerEventAsync("onerror", new Microsoft.AspNetCore.Components.Web.ErrorEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("Logo not loading", WhiteLabelDomainRow(cut, "portal.acme.com").TextContent), Wait);
        Assert.Empty(cut.FindAll("[aria-label=Domains] img"));
    }

    [Fact]
    public async Task Domains_WhenThereAreNone_SayWhatToDo()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var (_, cut) = RenderFor(org.Id);
        OpenTab(cut, "Domains");

        cut.WaitForAssertion(() => Assert.Contains("No white-label domains yet. Add one", cut.Find("[aria-label=Domains]").TextContent), Wait);
    }

    [Fact]
    public async Task AddDomain_SaysWhatIsWrongAsYouType_NamesTheOrganisationThatHasTheHost_ThenAddsAGoodOne()
    {
        var acme = await Orgs.CreateAsync("Acme Ltd");
        await WithDomainsAsync(acme, ("portal.acme.com", null));
        var org = await Orgs.CreateAsync("Brightwater Logistics Ltd");
        var (dialogs, cut) = RenderFor(org.Id);
        OpenTab(cut, "Domains");
        cut.WaitForAssertion(() => Assert.Contains("Add domain", Buttons(cut)), Wait);
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Add domain").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")), Wait);

        InputLabelled(dialogs, "Host name").Input("https://portal.brightwater.co.uk/");
        InputLabelled(dialogs, "Theme colour").Input("#12345");
        dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("Enter only the host name", FieldText(InputLabelled(dialogs, "Host name")));
            Assert.Contains("six hex digits (0–9, A–F)", FieldText(InputLabelled(dialogs, "Theme colour")));
            Assert.Contains("Enter a valid colour to see the preview.", dialogs.Find(".domain-preview").TextContent);
        }, Wait);

        InputLabelled(dialogs, "Theme colour").Input("#c62828");
        InputLabelled(dialogs, "Host name").Input(" Portal.ACME.com ");
        dialogs.WaitForAssertion(() =>
        {
            var bar = dialogs.Find("[data-testid=preview-bar]");
            Assert.Contains("background-color: #C62828", bar.GetAttribute("style"));
            Assert.Contains("portal.acme.com", bar.TextContent);
        }, Wait);
        Button(dialogs, "Add domain").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("portal.acme.com is already used by Acme Ltd.", FieldText(InputLabelled(dialogs, "Host name"))), Wait);
        Assert.NotEmpty(dialogs.FindAll(".mud-dialog"));

        InputLabelled(dialogs, "Host name").Input("portal.brightwater.co.uk");
        Button(dialogs, "Add domain").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")), Wait);
        cut.WaitForAssertion(() => Assert.Contains("Primary", WhiteLabelDomainRow(cut, "portal.brightwater.co.uk").TextContent), Wait);
        Assert.Equal("#C62828", Assert.Single((await Domains.ListAsync(org.Id)).Domains).ThemeColour);
    }

    [Fact]
    public async Task RemoveDomain_AsksFirst_AndCancellingKeepsIt()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        await WithDomainsAsync(org, ("portal.acme.com", null));
        var (dialogs, cut) = RenderFor(org.Id);
        OpenTab(cut, "Domains");
        cut.WaitForAssertion(() => Assert.Contains("Remove", Buttons(cut)), Wait);

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Remove").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Remove portal.acme.com?", dialogs.Find(".mud-dialog").TextContent), Wait);
        Button(dialogs, "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")), Wait);
        Assert.Single((await Domains.ListAsync(org.Id)).Domains);

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Remove").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")), Wait);
        dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Remove").Click();
        cut.WaitForAssertion(() => Assert.Contains("No white-label domains yet", cut.Find("[aria-label=Domains]").TextContent), Wait);
    }

    [Fact]
    public async Task AViewer_SeesDomainsAndModules_WithNoControlsThatChangeThem()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var list = await WithDomainsAsync(org, ("portal.acme.com", null), ("trade.acme.com", null));
        await Modules.SwitchOnAsync(org.Id, "trading", list.Version);
        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");

        var (_, cut) = RenderFor(org.Id);
        OpenTab(cut, "Domains");
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[aria-label=Domains] tbody tr").Count), Wait);
        Assert.Empty(cut.FindAll("[aria-label=Domains] button"));
        Assert.DoesNotContain("Add domain", Buttons(cut));

        OpenTab(cut, "Modules");
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll(".module-row").Count), Wait);
        Assert.Empty(cut.FindAll(".module-row input"));
        Assert.Contains("On", cut.Find(".module-row[data-module=trading] .status-chip").TextContent);
    }

    [Fact]
    public async Task AnArchivedOrganisation_ShowsItsDomainsAndModules_ButNothingEditable()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var list = await WithDomainsAsync(org, ("portal.acme.com", null));
        var modules = await Modules.SwitchOnAsync(org.Id, "trading", list.Version);
        await Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "Closed down", Version = modules.Version });

        var (_, cut) = RenderFor(org.Id);
        OpenTab(cut, "Domains");
        cut.WaitForAssertion(() => Assert.Contains("portal.acme.com", cut.Find("[aria-label=Domains]").TextContent), Wait);
        Assert.Empty(cut.FindAll("[aria-label=Domains] button"));
        Assert.DoesNotContain("Add domain", Buttons(cut));
        OpenTab(cut, "Modules");
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll(".module-row").Count), Wait);
        Assert.Empty(cut.FindAll(".module-row input"));
    }

    [Fact]
    public async Task TheTabs_ComeAfterMembers_AndBeforeHistory()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var (_, cut) = RenderFor(org.Id);

        cut.WaitForAssertion(() => Assert.Equal(["Overview", "Addresses & contacts", "Members (1)", "Domains", "Modules", "Subscription", "Billing details", "Application requests", "Invitations", "Pricing", "Connections", "Agencies", "History"],
            cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim())), Wait);
    }
}
