using Bunit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Features.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>The detail page offers only the lifecycle actions that are legal now, and only to those who may write.</summary>
public sealed class OrganisationDetailTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static List<string> Actions(IRenderedComponent<OrganisationDetail> cut) =>
        cut.FindAll(".page-actions button").Select(b => b.TextContent.Trim()).ToList();

    private static List<string> Buttons(IRenderedComponent<OrganisationDetail> cut) =>
        cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();

    private IRenderedComponent<OrganisationDetail> RenderFor(Guid id)
    {
        RenderDialogProvider();
        return Render<OrganisationDetail>(p => p.Add(d => d.Id, id));
    }

    private static void OpenTab(IRenderedComponent<OrganisationDetail> cut, string startsWith) =>
        cut.FindAll(".mud-tab").First(t => t.TextContent.Trim().StartsWith(startsWith)).Click();

    [Fact]
    public async Task A_pending_organisation_with_an_owner_offers_activate_and_archive_but_not_suspend()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");

        var cut = RenderFor(org.Id);

        cut.WaitForAssertion(() => Assert.Equal(["Edit", "Activate", "Archive"], Actions(cut)), Wait);
        Assert.Contains("Olive Owner (olive@example.com)", cut.Find("dl.facts").TextContent);
    }

    [Fact]
    public async Task A_pending_organisation_without_an_owner_cannot_be_activated_and_says_why()
    {
        var org = await Orgs.CreateAsync("Ownerless Ltd", withOwner: false);

        var cut = RenderFor(org.Id);

        cut.WaitForAssertion(() => Assert.Equal(["Edit", "Archive"], Actions(cut)), Wait);
        Assert.Contains("Add an owner", cut.Find(".mud-alert").TextContent);
    }

    [Fact]
    public async Task An_active_organisation_offers_suspend_and_archive()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms", status: OrganisationStatus.Active);

        var cut = RenderFor(org.Id);

        cut.WaitForAssertion(() => Assert.Equal(["Edit", "Suspend", "Archive"], Actions(cut)), Wait);
    }

    [Fact]
    public async Task An_archived_organisation_offers_nothing_and_says_it_is_read_only()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms", status: OrganisationStatus.Archived);

        var cut = RenderFor(org.Id);

        cut.WaitForAssertion(() => Assert.Contains("archived and read-only", cut.Find("[data-testid=read-only-note]").TextContent), Wait);
        Assert.Empty(Actions(cut));
        Assert.Contains("Closed down", cut.Find("[data-testid=read-only-note]").TextContent);
        OpenTab(cut, "Members");
        cut.WaitForAssertion(() => Assert.Contains("olive@example.com", cut.Find("[aria-label=Members]").TextContent), Wait);
        Assert.DoesNotContain("Add member", Buttons(cut));
        Assert.DoesNotContain("Make owner", Buttons(cut));
    }

    [Fact]
    public async Task Staff_can_add_members_and_make_one_the_owner_from_the_members_tab()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        await Orgs.AddMemberAsync(org.Id, new CreateMember { Email = "bea@example.com", GivenName = "Bea", FamilyName = "Baker" }, org.Version);
        ActAs(Guid.CreateVersion7(), Roles.Staff, "staff@test.example");

        var cut = RenderFor(org.Id);
        cut.WaitForAssertion(() => Assert.Contains("Edit", Actions(cut)), Wait);
        OpenTab(cut, "Members");

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Add member", Buttons(cut));
            Assert.Single(Buttons(cut), b => b == "Make owner"); // Bea; Olive already owns it
        }, Wait);
    }

    [Fact]
    public async Task A_viewer_sees_the_organisation_but_no_controls_that_change_it()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");

        var cut = RenderFor(org.Id);

        cut.WaitForAssertion(() => Assert.Contains("olive@example.com", cut.Find("dl.facts").TextContent), Wait);
        Assert.Empty(Actions(cut));
        OpenTab(cut, "Members");
        cut.WaitForAssertion(() => Assert.Contains("olive@example.com", cut.Find("[aria-label=Members]").TextContent), Wait);
        Assert.DoesNotContain("Add member", Buttons(cut));
        Assert.DoesNotContain("Make owner", Buttons(cut));
    }

    [Fact]
    public void An_unknown_id_shows_the_not_found_message()
    {
        var cut = RenderFor(Guid.CreateVersion7());

        cut.WaitForAssertion(() => Assert.Contains("This organisation does not exist.", cut.Find(".mud-alert").TextContent), Wait);
        Assert.Empty(Actions(cut));
    }
}
