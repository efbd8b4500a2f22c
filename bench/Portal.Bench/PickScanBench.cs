using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

/// <summary>
/// Scan to visual feedback on the pick screen, in the browser: a scanner types a SKU and presses Enter; the time runs
/// from the Enter keydown to the mutation that inserts the new feedback element (the green tick, after the pick is
/// recorded on the server). The floor is the same in a static page in the same browser and origin: Enter sends the
/// same pick request (PUT /api/v1/handling-lists/{id}/items, cookie-signed-in) and inserts a feedback element when it
/// answers, so what lies above it is Blazor's circuit, the page's walk and its reload of the list.
/// </summary>
static class PickScanBench
{
    private const string Sku = "BENCH-SCAN";

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var scans = int.Parse(o.GetValueOrDefault("scans", "200"));
        var warmup = int.Parse(o.GetValueOrDefault("warmup", "20"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") ?? "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        // A picker's handheld: 390 px wide.
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, BaseURL = url });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#email", "admin@portal.test"); // an Admin both plans (makes the lists) and picks
        await page.FillAsync("#password", "Portal-Demo-2026");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url + "/", new() { Timeout = 30_000 });

        var api = context.APIRequest;
        var units = scans + warmup + 1; // one unit stays, so the walk stays on its line and shows what is left
        var (appList, floorList) = (await ArrangeListAsync(api, units, "app"), await ArrangeListAsync(api, units, "floor"));
        Console.Error.WriteLine($"[bench] pick-scan: two lists of {units} units of {Sku} at one position; {warmup} warm-up scans, then {scans} measured, one at a time");

        var app = await MeasureAppAsync(page, appList, warmup, scans);
        var floor = await MeasureFloorAsync(page, floorList, warmup, scans);
        await CheckRecordedAsync(api, appList, units - 1);
        await CheckRecordedAsync(api, floorList, units - 1);

        app.Sort();
        floor.Sort();
        var (p95, floor95) = (Figures.Percentile(app, 95), Figures.Percentile(floor, 95));
        Console.Error.WriteLine($"[bench]   page p50 {Figures.Percentile(app, 50):0.0} ms, p95 {p95:0.0} ms, max {app[^1]:0.0} ms; floor p50 {Figures.Percentile(floor, 50):0.0} ms, p95 {floor95:0.0} ms");
        Figures.Print("pick-scan-feedback-p95", p95, "ms", "<= 150 ms, Enter to the feedback element, in the browser");
        Figures.Print("pick-scan-feedback-floor-p95", floor95, "ms", "n/a, a static page sending the same pick request");
        Console.WriteLine($"pick-scan-feedback-over-floor: {p95 / floor95:0.00} x (target n/a, informational)");
        return 0;
    }

    /// <summary>A location with one position, one shipment of <paramref name="units"/> units of one SKU there, a list of it taken by the signed-in Admin.</summary>
    private static async Task<Guid> ArrangeListAsync(IAPIRequestContext api, int units, string tag)
    {
        var suffix = $"{tag}-{Guid.NewGuid():N}"[..14];
        var location = await SendAsync(api, "POST", "/api/v1/locations", new
        {
            name = $"Bench scan {suffix}", line1 = "1 Bench Road", city = "Leeds", postcode = "LS1 1AA", countryCode = "GB",
        });
        var locationId = location.Json["location"]!["id"]!.GetValue<Guid>();
        await SendAsync(api, "POST", $"/api/v1/locations/{locationId}/positions", new { code = "B1" }, location.ETag);
        var shipment = await SendAsync(api, "POST", "/api/v1/shipments", new
        {
            locationId,
            from = new { kind = "Location", locationId },
            to = new { kind = "Address", name = "Ada Lovelace", line1 = "1 High Street", city = "York", postcode = "YO1 7HH", countryCode = "GB" },
            orderReference = $"BENCH-{suffix}",
            lines = new[] { new { sku = Sku, quantity = units, position = "B1", description = "Bench item" } },
        });
        var shipmentId = shipment.Json["shipment"]!["id"]!.GetValue<Guid>();
        var list = await SendAsync(api, "POST", "/api/v1/handling-lists", new { shipments = new[] { new { id = shipmentId } } });
        var listId = list.Json["list"]!["id"]!.GetValue<Guid>();
        await SendAsync(api, "PUT", $"/api/v1/handling-lists/{listId}/state", new { action = "Take" }, list.ETag);
        return listId;
    }

    private static async Task<(JsonNode Json, string? ETag)> SendAsync(IAPIRequestContext api, string method, string path, object body, string? ifMatch = null)
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        if (ifMatch is not null) headers["If-Match"] = ifMatch;
        var response = await api.FetchAsync(path, new() { Method = method, Headers = headers, DataString = JsonSerializer.Serialize(body) });
        var text = await response.TextAsync();
        if (!response.Ok) throw new InvalidOperationException($"{method} {path} answered {response.Status}: {text}");
        return (JsonNode.Parse(text)!, response.Headers.GetValueOrDefault("etag"));
    }

    /// <summary>The time from Enter to the feedback element, measured in the page and read back after each scan.</summary>
    private const string Probe = """
        () => {
            if (window.__scan) return;
            window.__scan = { samples: [], started: 0 };
            document.addEventListener("keydown", e => { if (e.key === "Enter") window.__scan.started = performance.now(); }, true);
            new MutationObserver(records => {
                if (!window.__scan.started) return;
                for (const record of records)
                    for (const node of record.addedNodes)
                        if (node.nodeType === 1 && (node.matches("[data-testid=pick-feedback]") || node.querySelector?.("[data-testid=pick-feedback]"))) {
                            window.__scan.samples.push(performance.now() - window.__scan.started);
                            window.__scan.started = 0;
                            return;
                        }
            }).observe(document.body, { childList: true, subtree: true });
        }
        """;

    private static async Task<List<double>> MeasureAppAsync(IPage page, Guid listId, int warmup, int scans)
    {
        await page.GotoAsync($"/pick/{listId}");
        await page.WaitForSelectorAsync("#app-ready[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        var field = page.Locator("[data-testid=pick-scan]");
        await field.WaitForAsync();
        await page.EvaluateAsync(Probe);
        return await ScanAsync(page, field, warmup, scans, async done =>
            // The page is ready for the next scan once it shows what is left after this one.
            await page.WaitForFunctionAsync("left => document.querySelector('[data-testid=pick-left]')?.textContent.trim() === String(left)", done));
    }

    private static async Task<List<double>> MeasureFloorAsync(IPage page, Guid listId, int warmup, int scans)
    {
        // Served by the test at a same-origin path, so the page sends Portal's cookie like the pick screen's module does.
        var html = $$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Scan floor</title></head><body>
            <form id="f"><input id="scan" data-testid="pick-scan" autocomplete="off"></form><div id="out"></div><span id="left"></span>
            <script>
            let left = null;
            document.getElementById("f").addEventListener("submit", async e => {
                e.preventDefault();
                const input = document.getElementById("scan");
                const sku = input.value; input.value = "";
                const response = await fetch("/api/v1/handling-lists/{{listId}}/items", { method: "PUT", credentials: "same-origin",
                    headers: { "Content-Type": "application/json" }, body: JSON.stringify({ key: crypto.randomUUID(), sku, quantity: 1 }) });
                const answer = await response.json();
                const div = document.createElement("div");
                div.dataset.testid = "pick-feedback";
                div.textContent = response.ok ? `${answer.quantity} × ${answer.sku} picked` : answer.detail;
                document.getElementById("out").replaceChildren(div);
                document.getElementById("left").textContent = answer.lineLeft;
            });
            </script></body></html>
            """;
        await page.RouteAsync("**/bench-scan-floor", route => route.FulfillAsync(new() { ContentType = "text/html", Body = html }));
        await page.GotoAsync("/bench-scan-floor");
        var field = page.Locator("#scan");
        await page.EvaluateAsync(Probe);
        return await ScanAsync(page, field, warmup, scans, async done =>
            await page.WaitForFunctionAsync("left => document.getElementById('left').textContent.trim() === String(left)", done));
    }

    private static async Task<List<double>> ScanAsync(IPage page, ILocator field, int warmup, int scans, Func<int, Task> waitUntilLeft)
    {
        var total = warmup + scans;
        for (var i = 1; i <= total; i++)
        {
            await field.FocusAsync();
            await page.Keyboard.TypeAsync(Sku);
            await page.Keyboard.PressAsync("Enter");
            await waitUntilLeft(total - i + 1);
            if (i == warmup) await page.EvaluateAsync("() => window.__scan.samples = []");
        }
        var samples = await page.EvaluateAsync<double[]>("() => window.__scan.samples");
        if (samples.Length != scans) throw new InvalidOperationException($"measured {samples.Length} scans of {scans}");
        return [.. samples];
    }

    /// <summary>Every scan was one pick: as many units handled as scans, none twice or lost.</summary>
    private static async Task CheckRecordedAsync(IAPIRequestContext api, Guid listId, int scanned)
    {
        var response = await api.GetAsync($"/api/v1/handling-lists/{listId}");
        var list = JsonNode.Parse(await response.TextAsync())!["list"]!;
        var handled = list["handledCount"]!.GetValue<int>();
        if (handled != scanned) throw new InvalidOperationException($"list {listId}: {handled} units handled, {scanned} scanned");
    }
}
