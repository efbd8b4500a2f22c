using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;
using Portal.Tests.Support;

namespace Portal.Tests.Components.Logistics;

/// <summary>The pick screen follows the list live: another picker's picks and staff's changes show without a reload.</summary>
public sealed class PickWalkLiveTests : PickScreenTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        JSInterop.SetupModule("./js/pick.js").Mode = JSRuntimeMode.Loose;
    }

    private static string Progress(IRenderedComponent<PickWalkPage> cut) => cut.Find("[data-testid=pick-progress] .pick-progress-text span").TextContent.Trim();

    [Fact]
    public async Task Another_pickers_pick_and_a_hold_by_staff_show_on_an_open_pick_screen()
    {
        var location = await AddLocationAsync("Leeds DC", "P1", "P2");
        var list = await AddListAsync(location.Location.Id, null, [("SKU-A", 1, "P1"), ("SKU-B", 2, "P2")]);
        var picker = await ActAsPickerAsync("Pat Picker");
        var pickerEmail = CurrentUser.Name;
        var taken = await Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Take }, list.List.Version);
        ActAs(AdminId, Roles.Admin, AdminEmail); // the Admin watches the list Pat is picking
        RenderPopoverProvider();
        var cut = Render<PickWalkPage>(p => p.Add(x => x.Id, list.List.Id));
        cut.WaitForAssertion(() => Assert.Equal("0 of 3 units done", Progress(cut)), Wait);

        await AsAsync(picker.Id, Roles.Warehouse, pickerEmail, sp =>
            sp.GetRequiredService<PickService>().RecordAsync(list.List.Id, new RecordPick { Key = "k1", Sku = "SKU-A", Quantity = 1 }));
        cut.WaitForAssertion(() => Assert.Equal("1 of 3 units done", Progress(cut)), Wait);

        var current = await Lists.GetAsync(list.List.Id);
        await AsAsync(Guid.CreateVersion7(), Roles.Admin, "planner@test.example", sp => sp.GetRequiredService<HandlingListService>()
            .ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Hold, Reason = "Dock closed" }, current.List.Version));
        cut.WaitForAssertion(() => Assert.Contains("Dock closed", cut.Markup), Wait);
        Assert.NotNull(taken);
    }
}
