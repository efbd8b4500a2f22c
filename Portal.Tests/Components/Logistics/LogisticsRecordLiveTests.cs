using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.LiveUpdates;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;
using Portal.Tests.Domain.Logistics;
using Portal.Tests.Support;

namespace Portal.Tests.Components.Logistics;

/// <summary>
/// The Logistics record pages are live like the organisation page: who has them open is known (presence), a handling
/// list's page follows another picker's picks, and a shipment's page follows staff's changes.
/// </summary>
public sealed class LogisticsRecordLiveTests : PickScreenTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private PresenceTracker Presence => Services.GetRequiredService<PresenceTracker>();

    [Fact]
    public async Task A_handling_list_page_shows_who_has_it_open_and_follows_another_pickers_picks()
    {
        var location = await AddLocationAsync("Leeds DC", "P1");
        var list = await AddListAsync(location.Location.Id, null, [("SKU-A", 2, "P1")]);
        RenderDialogProvider();
        var cut = Render<HandlingListDetail>(p => p.Add(x => x.Id, list.List.Id));
        cut.WaitForAssertion(() => Assert.Contains("0 handled", cut.Markup), Wait);
        Assert.Contains(Presence.Viewers(nameof(HandlingList), list.List.Id.ToString()), v => v.Name == AdminEmail);

        var picker = await ActAsPickerAsync("Pat Picker");
        var pickerEmail = CurrentUser.Name;
        ActAs(AdminId, Roles.Admin, AdminEmail);
        await AsAsync(picker.Id, Roles.Warehouse, pickerEmail, sp =>
            sp.GetRequiredService<PickService>().RecordAsync(list.List.Id, new RecordPick { Key = "k1", Sku = "SKU-A", Quantity = 1 }));
        cut.WaitForAssertion(() => Assert.Contains("1 handled", cut.Markup), Wait);
    }

    [Fact]
    public async Task A_shipment_page_shows_who_has_it_open_and_says_when_staff_cancel_it_elsewhere()
    {
        var location = await AddLocationAsync("Leeds DC", "P1");
        var shipment = await Services.GetRequiredService<ShipmentService>().CreateAsync(LogisticsTestData.NewShipment(location.Location.Id, [("SKU-A", 1, "P1")]));
        RenderDialogProvider();
        var cut = Render<ShipmentDetail>(p => p.Add(x => x.Id, shipment.Shipment.Id));
        cut.WaitForAssertion(() => Assert.Contains(shipment.Shipment.Number, cut.Markup), Wait);
        Assert.Contains(Presence.Viewers(nameof(Shipment), shipment.Shipment.Id.ToString()), v => v.Name == AdminEmail);

        await AsAsync(Guid.CreateVersion7(), Roles.Staff, "planner@test.example", sp => sp.GetRequiredService<ShipmentService>()
            .CancelAsync(shipment.Shipment.Id, new CancelShipment { Reason = "Customer called" }, shipment.Shipment.Version));
        cut.WaitForAssertion(() => Assert.Contains("planner@test.example changed this shipment", cut.Find("[data-testid=changed-elsewhere]").TextContent), Wait);
    }
}
