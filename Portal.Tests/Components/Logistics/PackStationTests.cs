using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Logistics;
using Portal.Features.Logistics;
using Portal.Tests.Domain.Logistics;
using ZXing;
using ZXing.OneD;

namespace Portal.Tests.Components.Logistics;

/// <summary>The packing station against the real services: what a scan boxes, and what it refuses.</summary>
public sealed class PackStationTests : PickScreenTest
{
    private BunitJSModuleInterop _module = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _module = JSInterop.SetupModule("./js/pick.js");
        _module.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>A list picked to the end: tote A is MUG ×2, tote B is CUP ×1; answers both shipments' ids. Signed in as the picker.</summary>
    private async Task<(Guid Mine, Guid Other, HandlingListDetails List)> PickedAsync(Guid? methodId = null)
    {
        var location = await AddLocationAsync("Leeds DC", "P1", "P2");
        var shipments = Services.GetRequiredService<ShipmentService>();
        var mine = LogisticsTestData.NewShipment(location.Location.Id, ("MUG", 2, "P1"));
        mine.MethodId = methodId;
        var a = await shipments.CreateAsync(mine);
        var b = await shipments.CreateAsync(LogisticsTestData.NewShipment(location.Location.Id, ("CUP", 1, "P2")));
        var list = await Lists.CreateAsync(new CreateHandlingList { Shipments = [new ListShipment(a.Shipment.Id), new ListShipment(b.Shipment.Id)] });
        await ActAsPickerAsync();
        var picks = Services.GetRequiredService<PickService>();
        await picks.RecordAsync(list.List.Id, LogisticsTestData.Pick("MUG", 2));
        await picks.RecordAsync(list.List.Id, LogisticsTestData.Pick("CUP"));
        return (a.Shipment.Id, b.Shipment.Id, await Lists.GetAsync(list.List.Id));
    }

    private IRenderedComponent<PackStation> RenderStation(Guid shipmentId)
    {
        RenderPopoverProvider();
        Render<MudBlazor.MudSnackbarProvider>();
        var cut = Render<PackStation>(p => p.Add(x => x.ShipmentId, shipmentId));
        cut.WaitForElement("[data-testid=pack-scan]");
        return cut;
    }

    private static void Scan(IRenderedComponent<PackStation> cut, string code)
    {
        cut.Find("[data-testid=pack-scan]").Input(code);
        cut.Find("form.pick-scan").Submit();
    }

    private static void Tap(IRenderedComponent<PackStation> cut, string text) =>
        cut.FindAll("button").First(b => b.TextContent.Trim() == text).Click();

    private static string Feedback(IRenderedComponent<PackStation> cut) => cut.Find("[data-testid=pack-feedback]").TextContent.Trim();

    private async Task<List<ShipmentUnit>> UnitsAsync(Guid shipmentId)
    {
        await using var db = await DbAsync();
        return await db.ShipmentUnits.AsNoTracking().Where(u => u.ShipmentId == shipmentId).ToListAsync();
    }

    [Fact]
    public async Task ScanningAPickedSku_BoxesOneUnitIntoTheOpenParcel()
    {
        var (mine, _, _) = await PickedAsync();
        var cut = RenderStation(mine);
        Assert.Contains("To box: 2 units", cut.Find("[data-testid=pack-tobox]").TextContent);

        Tap(cut, "New parcel");
        cut.WaitForAssertion(() => Assert.Contains("/1 is open", Feedback(cut)));
        Scan(cut, "mug"); // a scanner's case does not matter

        cut.WaitForAssertion(() => Assert.Contains("1 × MUG boxed in SH-", Feedback(cut)));
        Assert.Contains("pick-feedback-good", cut.Find("[data-testid=pack-feedback]").ClassName);
        Assert.Contains(_module.Invocations, i => i.Identifier == "tone" && Equals(i.Arguments[0], "good"));
        Assert.Contains("To box: 1 unit", cut.Find("[data-testid=pack-tobox]").TextContent);
        Assert.Equal("× 1", cut.Find("[data-testid=pack-parcel-count]").TextContent.Trim());
        Assert.Contains("is not complete: 1 unit(s) are not packed yet", cut.Find("[data-testid=pack-warning]").TextContent); // before it is handed over
        var units = await UnitsAsync(mine);
        Assert.Equal(1, units.Count(u => u.State == UnitState.Boxed));
        Assert.Equal(1, units.Count(u => u.State == UnitState.Handled));
        Assert.Empty(cut.FindAll("[data-testid=pack-complete]"));
    }

