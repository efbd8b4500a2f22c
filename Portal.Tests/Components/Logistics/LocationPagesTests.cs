using Bunit;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;

namespace Portal.Tests.Components.Logistics;

/// <summary>The locations list and a location's page: positions in walk order (moved with the arrows, saved whole), add and remove, SKU defaults.</summary>
public sealed class LocationPagesTests : LogisticsComponentTest
{
    private LocationDetails _leeds = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _leeds = await AddLocationAsync("Leeds DC", "A-01", "A-02", "B-01");
        var bristol = await AddLocationAsync("Bristol Store", "S-1");
        await Locations.UpdateAsync(bristol.Location.Id, new LocationFields
        {
            Name = "Bristol Store", Line1 = "12 Broadmead", City = "Bristol", Postcode = "BS1 3HA", CountryCode = "GB", IsDisabled = true,
        }, bristol.Location.Version);
    }

    private IRenderedComponent<LocationDetail> RenderDetail(out IRenderedComponent<MudSnackbarProvider> snackbars)
    {
        RenderDialogProvider();
        snackbars = Render<MudSnackbarProvider>();
        var cut = Render<LocationDetail>(p => p.Add(d => d.Id, _leeds.Location.Id));
        cut.WaitForAssertion(() => Assert.Contains("Leeds DC", cut.Find("h1").TextContent), Wait);
        return cut;
    }

    private static List<string> ShownOrder(IRenderedComponent<LocationDetail> cut) =>
        [.. cut.FindAll("[data-testid=position-row] .position-code").Select(e => e.TextContent.Trim())];

    private async Task<List<string>> StoredOrderAsync() => [.. (await Locations.GetAsync(_leeds.Location.Id)).Positions.Select(p => p.Code)];

    [Fact]
    public void The_list_shows_each_location_with_its_positions_and_whether_it_is_in_use()
    {
        RenderDialogProvider();
        var cut = Render<Locations>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count), Wait);
        var leeds = cut.FindAll("tbody tr").First(r => r.TextContent.Contains("Leeds DC"));
        Assert.Contains("3", leeds.TextContent);
        Assert.Contains("Active", leeds.TextContent);
        Assert.Equal($"/locations/{_leeds.Location.Id}", leeds.QuerySelector("a.row-link")!.GetAttribute("href"));
        Assert.Contains("Disabled", cut.FindAll("tbody tr").First(r => r.TextContent.Contains("Bristol Store")).TextContent);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "New location");
    }

    [Fact]
    public void Moving_a_position_down_with_its_arrow_saves_the_whole_walk_order()
    {
        var cut = RenderDetail(out _);
        Assert.Equal(["A-01", "A-02", "B-01"], ShownOrder(cut));

        cut.FindAll("button").First(b => b.GetAttribute("aria-label") == "Move A-01 down").Click();

        cut.WaitForAssertion(() => Assert.Equal(["A-02", "A-01", "B-01"], ShownOrder(cut)), Wait);
        cut.WaitForAssertion(async () => Assert.Equal(["A-02", "A-01", "B-01"], await StoredOrderAsync()), Wait);
        cut.FindAll("button").First(b => b.GetAttribute("aria-label") == "Move B-01 up").Click();
        cut.WaitForAssertion(async () => Assert.Equal(["A-02", "B-01", "A-01"], await StoredOrderAsync()), Wait);
        Assert.True(cut.FindAll("button").First(b => b.GetAttribute("aria-label") == "Move A-02 up").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_reorder_naming_an_unknown_position_says_so_above_the_list_and_moves_nothing()
    {
        var cut = RenderDetail(out _);
        var positions = cut.FindComponent<LocationPositions>();

        await cut.InvokeAsync(() => positions.Instance.SaveOrderAsync(["B-01", "A-01", "Z-99"]));

        cut.WaitForAssertion(() => Assert.Contains("has no position Z-99", cut.Find("[data-testid=order-error]").TextContent), Wait);
        Assert.Equal(["A-01", "A-02", "B-01"], await StoredOrderAsync());
        Assert.Equal(["A-01", "A-02", "B-01"], ShownOrder(cut));
    }

    [Fact]
    public async Task A_position_is_added_last_and_one_that_is_a_skus_default_is_kept_with_the_reason()
    {
        await Locations.SetSkuDefaultsAsync(_leeds.Location.Id, new SetSkuDefaults { Items = [new SkuDefault("MUG-RED", "A-02")] },
            (await Locations.GetAsync(_leeds.Location.Id)).Location.Version);
        var cut = RenderDetail(out var snackbars);

        InputLabelled(cut, "New position").Input("c-01");
        Button(cut, "Add position").Click();
        cut.WaitForAssertion(() => Assert.Equal(["A-01", "A-02", "B-01", "C-01"], ShownOrder(cut)), Wait);

        InputLabelled(cut, "New position").Input("A-01");
        Button(cut, "Add position").Click();
        cut.WaitForAssertion(() => Assert.Contains("already has a position A-01", FieldText(InputLabelled(cut, "New position"))), Wait);

        cut.FindAll("button").First(b => b.GetAttribute("aria-label") == "Remove A-02").Click();
        snackbars.WaitForAssertion(() => Assert.Contains("A-02 is the default position of a SKU", snackbars.Markup), Wait);
        Assert.Contains("A-02", await StoredOrderAsync());

        cut.FindAll("button").First(b => b.GetAttribute("aria-label") == "Remove B-01").Click();
        cut.WaitForAssertion(() => Assert.Equal(["A-01", "A-02", "C-01"], ShownOrder(cut)), Wait);
        Assert.Equal(["A-01", "A-02", "C-01"], await StoredOrderAsync());
    }

    [Fact]
    public async Task A_skus_default_position_is_set_and_a_viewer_only_reads()
    {
        var cut = RenderDetail(out _);
        cut.FindAll(".mud-tab").First(t => t.TextContent.StartsWith("SKU defaults")).Click();

        cut.WaitForAssertion(() => InputLabelled(cut, "SKU"), Wait);
        InputLabelled(cut, "SKU").Input("mug-red");
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.SelectOption("B-01"));
        Button(cut, "Set default").Click();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("tbody tr"), r => r.TextContent.Contains("MUG-RED") && r.TextContent.Contains("B-01")), Wait);
        Assert.Equal("B-01", (await Locations.GetAsync(_leeds.Location.Id)).SkuDefaults.Single(d => d.Sku == "MUG-RED").Position);

        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");
        var viewer = Render<LocationDetail>(p => p.Add(d => d.Id, _leeds.Location.Id));
        viewer.WaitForAssertion(() => Assert.Equal(3, viewer.FindAll("[data-testid=position-row]").Count), Wait);
        Assert.DoesNotContain(viewer.FindAll("button"), b => b.TextContent.Trim() is "Edit" or "Add position" || (b.GetAttribute("aria-label") ?? "").StartsWith("Move"));
    }
}
