using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Logistics;
using Portal.Tests.Domain.Logistics;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>A packer on a 390 px phone boxes a picked tote into a parcel and hands it to the carrier; staff see it packed, then in transit.</summary>
public sealed class PackJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    private const string Staff = "staff@portal.test";

    /// <summary>
    /// The pick journey's list (tote A: SKU-A ×2 at P1, SKU-B ×1 at P2; tote B: SKU-C ×1 at P3), picked to the end: tote A's
    /// shipment waits to be packed.
    /// </summary>
    public static async Task<(string ListNumber, Guid ShipmentId, string ShipmentNumber, string OtherNumber)> ArrangePickedAsync(PortalAppFixture app, string tag)
    {
        var (_, _, listId, number) = await PickJourneyTests.ArrangeListAsync(app, tag);
        return await app.AsAdminAsync(async services =>
        {
            var picks = services.GetRequiredService<PickService>();
            await picks.RecordAsync(listId, LogisticsTestData.Pick("SKU-A", 2));
            await picks.RecordAsync(listId, LogisticsTestData.Pick("SKU-B"));
            await picks.RecordAsync(listId, LogisticsTestData.Pick("SKU-C"));
            var list = await services.GetRequiredService<HandlingListService>().GetAsync(listId);
            var a = list.Shipments.Single(s => s.Label == "A");
            var b = list.Shipments.Single(s => s.Label == "B");
            return (number, a.ShipmentId, a.Number, b.Number);
        });
    }

    private static async Task ScanAsync(IPage page, string testId, string code)
    {
        // The field has focus without a click, as a scanner needs: it types the code and presses Enter.
        await Expect(page.GetByTestId(testId)).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
    }

    [Fact]
    public async Task Packer_FindsTheTote_BoxesItsUnits_RefusesAnotherTotesItem_HandsTheParcelToTheCarrier_AndStaffSeeIt()
    {
        var (listNumber, shipmentId, shipmentNumber, otherNumber) = await ArrangePickedAsync(App, "pack");
        var email = await PickJourneyTests.PickerAsync(App, "packer");
        var page = await NewPageAsync(390, 844);
        var shell = await new SignInPage(page).SignInAs(email);

        // The menu's Pack, then the pick list's barcode and the tote's label.
        await shell.OpenAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show or hide navigation" }).ClickAsync();
        await shell.MainNav.GetByRole(AriaRole.Link, new() { Name = "Pack", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/pack$"));
        await shell.WaitUntilInteractiveAsync();
        await ScanAsync(page, "pack-find", listNumber);
        await Expect(page.GetByTestId("pack-totes")).ToContainTextAsync(shipmentNumber);
        await Screenshots.BothWidthsAsync(page, "pack-find-totes");
        await ScanAsync(page, "pack-find", "A");
        await page.WaitForURLAsync(new Regex($"/pack/{shipmentId}$"));
        await Expect(page.GetByTestId("pack-tobox")).ToContainTextAsync("To box: 3 units");

        await page.GetByRole(AriaRole.Button, new() { Name = "New parcel" }).ClickAsync();
        var feedback = page.GetByTestId("pack-feedback");
        await Expect(feedback).ToContainTextAsync($"{shipmentNumber}/1 is open");
        await ScanAsync(page, "pack-scan", "SKU-A");
        await Expect(feedback).ToContainTextAsync($"1 × SKU-A boxed in {shipmentNumber}/1");

        // Tote B's item on this table by mistake: refused, red, nothing boxed.
        await ScanAsync(page, "pack-scan", "SKU-C");
        await Expect(feedback).ToContainTextAsync($"This SKU-C belongs to {otherNumber} (tote B), not {shipmentNumber}");
        await Expect(feedback).ToHaveClassAsync(new Regex("pick-feedback-wrong"));
        await Expect(page.GetByTestId("pack-tobox")).ToContainTextAsync("To box: 2 units");
        await Screenshots.BothWidthsAsync(page, "pack-station-refused");

        await ScanAsync(page, "pack-scan", "sku-a");
        await Expect(page.GetByTestId("pack-tobox")).ToContainTextAsync("To box: 1 unit");
        await ScanAsync(page, "pack-scan", "SKU-B");
        await Expect(page.GetByTestId("pack-complete")).ToContainTextAsync($"{shipmentNumber} is complete");
        await page.GetByTestId("pack-weight").FillAsync("900");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save weight and size" }).ClickAsync();
        await Expect(feedback).ToContainTextAsync("0.9 kg");
        await Screenshots.BothWidthsAsync(page, "pack-station-complete");

        // Staff at a desk see it packed.
        var desk = await NewPageAsync();
        var staff = await new SignInPage(desk).SignInAs(Staff);
        await staff.OpenAsync($"/shipments/{shipmentId}");
        await Expect(desk.GetByTestId("shipment-status")).ToContainTextAsync("Packed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Hand to carrier" }).ClickAsync();
        await Expect(page.GetByTestId("pack-parcel-state")).ToHaveTextAsync("In transit");
        await Expect(feedback).ToContainTextAsync("handed to the carrier");
        await Screenshots.BothWidthsAsync(page, "pack-station-in-transit");

        await staff.OpenAsync($"/shipments/{shipmentId}");
        await Expect(desk.GetByTestId("shipment-status")).ToContainTextAsync("In transit");
        await desk.GetByRole(AriaRole.Tab, new() { Name = "Parcels (1)" }).SelectTabAsync();
        await Expect(desk.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Table)).ToContainTextAsync($"{shipmentNumber}/1");
        await Expect(desk.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Table)).ToContainTextAsync("In transit");

        // The label and the packing slip, on screen and as the printer gets them.
        await page.GetByRole(AriaRole.Link, new() { Name = "Label", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("parcel-label")).ToContainTextAsync("0.9 kg");
        await Expect(page.GetByTestId("parcel-label-code").Locator("svg.barcode")).ToHaveCountAsync(1);
        await Screenshots.BothWidthsAsync(page, "pack-label");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ScreenshotFolder(), "pack-label-paper.png"), FullPage = true });
        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await shell.OpenAsync($"/pack/{shipmentId}/slip");
        await Expect(page.GetByTestId("packing-slip-line")).ToHaveCountAsync(2);
        await Screenshots.BothWidthsAsync(page, "pack-slip");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ScreenshotFolder(), "pack-slip-paper.png"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        var shipment = await App.AsAdminAsync(services => services.GetRequiredService<ShipmentService>().GetAsync(shipmentId));
        Assert.Equal(ShipmentStatus.InTransit, shipment.Shipment.Status);
        Assert.All(shipment.Units, u => Assert.Equal(UnitState.InTransit, u.State));
    }
}