    [Fact]
    public async Task AnItemOfAnotherShipment_IsRefusedNamingItsToteAndShipment_WithALowTone_AndBoxesNothing()
    {
        var (mine, other, list) = await PickedAsync();
        var otherNumber = list.Shipments.Single(s => s.ShipmentId == other).Number;
        var cut = RenderStation(mine);
        Tap(cut, "New parcel");
        cut.WaitForAssertion(() => Assert.Contains("is open", Feedback(cut)));

        Scan(cut, "CUP"); // tote B's item, on the packer's table by mistake

        cut.WaitForAssertion(() => Assert.Contains($"This CUP belongs to {otherNumber} (tote B)", Feedback(cut)));
        Assert.Contains("put it back in its own tote", Feedback(cut));
        Assert.Contains("pick-feedback-wrong", cut.Find("[data-testid=pack-feedback]").ClassName);
        Assert.Contains(_module.Invocations, i => i.Identifier == "tone" && Equals(i.Arguments[0], "wrong"));

        // The same by the unit's own id, and a SKU on no shipment of the list.
        var cup = (await UnitsAsync(other)).Single();
        Scan(cut, cup.Id.ToString());
        cut.WaitForAssertion(() => Assert.Contains($"This CUP belongs to {otherNumber}, not", Feedback(cut)));
        Scan(cut, "PLATE");
        cut.WaitForAssertion(() => Assert.Contains("PLATE is not on SH-", Feedback(cut)));

        Assert.DoesNotContain(await UnitsAsync(mine), u => u.State == UnitState.Boxed);
        Assert.Equal(UnitState.Handled, (await UnitsAsync(other)).Single().State);
    }

    [Fact]
    public async Task AScanBeforeAnyParcel_IsRefused_AndAsksForANewParcel()
    {
        var (mine, _, _) = await PickedAsync();
        var cut = RenderStation(mine);

        Scan(cut, "MUG");

        cut.WaitForAssertion(() => Assert.Contains("No open parcel for MUG: press New parcel first", Feedback(cut)));
        Assert.DoesNotContain(await UnitsAsync(mine), u => u.State == UnitState.Boxed);
    }

    [Fact]
    public async Task AWeightAboveTheMethodsMaximum_IsWarnedAbout_ButSaved()
    {
        var method = await Services.GetRequiredService<ShippingMethodService>().CreateAsync(new ShippingMethodFields
        {
            Carrier = "royal-mail", Service = "tracked-48", Name = "Tracked 48", Countries = ["GB"], MaxWeightGrams = 2000,
        });
        var (mine, _, _) = await PickedAsync(method.Id);
        var cut = RenderStation(mine);
        Assert.Contains("Tracked 48 (max 2 kg)", cut.Find("[data-testid=pack-head]").TextContent);
        Tap(cut, "New parcel");
        cut.WaitForElement("[data-testid=pack-weight]");
        Assert.Empty(cut.FindAll("[data-testid=pack-warning]"));

        cut.Find("[data-testid=pack-weight]").Change("2500");
        cut.Find("form.pack-measure").Submit();

        cut.WaitForAssertion(() => Assert.Contains("2.5 kg is over Tracked 48's maximum of 2 kg", cut.Find("[data-testid=pack-warning]").TextContent));
        Assert.Contains("pick-feedback-wrong", cut.Find("[data-testid=pack-feedback]").ClassName);
        await using var db = await DbAsync();
        Assert.Equal(2500, (await db.Parcels.AsNoTracking().SingleAsync(p => p.ShipmentId == mine)).WeightGrams);
    }

    [Fact]
    public async Task BoxingEveryUnit_MakesTheShipmentComplete_ThenHandToCarrierPutsItInTransit()
    {
        var (mine, _, _) = await PickedAsync();
        var cut = RenderStation(mine);
        Tap(cut, "New parcel");
        cut.WaitForAssertion(() => Assert.Contains("is open", Feedback(cut)));
        Scan(cut, "MUG");
        cut.WaitForAssertion(() => Assert.Contains("To box: 1 unit", cut.Find("[data-testid=pack-tobox]").TextContent));
        Scan(cut, "MUG");

        cut.WaitForAssertion(() => Assert.Contains("is complete: every unit is boxed or missing", cut.Find("[data-testid=pack-complete]").TextContent));
        Assert.Contains("is complete.", Feedback(cut));
        Assert.Contains("To box: 0 units", cut.Find("[data-testid=pack-tobox]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=pack-warning]"));

        Tap(cut, "Hand to carrier");

        cut.WaitForAssertion(() => Assert.Equal("In transit", cut.Find("[data-testid=pack-parcel-state]").TextContent.Trim()));
        Assert.Contains("handed to the carrier", Feedback(cut));
        Assert.Equal(ShipmentStatus.InTransit, (await ShipmentsStatusAsync(mine)));
        Assert.All(await UnitsAsync(mine), u => Assert.Equal(UnitState.InTransit, u.State));

        Tap(cut, "Mark finished");
        cut.WaitForAssertion(() => Assert.Equal("Finished", cut.Find("[data-testid=pack-parcel-state]").TextContent.Trim()));
        Assert.Equal(ShipmentStatus.Finished, await ShipmentsStatusAsync(mine));
    }

