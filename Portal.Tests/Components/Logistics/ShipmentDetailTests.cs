using Bunit;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;

namespace Portal.Tests.Components.Logistics;

/// <summary>A shipment's page: its header, lines with per-state counts, the timeline of its units, and cancel for planners only.</summary>
public sealed class ShipmentDetailTests : LogisticsComponentTest
{
    private ShipmentDetails _shipment = default!;
    private HandlingListDetails _list = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var location = await AddLocationAsync("Leeds DC", "A1", "B1");
        _shipment = await AddShipmentAsync(location.Location.Id, "ORD-77", ("SKU-1", 2, "A1"), ("SKU-2", 1, "B1"));
        _list = await Lists.CreateAsync(new CreateHandlingList { Shipments = [new ListShipment(_shipment.Shipment.Id, "T1")] });
        var sku2 = (await ShipmentsService.GetAsync(_shipment.Shipment.Id)).Units.Single(u => u.Sku == "SKU-2");
        await ShipmentsService.SetMissingAsync(_shipment.Shipment.Id, new SetUnitsMissing { UnitIds = [sku2.Id], Reason = "Shelf empty" });
    }

    private IRenderedComponent<ShipmentDetail> RenderPage()
    {
        _dialogs = RenderDialogProvider();
        var cut = Render<ShipmentDetail>(p => p.Add(d => d.Id, _shipment.Shipment.Id));
        cut.WaitForAssertion(() => Assert.Contains(_shipment.Shipment.Number, cut.Find("h1").TextContent), Wait);
        return cut;
    }

    [Fact]
    public void Shows_the_header_the_list_link_and_the_per_state_counts_of_each_line()
    {
        var cut = RenderPage();

        Assert.Contains("Ada Lovelace", cut.Markup);
        Assert.Contains("Leeds DC", cut.Markup);
        Assert.Contains("Missing units", cut.Find("[data-testid=shipment-status]").TextContent);
        Assert.Equal($"/handling-lists/{_list.List.Id}", cut.Find("[data-testid=shipment-list] a").GetAttribute("href"));
        var sku2 = cut.FindAll("tbody tr").First(r => r.TextContent.Contains("SKU-2"));
        Assert.Equal("1", sku2.QuerySelector("td[data-label=Missing]")!.TextContent.Trim());
        var sku1 = cut.FindAll("tbody tr").First(r => r.TextContent.Contains("SKU-1"));
        Assert.Equal("2", sku1.QuerySelector("td[data-label=Listed]")!.TextContent.Trim());
    }

    [Fact]
    public void The_timeline_says_which_units_were_listed_and_which_went_missing_by_whom()
    {
        var cut = RenderPage();
        cut.FindAll(".mud-tab").First(t => t.TextContent.Trim() == "Timeline").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=shipment-timeline]")), Wait);
        var timeline = cut.Find("[data-testid=shipment-timeline]").TextContent;
        Assert.Contains($"Listed · 3 units · {_list.List.Number}, tote T1", timeline);
        Assert.Contains("Missing · 1 unit · Shelf empty", timeline);
        Assert.Contains(AdminEmail, timeline);
    }

    [Fact]
    public void Staff_cancel_after_confirming_and_the_page_shows_it_canceled()
    {
        ActAs(Guid.CreateVersion7(), Roles.Staff, "planner@test.example");
        var cut = RenderPage();

        Button(cut, "Cancel shipment").Click();
        _dialogs!.WaitForAssertion(() => Assert.NotNull(FindDialogButton("Cancel shipment")), Wait);
        FindDialogButton("Cancel shipment")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("Canceled", cut.Find("[data-testid=shipment-status]").TextContent), Wait);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Cancel shipment");
        Assert.Equal("Not on a list", cut.Find("[data-testid=shipment-list]").TextContent.Trim());
    }

    [Fact]
    public void A_viewer_reads_the_shipment_but_is_not_offered_cancel_or_a_backorder()
    {
        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");
        var cut = RenderPage();

        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Cancel shipment" or "Send missing again");
        Assert.Contains("mud-link", cut.Find("[data-testid=shipment-list] a").ClassName ?? ""); // the list's link looks like a link
    }

    [Fact]
    public async Task Staff_send_the_missing_unit_again_and_the_page_links_to_the_backorder()
    {
        ActAs(Guid.CreateVersion7(), Roles.Staff, "planner@test.example");
        var cut = RenderPage();

        Button(cut, "Send missing again").Click();
        _dialogs!.WaitForAssertion(() => Assert.NotNull(FindDialogButton("Make backorder")), Wait);
        Assert.Contains("Send 1 missing unit again?", _dialogs!.Markup);
        FindDialogButton("Make backorder")!.Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=backorders] a")), Wait);
        var backorder = (await ShipmentsService.GetAsync(_shipment.Shipment.Id)).Backorders.Single();
        Assert.Equal($"/shipments/{backorder.Id}", cut.Find("[data-testid=backorders] a").GetAttribute("href"));
        Assert.Equal(1, backorder.UnitCount);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Send missing again");
    }

    private AngleSharp.Dom.IElement? FindDialogButton(string text) =>
        _dialogs?.FindAll(".mud-dialog button").FirstOrDefault(b => b.TextContent.Trim() == text);

    private IRenderedComponent<MudBlazor.MudDialogProvider>? _dialogs;
}
