using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

/// <summary>
/// What pages cost on a real network: bytes on the wire per cold page load (page-bytes), and the organisations list's
/// first row on a throttled link and a slowed CPU, beside the same HTML served as a static page (throttled).
/// </summary>
static class NetworkBenches
{
    private const string FirstRow = "tbody a.row-link";

    // Chrome DevTools' "slow 4G"-like profile the issue names: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, 4x CPU.
    private const double LatencyMs = 150;
    private const double DownBytesPerSecond = 1_600_000 / 8.0;
    private const double UpBytesPerSecond = 750_000 / 8.0;
    private const double CpuSlowdown = 4;

    /// <summary>
    /// Each page loaded cold (a new browser context: empty cache, new connections), then the sum of what came over the
    /// wire as the browser reports it: the navigation's and every resource's Resource Timing transferSize (headers and
    /// encoded body). The list page counts everything until its circuit is up (shell, rows, scripts, negotiate).
    /// </summary>
    public static async Task<int> PageBytesAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var runs = int.Parse(o.GetValueOrDefault("runs", "3"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var signedIn = await SignInAsync(browser, url);

        var pages = new (string Name, string Path, bool SignedIn, string Until, double TargetKb)[]
        {
            ("page-bytes-sign-in", "/account/sign-in", false, "#email", 60),
            ("page-bytes-organisations-list", "/organisations", true, "#app-ready[data-interactive=true]", 200),
        };
        foreach (var (name, path, needsSignIn, until, targetKb) in pages)
        {
            var totals = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                await using var context = await browser.NewContextAsync(ContextOptions(needsSignIn ? signedIn : null));
                var page = await context.NewPageAsync();
                await page.GotoAsync(url + path, new() { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
                await page.WaitForSelectorAsync(until, new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 60_000 });
                var entries = await page.EvaluateAsync<JsonElement>("""
                    () => [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
                        .map(e => ({ name: e.name, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize }))
                    """);
                double total = 0;
                foreach (var e in entries.EnumerateArray())
                {
                    var transfer = e.GetProperty("transfer").GetDouble();
                    total += transfer;
                    if (i == 0)
                        Console.Error.WriteLine($"    {Short(e.GetProperty("name").GetString()!, url),-60} {transfer / 1024,8:0.0} KB on the wire ({e.GetProperty("decoded").GetDouble() / 1024:0.0} KB decoded)");
                }
                totals.Add(total / 1024);
                Console.Error.WriteLine($"  {name} load {i + 1}: {total / 1024:0.0} KB");
            }
            Figures.Print(name, totals.Max(), "KB", $"<= {targetKb:0} KB cold, Resource Timing transferSize, largest of {runs}");
        }
        return 0;
    }

    /// <summary>
    /// The list opened cold (new context each time) on a throttled link with a slowed CPU, timed from navigation start
    /// to the first data row painted (Element Timing), alternating with the floor: the very HTML of that page, captured
    /// once and served as a static file (br, like the app) by a plain server in this process that passes every other
    /// request (the page's CSS, scripts) through to the app unchanged, under the same throttle.
    /// </summary>
    public static async Task<int> ThrottledAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var loads = int.Parse(o.GetValueOrDefault("loads", "20"));
        var warmup = int.Parse(o.GetValueOrDefault("warmup", "2"));
        var path = o.GetValueOrDefault("path", "/organisations");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var signedIn = await SignInAsync(browser, url);

        // The same HTML, as the app sent it to this user (decoded; the floor's server compresses it like the app does).
        string html;
        await using (var context = await browser.NewContextAsync(ContextOptions(signedIn)))
        {
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync(url + path) ?? throw new InvalidOperationException("No response for the list page.");
            html = await response.TextAsync();
        }
        if (!html.Contains("row-link")) throw new InvalidOperationException("The captured list page has no rows.");
        using var floor = new StaticFloorServer(html, url);
        Console.Error.WriteLine($"  floor: {html.Length / 1024.0:0} KB of HTML ({floor.BrotliLength / 1024.0:0.0} KB br) at {floor.Url}, other requests passed to {url}");

        var app = new List<double>();
        var baseline = new List<double>();
        for (var i = 0; i < warmup + loads; i++)
        {
            var appTime = await FirstRowAsync(browser, signedIn, url + path, "app");
            var floorTime = await FirstRowAsync(browser, null, floor.Url, "floor");
            Console.Error.WriteLine($"    {(i < warmup ? "warm-up" : $"load {i - warmup + 1}"),-8} app {appTime.Row,6:0} ms (html done {appTime.ResponseEnd,5:0}, fcp {appTime.Fcp,5:0}), " +
                                    $"floor {floorTime.Row,6:0} ms (html done {floorTime.ResponseEnd,5:0}, fcp {floorTime.Fcp,5:0})");
            if (i < warmup) continue;
            app.Add(appTime.Row);
            baseline.Add(floorTime.Row);
        }
        app.Sort();
        baseline.Sort();
        double P(List<double> v, double p) => Figures.Percentile(v, p);
        Console.Error.WriteLine($"  {loads} loads each: app min {app[0]:0} / p50 {P(app, 50):0} / p95 {P(app, 95):0} / max {app[^1]:0} ms; " +
                                $"floor min {baseline[0]:0} / p50 {P(baseline, 50):0} / p95 {P(baseline, 95):0} / max {baseline[^1]:0} ms");
        Figures.Print("throttled-first-row-p50", P(app, 50), "ms", $"<= {1.5 * P(baseline, 50):0} ms, 1.5x the floor's p50");
        Figures.Print("throttled-first-row-p95", P(app, 95), "ms", "<= 2500 ms");
        Figures.Print("throttled-floor-p50", P(baseline, 50), "ms", "n/a, the same HTML as a static page, same throttle");
        Figures.Print("throttled-floor-p95", P(baseline, 95), "ms", "n/a, informational");
        Figures.Print("throttled-first-row-vs-floor", P(app, 50) / P(baseline, 50), "x", "<= 1.5 x, p50 over p50");
        return 0;
    }