    [Fact]
    public async Task RemoveOne_TakesTheLastBoxedUnitOut_AndItWaitsToBeBoxedAgain()
    {
        var (mine, _, _) = await PickedAsync();
        var cut = RenderStation(mine);
        Tap(cut, "New parcel");
        cut.WaitForAssertion(() => Assert.Contains("is open", Feedback(cut)));
        Scan(cut, "MUG");
        cut.WaitForElement("[data-testid=pack-parcel-count]");

        cut.Find("button[aria-label^='Remove one MUG from']").Click();

        cut.WaitForAssertion(() => Assert.Contains("To box: 2 units", cut.Find("[data-testid=pack-tobox]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=pack-parcel-count]"));
        Assert.All(await UnitsAsync(mine), u => Assert.Equal(UnitState.Handled, u.State));
    }

    private async Task<ShipmentStatus> ShipmentsStatusAsync(Guid id) => (await Services.GetRequiredService<ShipmentService>().GetAsync(id)).Shipment.Status;

    [Fact]
    public async Task FindingByPickListAndTote_OpensThatShipmentsStation()
    {
        var (_, other, list) = await PickedAsync();
        RenderPopoverProvider();
        var cut = Render<PackStart>();
        void scan(string code)
        {
            cut.Find("[data-testid=pack-find]").Input(code);
            cut.Find("form.pick-scan").Submit();
        }

        scan(list.List.Number); // the printed pick list's barcode, then the tote's label
        cut.WaitForAssertion(() => Assert.Contains($"Totes of {list.List.Number}", cut.Find("[data-testid=pack-totes]").TextContent));
        scan("b");
        cut.WaitForAssertion(() => Assert.EndsWith($"/pack/{other}", Navigation.Uri));

        scan($"{list.List.Number}/C");
        cut.WaitForAssertion(() => Assert.Contains($"{list.List.Number} has no tote C", cut.Find("[data-testid=pack-feedback]").TextContent));
        scan("HL-999999");
        cut.WaitForAssertion(() => Assert.Contains("There is no pick list HL-999999", cut.Find("[data-testid=pack-feedback]").TextContent));
    }

    [Theory]
    [InlineData("SH-000123", "ShipmentNumber:SH-000123")]
    [InlineData("sh123", "ShipmentNumber:SH-000123")]
    [InlineData("HL-000042", "ListNumber:HL-000042")]
    [InlineData("HL-000042/a", "Tote:HL-000042:A")]
    [InlineData("hl42 B", "Tote:HL-000042:B")]
    [InlineData(" mug-1 ", "Sku:MUG-1")]
    public void PackScan_ReadsShipmentsListsTotesAndSkus(string code, string expected)
    {
        var read = PackScan.Parse(code) switch
        {
            PackScan.ShipmentNumber s => $"ShipmentNumber:{s.Number}",
            PackScan.ListNumber l => $"ListNumber:{l.Number}",
            PackScan.Tote t => $"Tote:{t.List}:{t.Label}",
            PackScan.Sku k => $"Sku:{k.Code}",
            var other => other.ToString(),
        };
        Assert.Equal(expected, read);
    }
}

/// <summary>The label and the packing slip as the browser prints them.</summary>
public sealed class PackPrintTests : PickScreenTest
{
    [Fact]
    public async Task TheLabel_HasTheAddressWeightAndTheParcelNameAsCode128_AndTheSlipCountsEachParcel()
    {
        var location = await AddLocationAsync("Leeds DC", "P1", "P2");
        var list = await AddListAsync(location.Location.Id, null, [("MUG", 2, "P1"), ("CUP", 1, "P2")]);
        var shipmentId = list.Shipments[0].ShipmentId;
        await ActAsPickerAsync();
        var picks = Services.GetRequiredService<PickService>();
        await picks.RecordAsync(list.List.Id, LogisticsTestData.Pick("MUG", 2));
        await picks.RecordAsync(list.List.Id, new RecordPick { Key = "gone", Sku = "CUP", Missing = true });
        var parcels = Services.GetRequiredService<ParcelService>();
        var first = await parcels.CreateAsync(new CreateParcel { ShipmentId = shipmentId, WeightGrams = 1250 });
        await parcels.AddItemsAsync(first.Parcel.Id, new AddParcelItems { Sku = "MUG" });
        var second = await parcels.CreateAsync(new CreateParcel { ShipmentId = shipmentId });
        await parcels.AddItemsAsync(second.Parcel.Id, new AddParcelItems { Sku = "MUG" });
        RenderPopoverProvider();

        var label = Render<ParcelLabelPrint>(p => p.Add(x => x.ParcelId, first.Parcel.Id));
        label.WaitForElement("[data-testid=parcel-label]");
        Assert.Equal(["Ada Lovelace", "1 High Street", "YO1 7HH York", "United Kingdom"],
            label.FindAll("[data-testid=parcel-label-address]").Select(a => a.TextContent).ToArray());
        Assert.Equal("1.25 kg", label.Find("[data-testid=parcel-label-weight]").TextContent);
        Assert.Contains("1 of 2", label.Find("[data-testid=parcel-label]").TextContent);
        var code = label.Find("[data-testid=parcel-label-code]");
        Assert.Equal(first.Parcel.Name, code.QuerySelector(".pick-sheet-text")!.TextContent);
        var svg = code.QuerySelector("svg.barcode")!;
        Assert.Null(svg.GetAttribute("style")); // the CSP allows no inline style
        var bars = new Code128Writer().encode(first.Parcel.Name, BarcodeFormat.CODE_128, 0, 0);
        Assert.Equal(Enumerable.Range(0, bars.Width).Count(x => bars[x, 0]), svg.QuerySelectorAll("rect").Sum(r => int.Parse(r.GetAttribute("width")!)));

        var slip = Render<PackingSlipPrint>(p => p.Add(x => x.ShipmentId, shipmentId));
        var rows = slip.WaitForElements("[data-testid=packing-slip-line]")
            .Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["MUG", "MUG item", "2", "1", "1", "0"], rows[0]);
        Assert.Equal(["CUP", "CUP item", "1", "0", "0", "1"], rows[1]);
        Assert.Contains("Parcel 2", slip.Find("[data-testid=packing-slip] thead").TextContent);
    }
}

