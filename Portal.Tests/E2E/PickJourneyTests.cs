using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Tests.Domain.Logistics;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>A picker on a 390 px phone: signs in, takes a list, scans it to the end with the keyboard (as a scanner types), finishes.</summary>
public sealed class PickJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    /// <summary>A location of its own and a list on it: tote A (SKU-A ×2 at P1, SKU-B ×1 at P2), tote B (SKU-C ×1 at P3).</summary>
    public static Task<(Guid LocationId, string LocationName, Guid ListId, string Number)> ArrangeListAsync(PortalAppFixture app, string tag) =>
        app.AsAdminAsync(async services =>
        {
            var locations = services.GetRequiredService<LocationService>();
            var location = await locations.CreateAsync(LogisticsTestData.NewLocation($"Pick {tag} DC"));
            var version = location.Location.Version;
            foreach (var code in new[] { "P1", "P2", "P3" })
                version = (await locations.AddPositionAsync(location.Location.Id, new AddPosition { Code = code }, version)).Version;
            var shipments = services.GetRequiredService<ShipmentService>();
            var a = await shipments.CreateAsync(LogisticsTestData.NewShipment(location.Location.Id, ("SKU-A", 2, "P1"), ("SKU-B", 1, "P2")));
            var b = await shipments.CreateAsync(LogisticsTestData.NewShipment(location.Location.Id, ("SKU-C", 1, "P3")));
            var list = await services.GetRequiredService<HandlingListService>().CreateAsync(new CreateHandlingList
            {
                Shipments = [new ListShipment(a.Shipment.Id), new ListShipment(b.Shipment.Id)], DueAt = DateTimeOffset.UtcNow.AddMinutes(-30),
            });
            return (location.Location.Id, location.Location.Name, list.List.Id, list.List.Number);
        });

    public static async Task<string> PickerAsync(PortalAppFixture app, string tag)
    {
        var email = $"picker.{tag}.{Guid.NewGuid():N}"[..24] + "@portal.test";
        await app.AsAdminAsync(services => services.GetRequiredService<StaffUserService>().CreateAsync(new CreateStaffUser
        {
            Email = email, DisplayName = $"Picker {tag}", Roles = [Roles.Warehouse], Password = SignInPage.DemoPassword,
        }));
        return email;
    }

    private static async Task ScanAsync(IPage page, string code)
    {
        // The field has focus without a click: what the scanner types lands in it, and its Enter sends it.
        await Expect(page.GetByTestId("pick-scan")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
    }

    [Fact]
    public async Task Picker_TakesAList_ScansItToTheEnd_WithOneWrongScanAndOneMissingUnit_AndSeesTheSummary()
    {
        var (locationId, locationName, listId, number) = await ArrangeListAsync(App, "journey");
        var email = await PickerAsync(App, "journey");
        var page = await NewPageAsync(390, 844);
        var shell = await new SignInPage(page).SignInAs(email);

        await shell.OpenAsync("/pick");
        await page.GetByLabel("Location").SelectOptionAsync(new SelectOptionValue { Label = locationName });
        var card = page.GetByTestId("pick-card").Filter(new() { HasText = number });
        await Expect(card.Locator(".pick-card-overdue")).ToContainTextAsync("Overdue");
        await Expect(card).ToContainTextAsync("3 lines");
        await Expect(card).ToContainTextAsync("4 units");
        await Screenshots.BothWidthsAsync(page, "pick-my-lists");

        // The printable list: position and SKU as barcodes, the sheet alone on paper.
        await shell.OpenAsync($"/pick/{listId}/print");
        await Expect(page.GetByTestId("pick-sheet-line")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=pick-sheet-line] svg.barcode")).ToHaveCountAsync(6);
        await Screenshots.BothWidthsAsync(page, "pick-print");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalAppFixture.ScreenshotFolder(), "pick-print-paper.png"), FullPage = true });
        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await shell.OpenAsync($"/pick?location={locationId}");

        await card.GetByRole(AriaRole.Button, new() { Name = $"Take {number}" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/pick/{listId}$"));
        await Expect(page.GetByTestId("pick-position")).ToHaveTextAsync("P1");
        await Expect(page.GetByTestId("pick-tote")).ToHaveTextAsync("A");

        // A wrong scan: red, says what was expected, records nothing.
        await ScanAsync(page, "SKU-C");
        var feedback = page.GetByTestId("pick-feedback");
        await Expect(feedback).ToContainTextAsync("expected SKU-A at P1, scanned SKU-C");
        await Expect(feedback).ToHaveClassAsync(new Regex("pick-feedback-wrong"));
        await Expect(page.GetByTestId("pick-progress")).ToContainTextAsync("0 of 4 units done");
        await Screenshots.BothWidthsAsync(page, "pick-walk-wrong-scan");

        await ScanAsync(page, "SKU-A");
        await Expect(feedback).ToContainTextAsync("1 × SKU-A picked");
        await Expect(page.GetByTestId("pick-left")).ToHaveTextAsync("1");
        await ScanAsync(page, "sku-a");
        await Expect(page.GetByTestId("pick-position")).ToHaveTextAsync("P2");
        await Expect(feedback).ToHaveClassAsync(new Regex("pick-feedback-good"));
        await Expect(feedback).ToContainTextAsync("Tote A");
        await Screenshots.BothWidthsAsync(page, "pick-walk-mid-list");

        await ScanAsync(page, "SKU-B");
        await Expect(page.GetByTestId("pick-position")).ToHaveTextAsync("P3");
        await Expect(page.GetByTestId("pick-tote")).ToHaveTextAsync("B");

        // SKU-C is not on its shelf: missing, with a reason; the field has focus again afterwards.
        await page.GetByRole(AriaRole.Button, new() { Name = "Missing", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Not found", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("pick-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("pick-scan")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("pick-progress")).ToContainTextAsync("4 of 4 units done");

        await page.GetByRole(AriaRole.Button, new() { Name = "Finish", Exact = true }).ClickAsync();
        await Expect(page.GetByText($"{number} is finished.", new() { Exact = true })).ToBeVisibleAsync();
        var summary = page.GetByTestId("tote-summary");
        await Expect(summary.Locator("tbody tr").Nth(0)).ToContainTextAsync("A");
        await Expect(summary.Locator("tbody tr").Nth(0).Locator("td").Nth(1)).ToHaveTextAsync("3");
        await Expect(summary.Locator("tbody tr").Nth(1).Locator("td").Nth(2)).ToHaveTextAsync("1");
        await Screenshots.BothWidthsAsync(page, "pick-walk-finished");

        var finished = await App.AsAdminAsync(services => services.GetRequiredService<HandlingListService>().GetAsync(listId));
        Assert.Equal(HandlingListState.Finished, finished.List.State);
        Assert.Equal((3, 1), (finished.List.HandledCount, finished.List.MissingCount));
    }
}