    private readonly record struct Timing(double Row, double ResponseEnd, double Fcp);

    /// <summary>One cold, throttled load in a new context and tab: when the first row was painted, on the page's clock.</summary>
    private static async Task<Timing> FirstRowAsync(IBrowser browser, string? storageState, string address, string what)
    {
        await using var context = await browser.NewContextAsync(ContextOptions(storageState));
        await context.AddInitScriptAsync(FirstRowScript);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = LatencyMs, ["downloadThroughput"] = DownBytesPerSecond, ["uploadThroughput"] = UpBytesPerSecond,
        });
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = CpuSlowdown });
        var response = await page.GotoAsync(address, new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        if (response is null || response.Status != 200) throw new InvalidOperationException($"{what}: {address} answered {response?.Status}");
        var row = await page.EvaluateAsync<double>("() => new Promise(resolve => { const poll = () => window.__firstRowPaint ? resolve(window.__firstRowPaint) : setTimeout(poll, 20); poll(); })");
        var navigation = await page.EvaluateAsync<double[]>("""
            () => new Promise(resolve => { const read = () => { const n = performance.getEntriesByType("navigation")[0];
                const f = performance.getEntriesByType("paint").find(e => e.name === "first-contentful-paint");
                if (n && n.responseEnd > 0) resolve([n.responseEnd, f ? f.startTime : -1]); else setTimeout(read, 20); }; read(); })
            """);
        return new Timing(row, navigation[0], navigation[1]);
    }

    // Element Timing on the first data row, set as the parser inserts it (see OrganisationBenches.FirstRenderAsync).
    private static readonly string FirstRowScript = $$"""
        (() => {
            const selector = {{JsonSerializer.Serialize(FirstRow)}};
            new PerformanceObserver(list => {
                for (const entry of list.getEntries())
                    if (entry.identifier === "first-row" && !window.__firstRowPaint) window.__firstRowPaint = entry.renderTime || entry.loadTime;
            }).observe({ type: "element", buffered: true });
            const marker = new MutationObserver(() => {
                const row = document.querySelector(selector);
                if (row) { row.setAttribute("elementtiming", "first-row"); row.parentElement.setAttribute("elementtiming", "first-row"); marker.disconnect(); }
            });
            marker.observe(document, { childList: true, subtree: true });
        })();
        """;

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") ?? "/usr/bin/chromium", Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
    });

    private static BrowserNewContextOptions ContextOptions(string? storageState) =>
        new() { ViewportSize = new() { Width = 1366, Height = 900 }, StorageState = storageState };

    /// <summary>Signs in as Staff through the real form; the cookies, for new (cold) contexts.</summary>
    private static async Task<string> SignInAsync(IBrowser browser, string url)
    {
        await using var context = await browser.NewContextAsync(ContextOptions(null));
        var page = await context.NewPageAsync();
        await page.GotoAsync(url + "/account/sign-in");
        await page.FillAsync("#email", "staff@portal.test");
        await page.FillAsync("#password", "Portal-Demo-2026");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url + "/", new() { Timeout = 30_000 });
        return await context.StorageStateAsync();
    }

    private static string Short(string name, string url) => name.StartsWith(url) ? name[url.Length..] : name;

    /// <summary>
    /// Serves one page's HTML as a static file (br when asked, as the app compresses it) on a loopback port, and passes
    /// every other GET through to the app byte for byte (status, type, encoding, caching), so the page's stylesheets
    /// and scripts cost what they cost from the app.
    /// </summary>
    private sealed class StaticFloorServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly HttpClient _app;
        private readonly byte[] _html;
        private readonly byte[] _brotli;
        private readonly Task _loop;

        public string Url { get; }
        public int BrotliLength => _brotli.Length;

        public StaticFloorServer(string html, string appUrl)
        {
            _html = System.Text.Encoding.UTF8.GetBytes(html);
            using (var buffer = new MemoryStream())
            {
                using (var brotli = new BrotliStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) brotli.Write(_html);
                _brotli = buffer.ToArray();
            }
            _app = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false }) { BaseAddress = new Uri(appUrl) };
            var port = FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            Url = $"http://127.0.0.1:{port}/floor.html";
            _loop = Task.Run(ServeAsync);
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext http;
                try { http = await _listener.GetContextAsync(); }
                catch (Exception) when (!_listener.IsListening) { return; }
                _ = Task.Run(() => AnswerAsync(http));
            }
        }

        private async Task AnswerAsync(HttpListenerContext http)
        {
            var response = http.Response;
            try
            {
                var path = http.Request.Url!.PathAndQuery;
                if (path == "/floor.html")
                {
                    var br = (http.Request.Headers["Accept-Encoding"] ?? "").Contains("br");
                    var body = br ? _brotli : _html;
                    response.ContentType = "text/html; charset=utf-8";
                    if (br) response.AddHeader("Content-Encoding", "br");
                    response.AddHeader("Cache-Control", "no-store");
                    response.ContentLength64 = body.Length;
                    await response.OutputStream.WriteAsync(body);
                }
                else if (http.Request.HttpMethod == "GET")
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
                    if (http.Request.Headers["Accept-Encoding"] is { } accept) request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
                    using var answer = await _app.SendAsync(request);
                    var body = await answer.Content.ReadAsByteArrayAsync();
                    response.StatusCode = (int)answer.StatusCode;
                    if (answer.Content.Headers.ContentType is { } type) response.ContentType = type.ToString();
                    foreach (var encoding in answer.Content.Headers.ContentEncoding) response.AddHeader("Content-Encoding", encoding);
                    if (answer.Headers.CacheControl is { } cache) response.AddHeader("Cache-Control", cache.ToString());
                    response.ContentLength64 = body.Length;
                    await response.OutputStream.WriteAsync(body);
                }
                else response.StatusCode = 404; // the page's scripts start Blazor after the paint; no circuit here
            }
            catch (Exception ex) { Console.Error.WriteLine($"      floor server: {ex.Message}"); }
            finally { try { response.Close(); } catch (Exception) { } }
        }

        private static int FreePort()
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
            _app.Dispose();
        }
    }
}