/// <summary>Where a packer comes from: a finished list's tote summary and the shipment's page.</summary>
public sealed class PackLinksTests : PickScreenTest
{
    [Fact]
    public async Task AFinishedListsToteSummary_LinksEachShipmentToItsPackingStation_AnUnfinishedOneDoesNot()
    {
        var location = await AddLocationAsync("Leeds DC", "P1");
        var list = await AddListAsync(location.Location.Id, null, [("MUG", 1, "P1")]);
        await ActAsPickerAsync();
        await Services.GetRequiredService<PickService>().RecordAsync(list.List.Id, LogisticsTestData.Pick("MUG"));
        var picked = await Lists.GetAsync(list.List.Id);
        Assert.Empty(Render<ToteSummary>(p => p.Add(x => x.Details, picked)).FindAll("a"));

        var finished = await Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Finish }, picked.List.Version);
        var summary = Render<ToteSummary>(p => p.Add(x => x.Details, finished));

        var link = summary.Find("tbody a");
        Assert.Equal($"/pack/{finished.Shipments[0].ShipmentId}", link.GetAttribute("href"));
        Assert.Equal(finished.Shipments[0].Number, link.TextContent);
    }

    [Fact]
    public async Task APickedShipmentsPage_OffersPack_ToTheWarehouse_NotToStaff()
    {
        var location = await AddLocationAsync("Leeds DC", "P1");
        var list = await AddListAsync(location.Location.Id, null, [("MUG", 1, "P1")]);
        var shipmentId = list.Shipments[0].ShipmentId;
        await ActAsPickerAsync();
        await Services.GetRequiredService<PickService>().RecordAsync(list.List.Id, LogisticsTestData.Pick("MUG"));
        RenderDialogProvider();
        IRenderedComponent<ShipmentDetail> page()
        {
            var cut = Render<ShipmentDetail>(p => p.Add(d => d.Id, shipmentId));
            cut.WaitForAssertion(() => Assert.Contains("Picked", cut.Find("[data-testid=shipment-status]").TextContent));
            return cut;
        }

        Assert.Equal($"/pack/{shipmentId}", page().FindAll("a").Single(a => a.TextContent.Trim() == "Pack").GetAttribute("href"));

        ActAs(Guid.CreateVersion7(), Portal.Domain.Common.Roles.Staff, "planner@test.example");
        Assert.DoesNotContain(page().FindAll("a"), a => a.TextContent.Trim() == "Pack");
    }
}
