using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;

namespace Portal.Tests.Components.Logistics;

/// <summary>
/// The pick walk's offline queue hand-over (the browser module itself is exercised by PickOfflineJourneyTests, with a
/// real network cut), hold and release from the picker's screen, another position than planned, and lot and expiry.
/// </summary>
public sealed class PickWalkOfflineAndOptionsTests : PickScreenTest
{
    private BunitJSModuleInterop _offline = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        JSInterop.SetupModule("./js/pick.js").Mode = JSRuntimeMode.Loose;
        _offline = JSInterop.SetupModule("./js/pick-offline.js");
        _offline.Mode = JSRuntimeMode.Loose;
    }

    private PickService Picks => Services.GetRequiredService<PickService>();

    /// <summary>Tote A: SKU-A ×2 at P1, SKU-B ×1 at P2; the location also has P9, where nothing is planned. Taken by a new picker.</summary>
    private async Task<HandlingListDetails> TakenListAsync()
    {
        var location = await AddLocationAsync("Hull DC", "P1", "P2", "P9");
        var list = await AddListAsync(location.Location.Id, null, [("SKU-A", 2, "P1"), ("SKU-B", 1, "P2")]);
        await ActAsPickerAsync();
        return await Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Take }, list.List.Version);
    }

    private IRenderedComponent<PickWalkPage> RenderWalk(Guid id)
    {
        RenderPopoverProvider();
        var cut = Render<PickWalkPage>(p => p.Add(x => x.Id, id));
        cut.WaitForElement("[data-testid=pick-scan]");
        return cut;
    }

    private static void Scan(IRenderedComponent<PickWalkPage> cut, string code)
    {
        cut.Find("[data-testid=pick-scan]").Input(code);
        cut.Find("form.pick-scan").Submit();
    }

    private static string Text(IRenderedComponent<PickWalkPage> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();

    private static void Click(IRenderedComponent<PickWalkPage> cut, string text) =>
        cut.FindAll("button").First(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public async Task TheOfflineQueue_StartsForThisListAndPicker_WithTheListsPositions_InAnEmptyBannerItFills()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);

        cut.WaitForAssertion(() => Assert.Single(_offline.Invocations, i => i.Identifier == "start"));
        var start = _offline.Invocations.Single(i => i.Identifier == "start");
        var banner = cut.Find("[data-testid=pick-offline]");
        Assert.True(banner.HasAttribute("hidden")); // nothing to say until the connection drops
        Assert.Empty(banner.Children); // the module owns what is inside: Blazor cannot render while the circuit is down
        Assert.Equal("status", banner.GetAttribute("role"));
        var options = start.Arguments[2]!;
        Assert.Equal(list.List.Id, options.GetType().GetProperty("listId")!.GetValue(options));
        Assert.Equal($"portal.pick.offline.{Services.GetRequiredService<Portal.Domain.Common.ICurrentUser>().Id}.{list.List.Id}", options.GetType().GetProperty("storageKey")!.GetValue(options));
        Assert.Equal(["P1", "P2"], (string[])options.GetType().GetProperty("positions")!.GetValue(options)!);
    }

    [Fact]
    public async Task WhenTheOfflineScansAreSent_ThePageReadsTheListAgain()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);
        Scan(cut, "SKU-C");
        cut.WaitForAssertion(() => Assert.Contains("pick-feedback-wrong", cut.Find("[data-testid=pick-feedback]").ClassName));

        // What the module sends while the page is cut off: two units of SKU-A, each with its own key.
        await Picks.RecordAsync(list.List.Id, new RecordPick { Key = "offline-1", Sku = "SKU-A", Quantity = 1 });
        await Picks.RecordAsync(list.List.Id, new RecordPick { Key = "offline-2", Sku = "SKU-A", Quantity = 1 });
        Assert.Equal("P1", Text(cut, "pick-position")); // the page does not know yet

        await cut.InvokeAsync(() => cut.Instance.OfflineScansSentAsync());

        cut.WaitForAssertion(() => Assert.Equal("P2", Text(cut, "pick-position")));
        Assert.Contains("2 of 3 units done", Text(cut, "pick-progress"));
        Assert.Empty(cut.FindAll("[data-testid=pick-feedback]")); // the old feedback was about the list as it was
    }

    [Fact]
    public async Task Hold_AsksWhy_PutsTheListOnHold_AndRelease_LetsThePickerCarryOn()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);

        Click(cut, "Hold");
        var panel = cut.Find("[data-testid=pick-hold-panel]");
        Assert.Contains($"Put {list.List.Number} on hold, why?", panel.TextContent);
        Click(cut, "End of shift");

        cut.WaitForAssertion(() => Assert.Contains("on hold: End of shift", Text(cut, "pick-on-hold")));
        Assert.Empty(cut.FindAll("[data-testid=pick-scan]"));
        var held = await Lists.GetAsync(list.List.Id);
        Assert.Equal((HandlingListState.OnHold, "End of shift"), (held.List.State, held.List.HoldReason));

        Click(cut, "Release and carry on picking");
        cut.WaitForElement("[data-testid=pick-scan]");
        Assert.NotEqual(HandlingListState.OnHold, (await Lists.GetAsync(list.List.Id)).List.State);
        Scan(cut, "SKU-A");
        cut.WaitForAssertion(() => Assert.Contains("1 × SKU-A picked", Text(cut, "pick-feedback")));
    }

    [Fact]
    public async Task Hold_WithATypedReason_KeepsThatReason()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);
        Click(cut, "Hold");
        cut.Find("#pick-hold-reason").Input("Forklift blocks aisle 3");
        cut.Find("[data-testid=pick-hold-panel] form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("on hold: Forklift blocks aisle 3", Text(cut, "pick-on-hold")));
        Assert.Equal("Forklift blocks aisle 3", (await Lists.GetAsync(list.List.Id)).List.HoldReason);
    }

    [Fact]
    public async Task OtherPosition_TakesTheNextScanAsThePositionPickedFrom_AndThePickRecordsIt()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);

        Click(cut, "Other position");
        Assert.Equal("Scan the position you pick SKU-A from", Text(cut, "pick-prompt"));
        Scan(cut, "Q7"); // not a position of this location: refused, still waiting for one
        cut.WaitForAssertion(() => Assert.Contains("There is no position Q7 at this location", Text(cut, "pick-feedback")));
        Assert.Equal("Scan the position you pick SKU-A from", Text(cut, "pick-prompt"));

        Scan(cut, "p9");
        cut.WaitForAssertion(() => Assert.Contains("From P9, not P1", Text(cut, "pick-override")));
        Assert.Equal("Scan the SKU SKU-A", Text(cut, "pick-prompt"));
        Scan(cut, "SKU-A");

        cut.WaitForAssertion(() => Assert.Contains("1 × SKU-A picked", Text(cut, "pick-feedback")));
        var pick = Assert.Single((await Lists.GetAsync(list.List.Id)).RecentPicks);
        Assert.Equal(("P1", "P9"), (pick.Position, pick.UsedPosition));
        Assert.Equal("P9", (await UnitsOfListAsync(list.List.Id)).Single(u => u.State == UnitState.Handled).PickedPosition);
        Assert.Contains("From P9", Text(cut, "pick-override")); // still this line: the next unit comes from there too
    }

    [Fact]
    public async Task OtherPosition_IsForgotten_WhenTheLineChanges()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);
        cut.Find("button[aria-label='One more']").Click();
        Click(cut, "Other position");
        Scan(cut, "P9");
        cut.WaitForElement("[data-testid=pick-override]");
        Scan(cut, "SKU-A"); // both units: the walk moves to P2

        cut.WaitForAssertion(() => Assert.Equal("P2", Text(cut, "pick-position")));
        Assert.Empty(cut.FindAll("[data-testid=pick-override]"));
        Scan(cut, "SKU-B");
        cut.WaitForAssertion(() => Assert.Contains("pick-done", cut.Markup));
        var picks = (await Lists.GetAsync(list.List.Id)).RecentPicks;
        Assert.Equal("P9", picks.Single(p => p.Sku == "SKU-A").UsedPosition);
        Assert.Null(picks.Single(p => p.Sku == "SKU-B").UsedPosition);
    }

    [Fact]
    public async Task LotAndExpiry_AreRecordedWithThePicksOfTheLine()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);

        Click(cut, "Lot / expiry");
        cut.Find("#pick-lot-number").Input("L-2026-07");
        cut.Find("#pick-lot-expiry").Change("2027-05-31");
        cut.Find("[data-testid=pick-lot-panel]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Lot L-2026-07 · expires 31/05/2027", Text(cut, "pick-lot")));

        Scan(cut, "SKU-A");
        cut.WaitForAssertion(() => Assert.Contains("1 × SKU-A picked", Text(cut, "pick-feedback")));
        var pick = Assert.Single((await Lists.GetAsync(list.List.Id)).RecentPicks);
        Assert.Equal("L-2026-07", pick.LotNumber);
        Assert.Equal(new DateTimeOffset(2027, 5, 31, 0, 0, 0, TimeSpan.Zero), pick.ExpiresAt);
        var unit = (await UnitsOfListAsync(list.List.Id)).Single(u => u.State == UnitState.Handled);
        Assert.Equal("L-2026-07", unit.LotNumber);

        // "Missing" carries no lot (a unit not found has none), even while one is set for the line.
        Click(cut, "Missing");
        Click(cut, "Damaged");
        cut.WaitForAssertion(() => Assert.Contains("marked missing", Text(cut, "pick-feedback")));
        Assert.Null((await Lists.GetAsync(list.List.Id)).RecentPicks.Single(p => p.IsMissing).LotNumber);
    }
}
