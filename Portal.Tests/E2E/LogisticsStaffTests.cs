using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Logistics;
using Portal.Tests.Domain.Logistics;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>The staff screens of Logistics in a browser: a planner makes a handling list from shipments, and each screen at both widths.</summary>
public sealed class LogisticsStaffTests(PortalAppFixture app) : E2ETest(app)
{
    private const string Staff = "staff@portal.test";

    /// <summary>A location of its own with two open shipments, so the test is not disturbed by the demo data or other tests.</summary>
    private Task<(Guid LocationId, List<string> Numbers)> SeedAsync(string tag) => App.AsAdminAsync(async services =>
    {
        var locations = services.GetRequiredService<LocationService>();
        var location = await locations.CreateAsync(LogisticsTestData.NewLocation($"Bradford {tag}"));
        var added = await locations.AddPositionAsync(location.Location.Id, new AddPosition { Code = "A1" }, location.Location.Version);
        var shipments = services.GetRequiredService<ShipmentService>();
        var numbers = new List<string>();
        foreach (var sku in new[] { "MUG-RED", "MUG-BLUE" })
            numbers.Add((await shipments.CreateAsync(LogisticsTestData.NewShipment(location.Location.Id, (sku, 2, "A1")))).Shipment.Number);
        return (location.Location.Id, numbers);
    });

