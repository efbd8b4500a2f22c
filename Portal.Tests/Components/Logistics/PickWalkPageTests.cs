using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;

namespace Portal.Tests.Components.Logistics;

/// <summary>The pick walk against the real services: what a scan records, and what it refuses.</summary>
public sealed class PickWalkPageTests : PickScreenTest
{
    private BunitJSModuleInterop _module = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _module = JSInterop.SetupModule("./js/pick.js");
        _module.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Tote A: SKU-A ×1 at P1 and SKU-B ×2 at P2; tote B: SKU-C ×1 at P3. Taken by a new picker, who is signed in.</summary>
    private async Task<HandlingListDetails> TakenListAsync()
    {
        var location = await AddLocationAsync("Leeds DC", "P1", "P2", "P3");
        var list = await AddListAsync(location.Location.Id, null,
            [("SKU-A", 1, "P1"), ("SKU-B", 2, "P2")], [("SKU-C", 1, "P3")]);
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
    public async Task ScanningTheRightSku_RecordsOneUnit_SaysTheTote_AndMovesToTheNextLine()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);
        Assert.Equal("P1", Text(cut, "pick-position"));
        Assert.Equal("SKU-B", cut.Find("[data-testid=pick-next]").QuerySelector("span:last-child")!.TextContent.Split('·')[1].Trim());

        Scan(cut, "sku-a"); // a scanner's case does not matter

