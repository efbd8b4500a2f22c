using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Logistics;
using Portal.Tests.Domain.Logistics;
using Portal.Tests.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.E2E;

/// <summary>
/// The picker on a 390 px phone when the warehouse Wi-Fi drops mid-list: the test cuts the network and the Blazor
/// circuit's socket, the picker scans on, and what was scanned offline is recorded once when the connection is back.
/// </summary>
public sealed class PickOfflineJourneyTests(PortalAppFixture app) : E2ETest(app)
{
    /// <summary>A location of its own: tote A gets SKU-A ×2 at P1 and SKU-B ×2 at P2, tote B gets SKU-C ×1 at P3 and SKU-D ×1 at P4.</summary>
    private Task<(Guid LocationId, Guid ListId, string Number)> ArrangeAsync(string tag) =>
        App.AsAdminAsync(async services =>
        {
            var locations = services.GetRequiredService<LocationService>();
            var location = await locations.CreateAsync(LogisticsTestData.NewLocation($"Offline {tag} DC"));
            var version = location.Location.Version;
            foreach (var code in new[] { "P1", "P2", "P3", "P4", "P9" })
                version = (await locations.AddPositionAsync(location.Location.Id, new AddPosition { Code = code }, version)).Version;
            var shipments = services.GetRequiredService<ShipmentService>();
            var a = await shipments.CreateAsync(LogisticsTestData.NewShipment(location.Location.Id, ("SKU-A", 2, "P1"), ("SKU-B", 2, "P2")));
            var b = await shipments.CreateAsync(LogisticsTestData.NewShipment(location.Location.Id, ("SKU-C", 1, "P3"), ("SKU-D", 1, "P4")));
            var list = await services.GetRequiredService<HandlingListService>().CreateAsync(new CreateHandlingList
            {
                Shipments = [new ListShipment(a.Shipment.Id), new ListShipment(b.Shipment.Id)], DueAt = DateTimeOffset.UtcNow.AddHours(1),
            });
            return (location.Location.Id, list.List.Id, list.List.Number);
        });

    private Task<HandlingListDetails> ListAsync(Guid id) => App.AsAdminAsync(services => services.GetRequiredService<HandlingListService>().GetAsync(id));

    /// <summary>
    /// The page's tones, heard through a stand-in AudioContext: each tone's first note says which it is (pick.js: good
    /// starts at 880 Hz, queued is one 660 Hz note, wrong starts at 220 Hz). Kept in sessionStorage across a reload.
    /// </summary>
    private const string ToneRecorder = """
        (() => {
          const heard = () => JSON.parse(sessionStorage.getItem("tones") || "[]");
          window.AudioContext = class {
            constructor() { this.currentTime = 0; this.destination = {}; }
            createGain() { return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: d => d }; }
            createOscillator() {
              const o = { type: "", frequency: { value: 0 }, connect: g => g, stop() {},
                start: at => { if (at === 0) sessionStorage.setItem("tones", JSON.stringify([...heard(), o.frequency.value])); } };
              return o;
            }
          };
        })();
        """;

    private static async Task<List<string>> TonesAsync(IPage page) =>
        [.. (await page.EvaluateAsync<int[]>("() => JSON.parse(sessionStorage.getItem('tones') || '[]')"))
            .Select(hz => hz switch { 880 => "good", 660 => "queued", 220 => "wrong", _ => $"{hz} Hz" })];

    private static async Task ScanAsync(IPage page, string code)
    {
        await Expect(page.GetByTestId("pick-scan")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
    }

    [Fact]
    public async Task Picker_GoesOfflineMidList_ScansTwoMore_TheyAreRecordedOnce_ThenOverridesAPosition_NotesALot_HoldsAndReleases_AndFinishes()
    {
        var (locationId, listId, number) = await ArrangeAsync("journey");
        var email = await PickJourneyTests.PickerAsync(App, "offline");
        var page = await NewPageAsync(390, 844);

        // The Blazor circuit's socket goes through the test, so cutting the network really drops the circuit (Chromium's
        // offline mode alone leaves an open socket alone); while "offline", new sockets are closed at once.
        var offline = false;
        var sockets = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            if (offline) { _ = socket.CloseAsync(new() { Code = 1011, Reason = "offline" }); return; }
            lock (sockets) sockets.Add((socket, socket.ConnectToServer()));
        });
        // The first answer to a replayed scan is lost on the way back (the pick is recorded, the page hears nothing):
        // the page sends it again with the same key, and the server must count it once.
        var puts = 0;
        var answersLost = 0;
        await page.RouteAsync(new Regex($"/api/v1/handling-lists/{listId}/items$"), async route =>
        {
            if (route.Request.Method != "PUT") { await route.ContinueAsync(); return; }
            Interlocked.Increment(ref puts);
            if (Interlocked.CompareExchange(ref answersLost, 1, 0) == 0)
            {
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
                return;
            }
            await route.ContinueAsync();
        });

