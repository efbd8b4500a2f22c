using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Features.Search;

namespace Portal.Tests.Components.Search;

/// <summary>The command palette: groups as the sources answer, keyboard only, and only what the role may read or use.</summary>
public sealed class CommandPaletteTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private Guid _orgId;
    private Guid _userId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _orgId = (await Orgs.CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = "Grace Farms", BillingEmail = "a@gracefarms.example", CountryCode = "GB", CompanyNumber = "SC123456" })).Organisation.Id;
        _userId = (await CreateUserAsync("Grace Hopper", "grace@navy.example", Roles.Staff)).Id;
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var provider = RenderDialogProvider();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<CommandPalette>("Search", new DialogOptions { NoHeader = true }));
        provider.WaitForAssertion(() => provider.Find("[data-palette-input]"), Wait);
        return provider;
    }

    /// <summary>Types into the box and waits until every source has answered (the status no longer says "Searching").</summary>
    private static void Type(IRenderedComponent<MudDialogProvider> palette, string text)
    {
        palette.Find("[data-palette-input]").Input(text);
        palette.WaitForAssertion(() => Assert.DoesNotContain("Searching", palette.Find("[role=status]").TextContent), Wait);
    }
    private static void Press(IRenderedComponent<MudDialogProvider> palette, string key) => palette.Find("[data-palette-input]").KeyDown(new KeyboardEventArgs { Key = key });

    private static string[] Groups(IRenderedComponent<MudDialogProvider> palette) =>
        [.. palette.FindAll(".command-palette-heading").Select(h => h.TextContent.Trim())];

    private static string Selected(IRenderedComponent<MudDialogProvider> palette) =>
        palette.Find("[role=option][aria-selected=true] .command-palette-title").TextContent.Trim();

    [Fact]
    public async Task Groups_EachAreasRecords_UnderItsHeading_SayingWhatEachIsAndWhereItLeads()
    {
        var palette = await OpenAsync();

        Type(palette, "grace");

        palette.WaitForAssertion(() => Assert.Equal(["Organisations", "Staff users"], Groups(palette)), Wait);
        var org = palette.FindAll("[role=option]")[0];
        Assert.Equal("Grace Farms", org.QuerySelector(".command-palette-title")!.TextContent.Trim());
        Assert.Equal("Organisation", org.QuerySelector(".command-palette-kind")!.TextContent.Trim());
        Assert.Contains("Pending", org.QuerySelector(".command-palette-subtitle")!.TextContent);
        Assert.Equal("Opens the organisation's page", org.QuerySelector(".command-palette-leads")!.TextContent.Trim());
        Assert.Equal("Staff user", palette.FindAll("[role=option]")[1].QuerySelector(".command-palette-kind")!.TextContent.Trim());
        Assert.Contains("2 results", palette.Find("[role=status]").TextContent);
    }

    [Fact]
    public async Task Arrows_MoveAcrossGroups_AndWrap_EnterOpensTheSelectedRecord()
    {
        var palette = await OpenAsync();
        Type(palette, "grace");
        palette.WaitForAssertion(() => Assert.Equal(2, palette.FindAll("[role=option]").Count), Wait);

        Assert.Equal("Grace Farms", Selected(palette));
        Press(palette, "ArrowDown");
        Assert.Equal("Grace Hopper", Selected(palette)); // into the next group
        Press(palette, "ArrowDown");
        Assert.Equal("Grace Farms", Selected(palette)); // wraps to the top
        Press(palette, "ArrowUp");
        Assert.Equal("Grace Hopper", Selected(palette));
        var input = palette.Find("[data-palette-input]");
        Assert.Equal(palette.Find("[role=option][aria-selected=true]").Id, input.GetAttribute("aria-activedescendant"));

        Press(palette, "Enter");

        Assert.EndsWith($"/admin/staff-users/{_userId}", Navigation.Uri);
        palette.WaitForAssertion(() => Assert.Empty(palette.FindAll(".command-palette")), Wait);
    }

    [Fact]
    public async Task Enter_OnACompanyNumber_OpensTheOrganisation()
    {
        var palette = await OpenAsync();
        Type(palette, "SC123456");
        palette.WaitForAssertion(() => Assert.Equal("Grace Farms", Selected(palette)), Wait);

        Press(palette, "Enter");

        Assert.EndsWith($"/organisations/{_orgId}", Navigation.Uri);
    }

    [Fact]
    public async Task Escape_Closes()
    {
        var palette = await OpenAsync();
        Type(palette, "grace");

        Press(palette, "Escape");

        palette.WaitForAssertion(() => Assert.Empty(palette.FindAll(".command-palette")), Wait);
        Assert.DoesNotContain("/admin/staff-users", Navigation.Uri);
    }

    [Fact]
    public async Task Actions_ShowWithNoText_AndFilterAsYouType()
    {
        var palette = await OpenAsync();

        Assert.Equal(["Actions"], Groups(palette));
        Assert.Contains(palette.FindAll(".command-palette-title"), t => t.TextContent == "Go to Outbox");

        Type(palette, "new org");
        palette.WaitForAssertion(() => Assert.Equal("New organisation", Selected(palette)), Wait);
        Press(palette, "Enter");
        Assert.EndsWith("/organisations?new=true", Navigation.Uri);
    }

    [Fact]
    public async Task ANewSearch_SelectsTheTopRowAgain_AfterTheArrowsMovedIt()
    {
        var palette = await OpenAsync();
        Type(palette, "grace");
        palette.WaitForAssertion(() => Assert.Equal(2, palette.FindAll("[role=option]").Count), Wait);
        Press(palette, "ArrowDown");
        Assert.Equal("Grace Hopper", Selected(palette));

        // The same text again (a search of its own): before any arrow the top row is selected, whatever answers first.
        Type(palette, "grace ");
        palette.WaitForAssertion(() => Assert.Equal(2, palette.FindAll("[role=option]").Count), Wait);
        Assert.Equal("Grace Farms", Selected(palette));
    }

    [Theory]
    [InlineData(Roles.Viewer, new[] { "Organisations" })]
    [InlineData(Roles.Warehouse, new string[0])]
    public async Task ShowsOnlyWhatTheRoleMayRead(string role, string[] groups)
    {
        ActAs(Guid.CreateVersion7(), role, $"{role.ToLowerInvariant()}@test.example");
        var palette = await OpenAsync();

        Type(palette, "grace");

        Assert.Equal(groups, Groups(palette));
        Assert.DoesNotContain(palette.FindAll(".command-palette-title"), t => t.TextContent == "Grace Hopper");
        if (groups.Length == 0) Assert.Contains("Nothing found for “grace”", palette.Find("[role=status]").TextContent);

        Type(palette, "");
        Assert.DoesNotContain(palette.FindAll(".command-palette-title"), t => t.TextContent is "Go to Outbox" or "New organisation");
    }
}