        cut.WaitForAssertion(() => Assert.Equal("P2", Text(cut, "pick-position")));
        var feedback = cut.Find("[data-testid=pick-feedback]");
        Assert.Contains("pick-feedback-good", feedback.ClassName);
        Assert.Contains("1 × SKU-A picked", feedback.TextContent);
        Assert.Contains("Tote A", feedback.TextContent);
        Assert.Contains("1 of 4 units done", Text(cut, "pick-progress"));
        Assert.Contains(_module.Invocations, i => i.Identifier == "tone" && Equals(i.Arguments[0], "good"));
        var units = await UnitsOfListAsync(list.List.Id);
        Assert.Equal(UnitState.Handled, units.Single(u => u.Sku == "SKU-A").State);
        Assert.All(units.Where(u => u.Sku != "SKU-A"), u => Assert.Equal(UnitState.Listed, u.State));
    }

    [Fact]
    public async Task ScanningAWrongCode_RecordsNothing_AndSaysWhatWasExpected()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);

        // SKU-C is on the list, but not the line being walked: still wrong, still nothing recorded.
        Scan(cut, "SKU-C");

        cut.WaitForAssertion(() => Assert.Contains("pick-feedback-wrong", cut.Find("[data-testid=pick-feedback]").ClassName));
        Assert.Contains("expected SKU-A at P1, scanned SKU-C", Text(cut, "pick-feedback"));
        Assert.Equal("P1", Text(cut, "pick-position"));
        Assert.Contains(_module.Invocations, i => i.Identifier == "tone" && Equals(i.Arguments[0], "wrong"));
        Assert.All(await UnitsOfListAsync(list.List.Id), u => Assert.Equal(UnitState.Listed, u.State));
        Assert.Empty((await Lists.GetAsync(list.List.Id)).RecentPicks);
    }

    [Fact]
    public async Task TheQuantityStepper_PicksSeveralUnitsInOneScan_UpToWhatIsLeft()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);
        Scan(cut, "SKU-A");
        cut.WaitForAssertion(() => Assert.Equal("2", Text(cut, "pick-left")));

        Assert.Equal("1", Text(cut, "pick-quantity"));
        cut.Find("button[aria-label='One more']").Click();
        Assert.Equal("2", Text(cut, "pick-quantity"));
        Assert.True(cut.Find("button[aria-label='One more']").HasAttribute("disabled")); // not above what is left
        Scan(cut, "SKU-B");

        cut.WaitForAssertion(() => Assert.Equal("P3", Text(cut, "pick-position")));
        Assert.Contains("2 × SKU-B picked", Text(cut, "pick-feedback"));
        Assert.Equal("1", Text(cut, "pick-quantity")); // a new line starts at 1 again
        Assert.All((await UnitsOfListAsync(list.List.Id)).Where(u => u.Sku == "SKU-B"), u => Assert.Equal(UnitState.Handled, u.State));
    }

    [Fact]
    public async Task Missing_WithAReason_MarksTheUnitMissing_AndUndoPutsItBack()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);

        Click(cut, "Missing");
        Click(cut, "Damaged");

        cut.WaitForAssertion(() => Assert.Equal("P2", Text(cut, "pick-position")));
        Assert.Contains("1 × SKU-A marked missing (Damaged)", Text(cut, "pick-feedback"));
        var missing = (await UnitsOfListAsync(list.List.Id)).Single(u => u.Sku == "SKU-A");
        Assert.Equal(UnitState.Missing, missing.State);
        Assert.Equal("Damaged", missing.MissingReason);

        Click(cut, "Undo");

        cut.WaitForAssertion(() => Assert.Equal("P1", Text(cut, "pick-position")));
        Assert.Contains("Undone: 1 × SKU-A is back on the list", Text(cut, "pick-feedback"));
        Assert.Equal(UnitState.Listed, (await UnitsOfListAsync(list.List.Id)).Single(u => u.Sku == "SKU-A").State);
    }

    [Fact]
    public async Task Skip_MovesTheLineToTheEndOfTheWalk()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);

        Click(cut, "Skip");

        Assert.Equal("P2", Text(cut, "pick-position"));
        Assert.Equal(["P2", "P3", "P1"], cut.FindAll(".pick-lines-position").Select(p => p.TextContent).ToArray());
        Scan(cut, "SKU-A"); // the skipped line is not the current one any more
        cut.WaitForAssertion(() => Assert.Contains("expected SKU-B at P2", Text(cut, "pick-feedback")));
    }

    [Fact]
    public async Task Finish_IsEnabledOnlyWhenEveryUnitIsHandledOrMissing_AndShowsWhatWentIntoEachTote()
    {
        var list = await TakenListAsync();
        var cut = RenderWalk(list.List.Id);
        AngleSharp.Dom.IElement finish() => cut.FindAll("button").Single(b => b.TextContent.Trim().StartsWith("Finish", StringComparison.Ordinal));

        Assert.True(finish().HasAttribute("disabled"));
        Assert.Equal("Finish (4 left)", finish().TextContent.Trim());
        Scan(cut, "SKU-A");
        cut.WaitForAssertion(() => Assert.Equal("P2", Text(cut, "pick-position")));
        cut.Find("button[aria-label='One more']").Click();
        Scan(cut, "SKU-B");
        cut.WaitForAssertion(() => Assert.Equal("P3", Text(cut, "pick-position")));
        Click(cut, "Missing");
        Click(cut, "Not found");
        cut.WaitForElement("[data-testid=pick-done]");
        Assert.False(finish().HasAttribute("disabled"));

        finish().Click();

        cut.WaitForAssertion(() => Assert.Contains("is finished", cut.Markup));
        Assert.Equal(HandlingListState.Finished, (await Lists.GetAsync(list.List.Id)).List.State);
        var rows = cut.FindAll("[data-testid=tote-summary] tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["A", "3", "0"], new[] { rows[0][0], rows[0][2], rows[0][3] });
        Assert.Equal(["B", "0", "1"], new[] { rows[1][0], rows[1][2], rows[1][3] });
        Assert.Empty(cut.FindAll("[data-testid=pick-scan]"));
    }

    [Fact]
    public async Task AListTakenBySomeoneElse_IsReadOnly()
    {
        var list = await TakenListAsync();
        var taker = list.List.PickerName!;
        await ActAsPickerAsync("Pat Picker");

        RenderPopoverProvider();
        var cut = Render<PickWalkPage>(p => p.Add(x => x.Id, list.List.Id));

        cut.WaitForAssertion(() => Assert.Contains($"Taken by {taker}", Text(cut, "read-only")));
        Assert.Empty(cut.FindAll("[data-testid=pick-scan]"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Take", StringComparison.Ordinal));
        Assert.Equal(3, cut.FindAll(".pick-lines-item").Count);
    }
}

/// <summary>A location that asks for the position scan first (the setting is off by default).</summary>
public sealed class PickWalkPositionScanTests : PickScreenTest
{
    private readonly List<Guid> _scanPositionAt = [];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<PickScreenOptions>(o => o.ScanPositionAt = _scanPositionAt);

    [Fact]
    public async Task TheSkuScanBeforeThePosition_RecordsNothing_ThenPositionAndSkuRecordTheUnit()
    {
        var location = await AddLocationAsync("York DC", "P1");
        _scanPositionAt.Add(location.Location.Id);
        var list = await AddListAsync(location.Location.Id, null, [("SKU-A", 2, "P1")]);
        await ActAsPickerAsync();
        await Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Take }, list.List.Version);
        RenderPopoverProvider();
        var cut = Render<PickWalkPage>(p => p.Add(x => x.Id, list.List.Id));
        void scan(string code)
        {
            cut.Find("[data-testid=pick-scan]").Input(code);
            cut.Find("form.pick-scan").Submit();
        }

        Assert.Equal("Scan the position P1", cut.Find("[data-testid=pick-prompt]").TextContent.Trim());
        scan("SKU-A");
        cut.WaitForAssertion(() => Assert.Contains("Scan the position first: expected position P1", cut.Find("[data-testid=pick-feedback]").TextContent));
        Assert.All(await UnitsOfListAsync(list.List.Id), u => Assert.Equal(UnitState.Listed, u.State));

        scan("p1");
        cut.WaitForAssertion(() => Assert.Equal("Scan the SKU SKU-A", cut.Find("[data-testid=pick-prompt]").TextContent.Trim()));
        scan("SKU-A");

        cut.WaitForAssertion(() => Assert.Contains("1 × SKU-A picked", cut.Find("[data-testid=pick-feedback]").TextContent));
        Assert.Single(await UnitsOfListAsync(list.List.Id), u => u.State == UnitState.Handled);
        // The same line goes on: its position is still confirmed, so the next unit needs only the SKU.
        Assert.Equal("Scan the SKU SKU-A", cut.Find("[data-testid=pick-prompt]").TextContent.Trim());
    }
}
