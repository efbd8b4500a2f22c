using Bunit;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;

namespace Portal.Tests.Components.Logistics;

/// <summary>The shipments list: its columns, the filters in its address, and what a viewer is not offered.</summary>
public sealed class ShipmentsGridTests : LogisticsComponentTest
{
    private Guid _locationId;
    private ShipmentDetails _open = default!, _listed = default!, _missing = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _locationId = (await AddLocationAsync("Leeds DC", "A1", "A2")).Location.Id;
        _open = await AddShipmentAsync(_locationId, "ORD-OPEN", ("SKU-1", 3, "A1"));
        _listed = await AddShipmentAsync(_locationId, "ORD-LISTED", ("SKU-2", 2, "A2"));
        _missing = await AddShipmentAsync(_locationId, "ORD-MISSING", ("SKU-3", 1, "A1"));
        await Lists.CreateAsync(new CreateHandlingList { Shipments = [new ListShipment(_listed.Shipment.Id), new ListShipment(_missing.Shipment.Id)] });
        var unit = (await ShipmentsService.GetAsync(_missing.Shipment.Id)).Units.Single();
        await ShipmentsService.SetMissingAsync(_missing.Shipment.Id, new SetUnitsMissing { UnitIds = [unit.Id], Reason = "Shelf empty" });
    }

    private bool _providers;

    private IRenderedComponent<Shipments> RenderAt(string url)
    {
        if (!_providers) RenderDialogProvider();
        _providers = true;
        Navigation.NavigateTo(url);
        return Render<Shipments>();
    }

    private static List<string> Numbers(IRenderedComponent<Shipments> cut) =>
        cut.FindAll("tbody a.row-link").Select(a => a.TextContent.Trim()).ToList();

    private static string RowOf(IRenderedComponent<Shipments> cut, string number) =>
        cut.FindAll("tbody tr").First(r => r.TextContent.Contains(number)).TextContent;

    [Fact]
    public void Shows_number_reference_status_warnings_and_units_of_each_shipment()
    {
        var cut = RenderAt("/shipments?sort=number");

        cut.WaitForAssertion(() => Assert.Equal([_open.Shipment.Number, _listed.Shipment.Number, _missing.Shipment.Number], Numbers(cut)), Wait);
        var open = RowOf(cut, _open.Shipment.Number);
        Assert.Contains("ORD-OPEN", open);
        Assert.Contains("Open", open);
        Assert.Contains("0 / 3", open);
        Assert.Contains("Leeds DC", open);
        Assert.Contains("Ada Lovelace", open);
        Assert.DoesNotContain("Missing units", open);
        var missing = RowOf(cut, _missing.Shipment.Number);
        Assert.Contains("Listed", missing);
        Assert.Contains("Missing units", missing);
        Assert.Contains("1 missing", missing);
        Assert.Equal(_missing.Shipment.Number, cut.FindAll("tbody tr").Single(r => r.QuerySelector(".warning-badge") is not null).QuerySelector("a.row-link")!.TextContent.Trim());
    }

    [Fact]
    public void The_status_and_warning_in_the_address_narrow_the_rows()
    {
        var listed = RenderAt("/shipments?status=Listed&sort=number");
        listed.WaitForAssertion(() => Assert.Equal([_listed.Shipment.Number, _missing.Shipment.Number], Numbers(listed)), Wait);

        var warned = RenderAt("/shipments?warning=true");
        warned.WaitForAssertion(() => Assert.Equal([_missing.Shipment.Number], Numbers(warned)), Wait);
    }

    [Fact]
    public void Search_finds_a_shipment_by_its_order_reference_or_a_sku()
    {
        var byReference = RenderAt("/shipments?q=ord-listed");
        byReference.WaitForAssertion(() => Assert.Equal([_listed.Shipment.Number], Numbers(byReference)), Wait);

        var bySku = RenderAt("/shipments?q=SKU-1");
        bySku.WaitForAssertion(() => Assert.Equal([_open.Shipment.Number], Numbers(bySku)), Wait);
    }

    [Fact]
    public void Staff_can_select_rows_and_create_a_list_and_the_export_follows_the_filter()
    {
        ActAs(Guid.CreateVersion7(), Roles.Staff, "planner@test.example");
        var cut = RenderAt("/shipments?status=Open");

        cut.WaitForAssertion(() => Assert.Equal([_open.Shipment.Number], Numbers(cut)), Wait);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Create handling list");
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Create from rule");
        Assert.NotEmpty(cut.FindAll("tbody input[type=checkbox]"));
        Assert.Contains("/api/v1/shipments/export?", cut.FindAll("a").First(a => a.TextContent.Contains("Export CSV")).GetAttribute("href"));
        Assert.Contains("status=Open", cut.FindAll("a").First(a => a.TextContent.Contains("Export CSV")).GetAttribute("href"));
    }

    [Fact]
    public void A_viewer_reads_the_list_but_is_offered_no_selection_or_list_making()
    {
        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");
        var cut = RenderAt("/shipments");

        cut.WaitForAssertion(() => Assert.Equal(3, Numbers(cut).Count), Wait);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Create handling list" or "Create from rule");
        Assert.Empty(cut.FindAll("tbody input[type=checkbox]"));
    }
}