    [Fact]
    public async Task Staff_FiltersShipments_SelectsTwo_CreatesAList_AndSeesItOnTheBoard()
    {
        var (locationId, numbers) = await SeedAsync(Guid.NewGuid().ToString("N")[..6]);
        var page = await NewPageAsync();
        var shell = await new SignInPage(page).SignInAs(Staff);

        await shell.OpenAsync($"/shipments?status=Open&locationId={locationId}");
        var grid = page.GetByRole(AriaRole.Table);
        foreach (var number in numbers) await Expect(grid.GetByRole(AriaRole.Link, new() { Name = number })).ToBeVisibleAsync();
        foreach (var number in numbers)
            await grid.GetByRole(AriaRole.Row).Filter(new() { HasText = number }).GetByRole(AriaRole.Checkbox).CheckAsync();
        await Expect(page.GetByTestId("bulk-bar")).ToContainTextAsync("2 selected");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create handling list" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel($"Tote for {numbers[0]}")).ToHaveValueAsync("A");
        await Expect(dialog.GetByLabel($"Tote for {numbers[1]}")).ToHaveValueAsync("B");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create list" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(grid.GetByRole(AriaRole.Link, new() { Name = numbers[0] })).ToBeHiddenAsync(); // no longer open

        var list = await App.AsAdminAsync(async services =>
            (await services.GetRequiredService<HandlingListService>().ListAsync(new HandlingListQuery { LocationId = locationId })).Items.Single());
        Assert.Equal(2, list.ShipmentCount);
        await shell.OpenAsync("/handling-lists");
        await Expect(page.GetByTestId("column-open").GetByRole(AriaRole.Link).Filter(new() { HasText = list.Number })).ToBeVisibleAsync();

        await page.GetByTestId("column-open").GetByRole(AriaRole.Link).Filter(new() { HasText = list.Number }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(list.Number);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Shipments (2)" }).SelectTabAsync();
        await Expect(page.GetByRole(AriaRole.Table).Filter(new() { HasText = numbers[1] })).ToContainTextAsync("B");
    }

    [Fact]
    public async Task Staff_DragsAPositionBehindAnother_AndMovesOneToTheFrontWithItsArrow()
    {
        var locationId = await App.AsAdminAsync(async services =>
        {
            var locations = services.GetRequiredService<LocationService>();
            var location = await locations.CreateAsync(LogisticsTestData.NewLocation($"Wakefield {Guid.NewGuid().ToString("N")[..6]}"));
            var version = location.Location.Version;
            foreach (var code in new[] { "A1", "A2", "A3", "A4" })
                version = (await locations.AddPositionAsync(location.Location.Id, new AddPosition { Code = code }, version)).Version;
            return location.Location.Id;
        });
        Task<string[]> WalkAsync() => App.AsAdminAsync(async services =>
            (await services.GetRequiredService<LocationService>().GetAsync(locationId)).Positions.Select(p => p.Code).ToArray());
        var page = await NewPageAsync();
        var shell = await new SignInPage(page).SignInAs(Staff);
        await shell.OpenAsync($"/locations/{locationId}");
        var rows = page.GetByTestId("position-row");
        await Expect(rows).ToHaveCountAsync(4);

        // A4 by its handle onto A1 (MudBlazor's drop zone puts a dropped row after the one it lands on): the whole order is saved.
        await rows.Filter(new() { HasText = "A4" }).Locator(".position-handle").DragToAsync(rows.Filter(new() { HasText = "A1" }));

        await Expect(rows.Locator(".position-code")).ToHaveTextAsync(["A1", "A4", "A2", "A3"]);
        await WaitForAsync(async () => (await WalkAsync()).SequenceEqual(["A1", "A4", "A2", "A3"]));

        // The keyboard way, and the only way to the front: A4 one up.
        await page.GetByRole(AriaRole.Button, new() { Name = "Move A4 up" }).ClickAsync();

        await Expect(rows.Locator(".position-code")).ToHaveTextAsync(["A4", "A1", "A2", "A3"]);
        await WaitForAsync(async () => (await WalkAsync()).SequenceEqual(["A4", "A1", "A2", "A3"]));
        await page.ReloadAsync();
        await Expect(page.GetByTestId("position-row").Locator(".position-code")).ToHaveTextAsync(["A4", "A1", "A2", "A3"]);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("The new walk order was not saved in time.");
            await Task.Delay(100);
        }
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task EveryStaffScreen_RendersAtWidth(int width, int height)
    {
        var (locationId, numbers) = await SeedAsync($"{width}{Guid.NewGuid().ToString("N")[..4]}");
        var (shipmentId, listId) = await App.AsAdminAsync(async services =>
        {
            var shipments = services.GetRequiredService<ShipmentService>();
            var found = (await shipments.ListAsync(new ShipmentQuery { LocationId = locationId })).Items;
            var list = await services.GetRequiredService<HandlingListService>().CreateAsync(new CreateHandlingList
            {
                Shipments = [.. found.Select(s => new ListShipment(s.Id))], DueAt = DateTimeOffset.UtcNow.AddHours(-2),
            });
            return (found[0].Id, list.List.Id);
        });
        var page = await NewPageAsync(width, height);
        var shots = new List<string>();
        async Task Shot(string name) => shots.AddRange(await Screenshots.TakeAsync(page, $"logistics-{name}", firstScreenToo: true));
        var shell = await new SignInPage(page).SignInAs(Staff);

        await shell.OpenAsync("/shipments");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        await Shot("shipments");

        await shell.OpenAsync($"/shipments/{shipmentId}");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Ada Lovelace");
        await Shot("shipment-detail");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Timeline" }).SelectTabAsync();
        await Expect(page.GetByTestId("shipment-timeline")).ToBeVisibleAsync();
        await Shot("shipment-timeline");

        await shell.OpenAsync("/handling-lists");
        await Expect(page.GetByTestId("list-board")).ToBeVisibleAsync();
        await Shot("handling-lists");

        await shell.OpenAsync($"/handling-lists/{listId}");
        await Expect(page.GetByTestId("list-state")).ToBeVisibleAsync();
        await Shot("handling-list-detail");

        await shell.OpenAsync("/shipping-methods");
        await Expect(page.GetByRole(AriaRole.Table).GetByText("DPD Next Day")).ToBeVisibleAsync();
        await Shot("shipping-methods");

        await shell.OpenAsync("/locations");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = "Leeds DC" })).ToBeVisibleAsync();
        await Shot("locations");

        // The demo's Leeds DC: 80 positions in a snaking walk and 60 SKU defaults.
        await page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = "Leeds DC" }).ClickAsync();
        await Expect(page.GetByTestId("position-row").First).ToBeVisibleAsync();
        await Shot("location-detail");
        await page.GetByRole(AriaRole.Tab, new() { Name = "SKU defaults (60)" }).SelectTabAsync();
        await Expect(page.GetByText("1-25 of 60")).ToBeVisibleAsync(); // the SKU defaults table and its pager
        await Shot("location-sku-defaults");

        Assert.Equal(9 * 2, shots.Count);
    }
}
