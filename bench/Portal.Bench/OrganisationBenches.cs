using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Playwright;

/// <summary>
/// CSV export memory, CSV import time and the list page's first render in a browser, on the organisations
/// database bench/run.sh seeded (100,000 organisations with owners, teams and addresses).
/// </summary>
static partial class OrganisationBenches
{
    /// <summary>Streams the whole export and samples the server's resident memory while it runs.</summary>
    public static async Task<int> ExportAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var pid = int.Parse(o["pid"]);
        using var http = Client(url, o["key"], TimeSpan.FromMinutes(5));
        await (await http.GetAsync("/api/v1/organisations/export?status=Suspended")).Content.ReadAsStringAsync(); // JIT and caches
        await Task.Delay(2000);
        var before = Memory(pid);

        var peak = before.Rss;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Memory(pid).Rss);
                await Task.Delay(10);
            }
        });
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync("/api/v1/organisations/export", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        long lines = 0, bytes = 0;
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                for (var i = 0; i < read; i++) if (buffer[i] == (byte)'\n') lines++;
            }
        }
        watch.Stop();
        await sampling.CancelAsync();
        await sampler;

        var rows = lines - 1;
        var growthMb = (peak - before.Rss) / 1024.0 / 1024;
        Console.Error.WriteLine($"  {rows:N0} rows, {bytes / 1024.0 / 1024:0.0} MB of CSV in {watch.Elapsed.TotalSeconds:0.0} s; " +
                                $"server RSS {before.Rss / 1024.0 / 1024:0} MB before, peak {peak / 1024.0 / 1024:0} MB");
        if (rows < int.Parse(o.GetValueOrDefault("min-rows", "100000")))
            throw new InvalidOperationException($"The export had only {rows} rows.");
        Figures.Print("organisations-export-time", watch.Elapsed.TotalSeconds, "s", "n/a, informational");
        Figures.Print("organisations-export-memory", growthMb, "MB", $"<= 50 MB peak RSS growth for {bytes / 1024.0 / 1024:0} MB of CSV");
        return 0;
    }

    /// <summary>Posts a generated CSV of N new organisations to the import endpoint, timed from the first byte sent to the report.</summary>
    public static async Task<int> ImportAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var rows = int.Parse(o.GetValueOrDefault("rows", "100000"));
        using var http = Client(url, o["key"], TimeSpan.FromMinutes(10));
        var csv = Csv(rows, o.GetValueOrDefault("manager", ""));
        Console.Error.WriteLine($"  {rows:N0} rows, {csv.Length / 1024.0 / 1024:0.0} MB");

        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent { { file, "file", "organisations.csv" } };
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync("/api/v1/organisations/import", form);
        var report = await response.Content.ReadAsStringAsync();
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Import answered {(int)response.StatusCode}: {report[..Math.Min(500, report.Length)]}");
        if (!report.Contains($"\"imported\":{rows}")) throw new InvalidOperationException($"Not every row was imported: {report[..Math.Min(500, report.Length)]}");
        Figures.Print("organisations-import", watch.Elapsed.TotalSeconds, "s", $"<= 60 s for {rows:N0} rows");
        return 0;
    }

    /// <summary>
    /// Signed in as Staff, opens /organisations (a new page and circuit each time, with a filter and sort from the URL)
    /// and times from navigation start until the first data row is on screen.
    /// </summary>
    public static async Task<int> FirstRenderAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var loads = int.Parse(o.GetValueOrDefault("loads", "40"));
        var warmup = int.Parse(o.GetValueOrDefault("warmup", "5"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") ?? "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var until = o.GetValueOrDefault("until", "tbody a.row-link");
        // Element Timing: the browser reports when the first row's text was painted (presented on screen). The attribute is
        // put on the row's block (Chromium times text by its block, and the link is inline) as the parser inserts it,
        // before any layout, so the page itself carries no measuring code.
        await context.AddInitScriptAsync($$"""
            (() => {
                const selector = {{System.Text.Json.JsonSerializer.Serialize(until)}};
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
            """);
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync(url + "/account/sign-in");
        await signIn.FillAsync("#email", "staff@portal.test");
        await signIn.FillAsync("#password", "Portal-Demo-2026");
        await signIn.ClickAsync("button[type=submit]");
        await signIn.WaitForURLAsync(url + "/", new() { Timeout = 30_000 });
        await signIn.CloseAsync();

        string[] queries = o.TryGetValue("queries", out var only) ? only.Split(',') : ["", "?status=Active", "?sort=-createdAt", "?country=NL&sort=name", "?status=Pending&sort=-createdAt", "?q=farms", "?vetted=true&status=Active", "?page=3"];
        var samples = new List<double>();
        if (o.GetValueOrDefault("mode") == "navigate")
        {
            // In-app navigation, as staff move around: one live circuit, Dashboard → the list via Blazor's router.
            var app = await context.NewPageAsync();
            await app.GotoAsync(url + "/");
            await app.WaitForSelectorAsync("#app-ready[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            for (var i = 0; i < warmup + loads; i++)
            {
                await app.EvaluateAsync("() => Blazor.navigateTo('/')");
                await app.Locator(".tiles").WaitForAsync();
                var watch = Stopwatch.StartNew();
                await app.EvaluateAsync($"() => Blazor.navigateTo('/organisations{queries[i % queries.Length]}')");
                await app.Locator("tbody a.row-link").First.WaitForAsync(new() { Timeout = 30_000 });
                watch.Stop();
                if (i >= warmup) samples.Add(watch.Elapsed.TotalMilliseconds);
            }
            var navigated = samples.Order().ToList();
            Console.Error.WriteLine($"  {navigated.Count} in-app navigations: min {navigated[0]:0} ms, p50 {Figures.Percentile(navigated, 50):0} ms, max {navigated[^1]:0} ms");
            Figures.Print("organisations-navigate-p95", Figures.Percentile(navigated, 95), "ms", "<= 300 ms");
            return 0;
        }
        // The floor: each address's prerendered HTML saved to disk as it came, without its scripts (so nothing starts) and
        // with its <base> pointing at the app (so the same stylesheets come from the same cache), served by a tiny
        // static server on loopback. Each app load is followed by a load of the same address's static copy, timed the same way.
        var floorDir = o.GetValueOrDefault("floor-dir", Path.Combine(Path.GetTempPath(), "portal-bench-first-render-floor"));
        using var floorServer = await StaticFloor.StartAsync(context, url, o.GetValueOrDefault("path", "/organisations"), queries, floorDir);
        var floorSamples = new List<double>();
        for (var i = 0; i < warmup + loads; i++)
        {
            var page = await context.NewPageAsync();
            if (o.ContainsKey("console")) { page.Console += (_, m) => Console.Error.WriteLine($"      console {m.Type}: {m.Text}"); page.PageError += (_, m) => Console.Error.WriteLine($"      page error: {m}"); }
            var trace = o.TryGetValue("trace", out var traceDir) && i >= warmup && i < warmup + 3
                ? await ChromeTrace.StartAsync(context, page, Path.Combine(traceDir!, $"load-{i - warmup}.json")) : null;
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(url + o.GetValueOrDefault("path", "/organisations") + queries[i % queries.Length], new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
            var committed = watch.Elapsed.TotalMilliseconds;
            // When the first row was painted, on the page's own clock (from navigation start). Waiting in the page's main
            // world keeps Playwright's selector engine (tens of milliseconds of script) out of the page until then.
            var painted = await FirstRowPaintAsync(page);
            await page.Locator(until).First.WaitForAsync(new() { Timeout = 30_000 });
            var seen = watch.Elapsed.TotalMilliseconds;
            // Then the circuit: the page must also become usable (and the live grid take over), or the load failed.
            await page.WaitForSelectorAsync("#app-ready[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            var interactive = watch.Elapsed.TotalMilliseconds;
            watch.Stop();
            if (trace is not null) await trace.StopAsync();
            if (i >= warmup) samples.Add(painted);
            if (o.ContainsKey("timeline"))
                Console.Error.WriteLine("      " + await page.EvaluateAsync<string>("""
                    () => {
                        const n = performance.getEntriesByType("navigation")[0], r = Math.round;
                        const fcp = performance.getEntriesByType("paint").find(e => e.name === "first-contentful-paint");
                        return `request ${r(n.requestStart)}, response ${r(n.responseStart)}-${r(n.responseEnd)}, dom interactive ${r(n.domInteractive)}, ` +
                            `DOMContentLoaded ${r(n.domContentLoadedEventEnd)}, first contentful paint ${r(fcp?.startTime ?? -1)}; ` +
                            performance.getEntriesByType("resource").map(e => `${e.name.split("/").pop()} ${r(e.startTime)}+${r(e.duration)}`).join(", ");
                    }
                    """));
            await page.CloseAsync();

            var floorPage = await context.NewPageAsync();
            await floorPage.GotoAsync(floorServer.UrlOf(i % queries.Length), new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
            var floorPainted = await FirstRowPaintAsync(floorPage);
            await floorPage.CloseAsync();
            if (i >= warmup) floorSamples.Add(floorPainted);
            Console.Error.WriteLine($"    {queries[i % queries.Length],-28} response {committed,6:0} ms, first row painted {painted,6:0} ms (seen by Playwright {seen,6:0} ms), interactive {interactive,6:0} ms; " +
                                    $"static copy painted {floorPainted,6:0} ms");
        }
        var sorted = samples.Order().ToList();
        var floors = floorSamples.Order().ToList();
        var overEach = samples.Zip(floorSamples, (app, floor) => app - floor).Order().ToList();
        Console.Error.WriteLine($"  {sorted.Count} page loads: min {sorted[0]:0} ms, p50 {Figures.Percentile(sorted, 50):0} ms, max {sorted[^1]:0} ms");
        Console.Error.WriteLine($"  {floors.Count} static copies: min {floors[0]:0} ms, p50 {Figures.Percentile(floors, 50):0} ms, max {floors[^1]:0} ms");
        Console.Error.WriteLine($"  over the floor: p50 {Figures.Percentile(sorted, 50) - Figures.Percentile(floors, 50):0} ms; each load minus the static copy after it: " +
                                $"p50 {Figures.Percentile(overEach, 50):0} ms, p95 {Figures.Percentile(overEach, 95):0} ms");
        Figures.Print("organisations-first-render-p95", Figures.Percentile(sorted, 95), "ms", "n/a, informational; the target is over the floor");
        Figures.Print("organisations-first-render-floor-p95", Figures.Percentile(floors, 95), "ms", "n/a, informational");
        Figures.Print("organisations-first-render-over-floor-p95", Figures.Percentile(sorted, 95) - Figures.Percentile(floors, 95), "ms", "<= 250 ms");
        return 0;
    }

    /// <summary>When the first row was painted, on the page's own clock (from navigation start), waited for in the page.</summary>
    private static Task<double> FirstRowPaintAsync(IPage page) => page.EvaluateAsync<double>("""
        () => new Promise((resolve, reject) => {
            const since = performance.now();
            const poll = () => window.__firstRowPaint ? resolve(window.__firstRowPaint)
                : performance.now() - since > 30000 ? reject(new Error("no first-row paint reported within 30 s: " + location.href))
                : setTimeout(poll, 20);
            poll();
        })
        """);

    /// <summary>
    /// Static copies of the list page as the app prerendered it for the signed-in user, one per address, served from
    /// disk by <see cref="System.Net.HttpListener"/> on loopback: the same bytes and stylesheets with nothing to run,
    /// so their first paint is what this browser on this machine needs for that page at all.
    /// </summary>
    private sealed partial class StaticFloor : IDisposable
    {
        private readonly System.Net.HttpListener _listener = new();
        private readonly string _dir;
        private readonly string _prefix;

        private StaticFloor(string dir, int port)
        {
            _dir = dir;
            _prefix = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(_prefix);
        }

        public string UrlOf(int index) => $"{_prefix}floor-{index}.html";

        public static async Task<StaticFloor> StartAsync(IBrowserContext context, string appUrl, string path, string[] queries, string dir)
        {
            Directory.CreateDirectory(dir);
            long bytes = 0;
            for (var k = 0; k < queries.Length; k++)
            {
                var response = await context.APIRequest.GetAsync(appUrl + path + queries[k]); // the context's cookie: signed in
                var html = await response.TextAsync();
                if (!response.Ok || !html.Contains("row-link")) throw new InvalidOperationException($"GET {path}{queries[k]} for the floor: {response.Status}, no rows.");
                html = Scripts().Replace(html, "");
                if (!BaseHref().IsMatch(html)) throw new InvalidOperationException("The page has no <base href=\"/\"> to point at the app.");
                html = BaseHref().Replace(html, $"<base href=\"{appUrl}/\">", 1);
                await File.WriteAllTextAsync(Path.Combine(dir, $"floor-{k}.html"), html);
                bytes += Encoding.UTF8.GetByteCount(html);
            }
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var floor = new StaticFloor(dir, port);
            floor._listener.Start();
            _ = Task.Run(floor.ServeAsync);
            Console.Error.WriteLine($"  floor: {queries.Length} static copies ({bytes / queries.Length / 1024} KB each on average, scripts removed) in {dir}, served on {floor._prefix}");
            return floor;
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                System.Net.HttpListenerContext request;
                try { request = await _listener.GetContextAsync(); }
                catch (Exception) when (!_listener.IsListening) { return; }
                var name = Path.GetFileName(request.Request.Url!.AbsolutePath);
                var file = Path.Combine(_dir, name);
                if (name.StartsWith("floor-") && File.Exists(file))
                {
                    var body = await File.ReadAllBytesAsync(file); // from disk every time
                    request.Response.ContentType = "text/html; charset=utf-8";
                    request.Response.Headers["Cache-Control"] = "no-store";
                    request.Response.ContentLength64 = body.Length;
                    await request.Response.OutputStream.WriteAsync(body);
                }
                else request.Response.StatusCode = 404;
                request.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();

        [System.Text.RegularExpressions.GeneratedRegex("<script\\b[^>]*>.*?</script>", System.Text.RegularExpressions.RegexOptions.Singleline)]
        private static partial System.Text.RegularExpressions.Regex Scripts();

        [System.Text.RegularExpressions.GeneratedRegex("<base href=\"/\"\\s*/?>")]
        private static partial System.Text.RegularExpressions.Regex BaseHref();
    }

    /// <summary>A Chrome trace of one page load (main thread, raster, network), for chrome://tracing or Perfetto.</summary>
    private sealed class ChromeTrace(ICDPSession cdp, string path)
    {
        private readonly ICDPSession _cdp = cdp;
        private readonly List<System.Text.Json.JsonElement> _events = [];
        private readonly TaskCompletionSource _complete = new();

        public static async Task<ChromeTrace> StartAsync(IBrowserContext context, IPage page, string path)
        {
            var trace = new ChromeTrace(await context.NewCDPSessionAsync(page), path);
            trace._cdp.Event("Tracing.dataCollected").OnEvent += (_, e) => trace._events.AddRange(e!.Value.GetProperty("value").EnumerateArray().Select(x => x.Clone()));
            trace._cdp.Event("Tracing.tracingComplete").OnEvent += (_, _) => trace._complete.TrySetResult();
            await trace._cdp.SendAsync("Tracing.start", new Dictionary<string, object>
            {
                ["categories"] = "devtools.timeline,disabled-by-default-devtools.timeline,blink,v8,loading,toplevel",
                ["transferMode"] = "ReportEvents",
            });
            return trace;
        }

        public async Task StopAsync()
        {
            await _cdp.SendAsync("Tracing.end");
            await _complete.Task;
            await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(new { traceEvents = _events }));
            Console.Error.WriteLine($"      trace: {path}");
        }
    }

    internal static HttpClient Client(string url, string key, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = timeout };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    /// <summary>N distinct, valid organisations, like a migration from another system would bring: most with an owner.</summary>
    private static byte[] Csv(int rows, string managerEmail)
    {
        string[] countries = ["GB", "NL", "IE", "FR", "DE", "BE"];
        string[] kinds = ["Farms", "Foods", "Logistics", "Trading", "Growers", "Dairy"];
        var text = new StringBuilder("name,tradingName,billingEmail,companyNumber,countryCode,vetted,merchant,accountManagerEmail,ownerEmail,ownerGivenName,ownerFamilyName\n");
        for (var i = 0; i < rows; i++)
        {
            var kind = kinds[i % kinds.Length];
            var owner = i % 5 == 0 ? ",," : $"owner{i}@import{i}.example,Owner,Number {i}";
            text.Append($"Imported {kind} {i:000000} Ltd,,accounts@import{i}.example,IMP{i:00000000},{countries[i % countries.Length]},{(i % 3 == 0 ? "true" : "false")},false,{(i % 4 == 0 ? managerEmail : "")},{owner}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    internal static (long Rss, long Hwm) Memory(int pid)
    {
        long Read(string name) => long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return (Read("VmRSS:"), Read("VmHWM:"));
    }
}
