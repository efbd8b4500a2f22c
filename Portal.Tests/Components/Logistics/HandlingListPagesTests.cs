using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;

namespace Portal.Tests.Components.Logistics;

/// <summary>The board of lists by state, and a list's page with its lines, totes and state actions (each with its field errors).</summary>
public sealed class HandlingListPagesTests : LogisticsComponentTest
{
    private HandlingListDetails _open = default!, _held = default!;
    private Guid _locationId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _locationId = (await AddLocationAsync("Leeds DC", "A1", "B1")).Location.Id;
        var first = await AddShipmentAsync(_locationId, "ORD-1", ("SKU-1", 2, "B1"), ("SKU-2", 1, "A1"));
        var second = await AddShipmentAsync(_locationId, "ORD-2", ("SKU-1", 1, "B1"));
        _open = await Lists.CreateAsync(new CreateHandlingList { Shipments = [new ListShipment(first.Shipment.Id), new ListShipment(second.Shipment.Id)], DueAt = DateTimeOffset.UtcNow.AddHours(-1) });
        var third = await AddShipmentAsync(_locationId, "ORD-3", ("SKU-3", 1, "A1"));
        var held = await Lists.CreateAsync(new CreateHandlingList { Shipments = [new ListShipment(third.Shipment.Id)] });
        _held = await Lists.ChangeStateAsync(held.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Hold, Reason = "Forklift broken" }, held.List.Version);
    }

    [Fact]
    public void The_board_puts_each_list_in_its_states_column_with_progress_and_overdue_in_red()
    {
        var cut = Render<HandlingLists>();

        cut.WaitForAssertion(() => Assert.Contains(_open.List.Number, cut.Find("[data-testid=column-open]").TextContent), Wait);
        Assert.Contains(_held.List.Number, cut.Find("[data-testid=column-on-hold]").TextContent);
        Assert.Contains("Forklift broken", cut.Find("[data-testid=column-on-hold]").TextContent);
        Assert.DoesNotContain(_open.List.Number, cut.Find("[data-testid=column-on-hold]").TextContent);
        var card = cut.Find("[data-testid=column-open] [data-testid=list-card]");
        Assert.Contains("0 / 4 units", card.TextContent);
        Assert.Contains("Overdue", card.QuerySelector(".overdue")!.TextContent);
        Assert.Contains("None.", cut.Find("[data-testid=column-in-progress]").TextContent);
    }

    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    private IRenderedComponent<HandlingListDetail> RenderDetail(Guid id)
    {
        _dialogs = RenderDialogProvider();
        var cut = Render<HandlingListDetail>(p => p.Add(d => d.Id, id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=list-state]")), Wait);
        return cut;
    }

    [Fact]
    public void The_list_page_shows_lines_in_walk_order_and_the_shipments_with_their_totes()
    {
        var cut = RenderDetail(_open.List.Id);

        var positions = cut.FindAll("tbody tr td[data-label=Position]").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["A1", "B1"], positions);
        Assert.Contains("A ×2, B ×1", cut.FindAll("tbody tr").First(r => r.TextContent.Contains("SKU-1")).TextContent);
        cut.FindAll(".mud-tab").First(t => t.TextContent.StartsWith("Shipments")).Click();
        cut.WaitForAssertion(() => Assert.Equal(["A", "B"], cut.FindAll("tbody tr td[data-label=Tote]").Select(td => td.TextContent.Trim())), Wait);
    }

    [Fact]
    public async Task Assign_without_a_picker_says_so_under_the_field_and_with_one_assigns()
    {
        var picker = await CreateUserAsync("Wendy Warehouse", "wendy@test.example", Roles.Warehouse);
        var cut = RenderDetail(_open.List.Id);

        Button(cut, "Assign picker").Click();
        _dialogs.WaitForAssertion(() => Assert.NotEmpty(_dialogs.FindAll(".mud-dialog")), Wait);
        _dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Assign").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Choose the picker.", _dialogs.Find(".mud-dialog").TextContent), Wait);

        await _dialogs.InvokeAsync(() => _dialogs.FindComponent<MudSelect<Guid?>>().Instance.SelectOption(picker.Id));
        _dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Assign").Click();

        cut.WaitForAssertion(() => Assert.Equal("Wendy Warehouse", cut.Find("[data-testid=list-picker]").TextContent.Trim()), Wait);
        Assert.Equal(HandlingListState.Assigned, (await Lists.GetAsync(_open.List.Id)).List.State);
    }

    [Fact]
    public async Task Hold_needs_a_reason_and_release_brings_the_list_back()
    {
        var cut = RenderDetail(_open.List.Id);

        Button(cut, "Hold").Click();
        _dialogs.WaitForAssertion(() => Assert.NotEmpty(_dialogs.FindAll(".mud-dialog")), Wait);
        _dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Put on hold").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Say why the list is put on hold.", FieldText(InputLabelled(_dialogs, "Reason"))), Wait);
        Assert.Equal(HandlingListState.Open, (await Lists.GetAsync(_open.List.Id)).List.State);

        InputLabelled(_dialogs, "Reason").Input("Stock count");
        _dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Put on hold").Click();
        cut.WaitForAssertion(() => Assert.Contains("On hold: Stock count", cut.Markup), Wait);

        Button(cut, "Release").Click();
        cut.WaitForAssertion(() => Assert.Contains("Open", cut.Find("[data-testid=list-state]").TextContent), Wait);
    }

    [Fact]
    public async Task Cancel_asks_first_and_puts_the_shipments_back_to_open()
    {
        var cut = RenderDetail(_open.List.Id);

        Button(cut, "Cancel list").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("go back to open", _dialogs.Find(".mud-dialog").TextContent), Wait);
        _dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Cancel list").Click();

        cut.WaitForAssertion(() => Assert.Contains("Cancelled", cut.Find("[data-testid=list-state]").TextContent), Wait);
        var open = await ShipmentsService.ListAsync(new ShipmentQuery { Status = ShipmentStatus.Open, LocationId = _locationId });
        Assert.Equal(2, open.Total);
    }

    [Fact]
    public void A_viewer_reads_the_list_but_is_offered_no_action()
    {
        ActAs(Guid.CreateVersion7(), Roles.Viewer, "viewer@test.example");
        var cut = RenderDetail(_open.List.Id);

        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Assign picker" or "Hold" or "Cancel list" or "Release");
    }
}
