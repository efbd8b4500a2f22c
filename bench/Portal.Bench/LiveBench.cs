using Microsoft.Playwright;

/// <summary>
/// Presence and live updates between two open pages: two staff users (two browser contexts, two circuits) on one
/// organisation. Each sample is timed in the browsers (one machine, one clock, Date.now), from the moment one user's
/// click is dispatched to the moment the other's page shows it: the "editing" chip appearing (and going) when the edit
/// form opens (and closes), and the new name in the heading after a save. Each is set beside its floor in the same
/// run: the same click's round trip on the clicking user's own page (the form appearing; their own heading showing the
/// saved name), which is what a bare server round trip costs in the same browser.
/// </summary>
static class LiveBench
{
    // Resolves with Date.now() once the predicate holds (checked on every DOM change); armed before the click.
    private const string WatchScript = """
        window.__liveWatch = (check) => new Promise(resolve => {
            const done = () => { if (!check()) return false; observer.disconnect(); resolve(Date.now()); return true; };
            const observer = new MutationObserver(done);
            if (!done()) observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        });
        window.__liveButton = (scope, text) => [...document.querySelectorAll(scope + ' button')].find(b => b.textContent.trim() === text);
        """;

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var samples = int.Parse(o.GetValueOrDefault("samples", "30"));
        var chromium = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") ?? "/usr/bin/chromium";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
        });
        var watcher = await SignedInPageAsync(browser, url, "admin@portal.test");
        var editor = await SignedInPageAsync(browser, url, "staff@portal.test");

        // An active organisation from the demo data (editable by Staff).
        await OpenAsync(watcher, url + "/organisations?status=Active");
        var href = await watcher.Locator("table a[href^='/organisations/']").First.GetAttributeAsync("href")
            ?? throw new InvalidOperationException("No active organisation in the demo data.");
        await OpenAsync(watcher, url + href);
        await OpenAsync(editor, url + href);
        await watcher.WaitForSelectorAsync("[data-testid=presence-chip]", new() { Timeout = 10_000 });
        Console.Error.WriteLine($"  two staff users on {href}; {samples} samples of each");

        List<double> presence = [], presenceFloor = [], record = [], recordFloor = [];
        for (var i = 0; i < samples + 3; i++) // the first three warm up
        {
            var warm = i < 3;
            // Open the form: the other page shows "editing"; the floor is the form appearing on the editor's own page.
            await ArmAsync(watcher, "() => !!document.querySelector('.presence-chip.editing')");
            await ArmAsync(editor, "() => !!document.querySelector('.mud-dialog input')");
            var clicked = await ClickAsync(editor, ".page-actions", "Edit");
            Add(warm, presence, await SeenAsync(watcher) - clicked);
            Add(warm, presenceFloor, await SeenAsync(editor) - clicked);

            // Save a new name: the other page shows it; the floor is the editor's own heading showing it.
            var name = $"Live bench {Guid.NewGuid():N}"[..24];
            await editor.GetByRole(AriaRole.Dialog).GetByLabel("Name", new() { Exact = true }).FillAsync(name);
            var heading = $"() => document.querySelector('h1')?.textContent.trim() === '{name}'";
            await ArmAsync(watcher, heading);
            await ArmAsync(editor, heading);
            clicked = await ClickAsync(editor, ".mud-dialog", "Save");
            Add(warm, record, await SeenAsync(watcher) - clicked);
            Add(warm, recordFloor, await SeenAsync(editor) - clicked);
            await watcher.WaitForSelectorAsync(".presence-chip:not(.editing)", new() { Timeout = 10_000 });
        }

        Report("live-presence", presence, presenceFloor);
        Report("live-record", record, recordFloor);
        return 0;
    }

    private static void Add(bool warm, List<double> into, double ms)
    {
        if (!warm) into.Add(ms);
    }

    private static void Report(string name, List<double> seen, List<double> floor)
    {
        seen.Sort();
        floor.Sort();
        var (p95, floor95) = (Figures.Percentile(seen, 95), Figures.Percentile(floor, 95));
        Console.Error.WriteLine($"  {name}: p50 {Figures.Percentile(seen, 50):0} ms, p95 {p95:0} ms; floor p50 {Figures.Percentile(floor, 50):0} ms, p95 {floor95:0} ms; ratio {p95 / Math.Max(1, floor95):0.0}x");
        Figures.Print(name, p95, "ms p95", "<= 500 ms");
        Figures.Print(name + "-floor", floor95, "ms p95", "the same round trip on the clicking page");
    }

    private static async Task<IPage> SignedInPageAsync(IBrowser browser, string url, string email)
    {
        var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync(WatchScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url + "/account/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Portal-Demo-2026");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url + "/", new() { Timeout = 30_000 });
        return page;
    }

    private static async Task OpenAsync(IPage page, string address)
    {
        await page.GotoAsync(address, new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("#app-ready[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
    }

    private static Task ArmAsync(IPage page, string check) => page.EvaluateAsync($"() => {{ window.__liveSeen = window.__liveWatch({check}); }}");

    private static Task<double> SeenAsync(IPage page) => page.EvaluateAsync<double>("() => window.__liveSeen");

    private static Task<double> ClickAsync(IPage page, string scope, string button) =>
        page.EvaluateAsync<double>($"() => {{ const b = window.__liveButton('{scope}', '{button}'); if (!b) throw new Error('no {button} button'); const t = Date.now(); b.click(); return t; }}");
}