        await page.AddInitScriptAsync(ToneRecorder);
        var shell = await new SignInPage(page).SignInAs(email);
        await shell.OpenAsync($"/pick?location={locationId}");
        var card = page.GetByTestId("pick-card").Filter(new() { HasText = number });
        await card.GetByRole(AriaRole.Button, new() { Name = $"Take {number}" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/pick/{listId}$"));
        await Expect(page.GetByTestId("pick-position")).ToHaveTextAsync("P1");
        var feedback = page.GetByTestId("pick-feedback");

        // Online: one wrong scan (nothing recorded), one right one.
        await ScanAsync(page, "SKU-C");
        await Expect(feedback).ToContainTextAsync("expected SKU-A at P1, scanned SKU-C");
        await ScanAsync(page, "SKU-A");
        await Expect(feedback).ToContainTextAsync("1 × SKU-A picked");
        await Expect(page.GetByTestId("pick-progress")).ToContainTextAsync("1 of 6 units done");
        Assert.Equal(["wrong", "good"], await TonesAsync(page));

        // The Wi-Fi drops: no network, and the circuit's socket closes.
        offline = true;
        await page.Context.SetOfflineAsync(true);
        List<(IWebSocketRoute Page, IWebSocketRoute Server)> open;
        lock (sockets) open = [.. sockets];
        foreach (var (pageSide, serverSide) in open)
        {
            await pageSide.CloseAsync(new() { Code = 1011, Reason = "offline" });
            await serverSide.CloseAsync(new() { Code = 1011, Reason = "offline" });
        }
        var banner = page.GetByTestId("pick-offline");
        await Expect(banner.GetByTestId("pick-offline-title")).ToHaveTextAsync("Offline: no scans waiting");
        // Blazor's own "connection lost" card would cover the scan field; on the pick screen the banner says it instead.
        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();

        // Two more units, and a code that is not on the list: the server judges it once it is sent. A position scanned
        // first is kept with the SKU scans after it (the server then checks the SKU is picked there).
        await ScanAsync(page, "P1");
        await Expect(banner).ToContainTextAsync("Position P1: now scan the SKU.");
        await ScanAsync(page, "SKU-A");
        await ScanAsync(page, "P2");
        await ScanAsync(page, "SKU-B");
        await ScanAsync(page, "SKU-X");
        await Expect(banner.GetByTestId("pick-offline-title")).ToHaveTextAsync("Offline: 3 scans waiting");
        await Expect(banner.GetByTestId("pick-offline-waiting").Locator("li")).ToHaveCountAsync(3);
        await Expect(banner.GetByTestId("pick-offline-waiting").Locator("li").Nth(0)).ToContainTextAsync("SKU-A at P1");
        await Expect(banner.GetByTestId("pick-offline-waiting").Locator("li").Nth(1)).ToContainTextAsync("SKU-B at P2");
        await Expect(page.GetByTestId("pick-scan")).ToHaveValueAsync("");
        // Each offline scan is acknowledged as kept, never with the good scan's tone: nothing is picked yet.
        Assert.Equal(["wrong", "good", "queued", "queued", "queued", "queued", "queued"], await TonesAsync(page));
        await Screenshots.BothWidthsAsync(page, "pick-walk-offline");
        AxeCheck.AssertNone(await AxeCheck.ProblemsAsync(page, "pick-walk offline"));
        // Nothing reached the server while offline: still the one pick.
        Assert.Equal(1, (await ListAsync(listId)).List.HandledCount);
        Assert.Equal(0, Volatile.Read(ref puts));

        // The connection is back: the three are sent (one answer lost and sent again), the circuit comes back, the page reloads the list.
        offline = false;
        await page.Context.SetOfflineAsync(false);
        await Expect(banner.GetByTestId("pick-offline-title")).ToHaveTextAsync(new Regex("^3 scans sent at "), new() { Timeout = 30_000 });
        await Expect(banner).ToContainTextAsync("2 picked, 1 refused.");
        await Expect(banner.GetByTestId("pick-offline-sent")).ToContainTextAsync("SKU-A: 1 × SKU-A picked, tote A");
        await Expect(banner.GetByTestId("pick-offline-sent")).ToContainTextAsync("SKU-B: 1 × SKU-B picked, tote A");
        await Expect(banner.Locator(".pick-offline-refused")).ToHaveTextAsync(new Regex("^✗ Refused: SKU-X: SKU-X is not on HL-\\d+\\. Expected SKU-B at P2\\.$"));
        await Expect(page.GetByTestId("pick-progress")).ToContainTextAsync("3 of 6 units done", new() { Timeout = 30_000 });
        // All answered, one refused: one low tone sends the picker to the banner.
        Assert.Equal("wrong", (await TonesAsync(page))[^1]);
        Assert.Equal(8, (await TonesAsync(page)).Count);
        await Expect(page.GetByTestId("pick-position")).ToHaveTextAsync("P2");
        await Expect(page.GetByTestId("pick-left")).ToHaveTextAsync("1");
        await Screenshots.BothWidthsAsync(page, "pick-walk-offline-sent");
        AxeCheck.AssertNone(await AxeCheck.ProblemsAsync(page, "pick-walk offline scans sent"));

        var afterOffline = await ListAsync(listId);
        Assert.Equal(3, afterOffline.List.HandledCount);
        Assert.Equal(4, Volatile.Read(ref puts)); // three scans, one of them sent twice
        var picks = afterOffline.RecentPicks.Where(p => p.UndoneAt is null).ToList();
        Assert.Equal(3, picks.Count);
        Assert.Equal(3, picks.Select(p => p.Key).Distinct().Count());
        Assert.Equal(2, picks.Count(p => p.Sku == "SKU-A"));
        Assert.Single(picks, p => p.Sku == "SKU-B");

        // Online again, the page's own path. SKU-B's last unit is not on P2: the picker takes it from P9.
        await page.GetByRole(AriaRole.Button, new() { Name = "Other position" }).ClickAsync();
        await Expect(page.GetByTestId("pick-prompt")).ToHaveTextAsync("Scan the position you pick SKU-B from");
        await ScanAsync(page, "P9");
        await Expect(page.GetByTestId("pick-override")).ToContainTextAsync("From P9, not P2");
        await Screenshots.BothWidthsAsync(page, "pick-walk-other-position");
        await ScanAsync(page, "SKU-B");
        await Expect(page.GetByTestId("pick-position")).ToHaveTextAsync("P3");

        // SKU-C comes with a lot number and an expiry date.
        await page.GetByRole(AriaRole.Button, new() { Name = "Lot / expiry" }).ClickAsync();
        await page.GetByLabel("Lot number").FillAsync("L-2026-07");
        await page.GetByLabel("Expires").FillAsync("2027-05-31");
        await Screenshots.BothWidthsAsync(page, "pick-walk-lot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use for this line" }).ClickAsync();
        await Expect(page.GetByTestId("pick-lot")).ToContainTextAsync("Lot L-2026-07 · expires 31/05/2027");
        await ScanAsync(page, "SKU-C");
        await Expect(page.GetByTestId("pick-position")).ToHaveTextAsync("P4");

        // A break: on hold with a reason, then released from the same screen.
        await page.GetByRole(AriaRole.Button, new() { Name = "Hold", Exact = true }).ClickAsync();
        await Screenshots.BothWidthsAsync(page, "pick-walk-hold-reasons");
        await page.GetByRole(AriaRole.Button, new() { Name = "Break", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("pick-on-hold")).ToContainTextAsync("on hold: Break");
        await Screenshots.BothWidthsAsync(page, "pick-walk-on-hold");
        Assert.Equal(HandlingListState.OnHold, (await ListAsync(listId)).List.State);
        await page.GetByRole(AriaRole.Button, new() { Name = "Release and carry on picking" }).ClickAsync();
        await Expect(page.GetByTestId("pick-position")).ToHaveTextAsync("P4");

        // SKU-D is not there: missing, then finish.
        await page.GetByRole(AriaRole.Button, new() { Name = "Missing", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Not found", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("pick-done")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Finish", Exact = true }).ClickAsync();
        await Expect(page.GetByText($"{number} is finished.", new() { Exact = true })).ToBeVisibleAsync();

        var finished = await ListAsync(listId);
        Assert.Equal(HandlingListState.Finished, finished.List.State);
        Assert.Equal((5, 1), (finished.List.HandledCount, finished.List.MissingCount));
        var done = finished.RecentPicks.Where(p => p.UndoneAt is null).ToList();
        Assert.Equal(6, done.Sum(p => p.Quantity));
        Assert.Equal("P9", done.Single(p => p.Sku == "SKU-B" && p.UsedPosition is not null).UsedPosition);
        Assert.Equal(("L-2026-07", new DateTimeOffset(2027, 5, 31, 0, 0, 0, TimeSpan.Zero)), (done.Single(p => p.Sku == "SKU-C").LotNumber, done.Single(p => p.Sku == "SKU-C").ExpiresAt));
    }
}
