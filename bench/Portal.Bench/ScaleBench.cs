using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

/// <summary>
/// The client side of scale/run.sh: an SMTP sink that records every Message-Id it accepts, a load of list and write
/// requests through the load balancer, and the sign-in-and-edit journey of a browser user whose instance is killed.
/// Figures go to stdout as "scale: NAME VALUE UNIT (target …)".
/// </summary>
static class ScaleBench
{
    private static void Figure(string name, double value, string unit, string target) =>
        Console.WriteLine($"scale: {name} {value.ToString(value >= 100 || value == Math.Floor(value) ? "0" : "0.0")} {unit} (target {target})");

    // ---- scale-smtp --port P --out FILE ------------------------------------------------------------------------------

    /// <summary>Accepts mail on 127.0.0.1:PORT until killed, appending each email's Message-Id to FILE as it arrives.</summary>
    public static async Task<int> SmtpAsync(Dictionary<string, string> o)
    {
        var options = new SmtpServerOptionsBuilder().ServerName("scale-sink").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, int.Parse(o["port"])))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new MessageIdRecorder(o["out"]));
        await new SmtpServer.SmtpServer(options, services).StartAsync(CancellationToken.None);
        return 0;
    }

    private sealed class MessageIdRecorder(string path) : MessageStore
    {
        private readonly Lock _gate = new();

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var text = Encoding.UTF8.GetString(buffer.ToArray());
            var id = text.Split("\r\n").FirstOrDefault(l => l.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase))?[11..].Trim(' ', '<', '>') ?? "(none)";
            lock (_gate) File.AppendAllText(path, id + "\n");
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    // ---- scale-load --url U --key K --seconds S --clients C --label L --writes FILE ------------------------------------

    /// <summary>
    /// C clients for S seconds, each a loop of list pages (4 in 5) and writes (1 in 5: create an organisation with an
    /// owner, then activate it, which queues its welcome email). Prints the list's p95 and throughput; appends the id of
    /// every write the app accepted (2xx) to FILE, one "created ID" or "activated ID" per line.
    /// </summary>
    public static async Task<int> LoadAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var seconds = double.Parse(o.GetValueOrDefault("seconds", "30"));
        var clients = int.Parse(o.GetValueOrDefault("clients", "8"));
        var label = o.GetValueOrDefault("label", "two");
        var writesFile = o.GetValueOrDefault("writes", "");
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
        { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", o["key"]);
        string[] sorts = ["name", "-createdAt", "countryCode", "status"];

        var lists = new List<double>();
        int listErrors = 0, writesTried = 0, writeErrors = 0;
        var accepted = new List<string>();
        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(2026 + client);
            var mine = new List<double>();
            while (deadline.Elapsed.TotalSeconds < seconds)
            {
                if (random.Next(5) > 0)
                {
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        using var response = await http.GetAsync($"/api/v1/organisations?page={random.Next(1, 40)}&pageSize=25&sort={sorts[random.Next(sorts.Length)]}");
                        await response.Content.ReadAsByteArrayAsync();
                        if (response.IsSuccessStatusCode) mine.Add(watch.Elapsed.TotalMilliseconds);
                        else Interlocked.Increment(ref listErrors);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref listErrors); }
                    continue;
                }
                Interlocked.Increment(ref writesTried);
                try
                {
                    var n = Guid.NewGuid().ToString("N")[..10];
                    using var created = await http.PostAsJsonAsync("/api/v1/organisations", new
                    {
                        name = $"Scale {label} {n}", billingEmail = $"accounts-{n}@scale.example", countryCode = "GB",
                        owner = new { email = $"owner-{n}@scale.example", givenName = "Sam", familyName = "Scale" },
                    });
                    if (created.StatusCode != HttpStatusCode.Created) { Interlocked.Increment(ref writeErrors); continue; }
                    var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("organisation").GetProperty("id").GetString()!;
                    lock (accepted) accepted.Add($"created {id}");
                    using var activate = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/organisations/{id}/activate");
                    activate.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag?.ToString());
                    using var activated = await http.SendAsync(activate);
                    if (activated.IsSuccessStatusCode) lock (accepted) accepted.Add($"activated {id}");
                    else Interlocked.Increment(ref writeErrors);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref writeErrors); }
            }
            lock (lists) lists.AddRange(mine);
        })));
        var elapsed = deadline.Elapsed.TotalSeconds;
        if (writesFile.Length > 0) await File.AppendAllLinesAsync(writesFile, accepted);
        lists.Sort();
        Console.Error.WriteLine($"  {label}: {lists.Count} list pages ({listErrors} failed), {writesTried} writes tried ({writeErrors} failed answers), {accepted.Count} accepted, in {elapsed:0.0} s");
        if (lists.Count == 0) throw new InvalidOperationException("no list request succeeded");
        Figure($"list-p95-{label}", Figures.Percentile(lists, 95), "ms", o.GetValueOrDefault("p95-target", "report"));
        Figure($"list-throughput-{label}", lists.Count / elapsed, "req/s", o.GetValueOrDefault("throughput-target", "report"));
        if (o.ContainsKey("show-errors")) Figure($"failed-answers-{label}", listErrors + writeErrors, "requests", "report: in flight on the killed instance");
        return 0;
    }

    // ---- scale-journey --url U --email E [--password P] --upstream FILE --go FILE ------------------------------------

    /// <summary>
    /// Signs in through the load balancer, opens an organisation and saves an edit in the dialog (the journey), then
    /// writes the instance it is served by (nginx's X-Upstream) to FILE and waits for the GO file: the script kills that
    /// instance meanwhile. Then it follows what a person would do: the reconnect card, "Reload the page", and checks
    /// that the page it was on opens again, signed in, on the other instance, with the saved edit.
    /// </summary>
    public static async Task<int> JourneyAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") ?? "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = url, ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        var watch = Stopwatch.StartNew();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(o["email"]);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(o.GetValueOrDefault("password", "Portal-Demo-2026"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/sign-in"));
        await Interactive(page);
        await page.GotoAsync("/organisations");
        await Interactive(page);
        await page.Locator("a.row-link").First.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/organisations/[0-9a-f-]{36}$"));
        await Interactive(page);
        var tradingName = $"Scale edit {Guid.NewGuid().ToString("N")[..8]}";
        await page.Locator(".page-actions").GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Trading name", new() { Exact = true }).FillAsync(tradingName);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await page.GetByText(tradingName).First.WaitForAsync();
        var journeyMs = watch.Elapsed.TotalMilliseconds;
        var orgUrl = page.Url;
        var before = await UpstreamAsync(context, url);
        Figure("journey-sign-in-and-edit", journeyMs / 1000, "s", "passes through nginx");
        await File.WriteAllTextAsync(o["upstream"], before);
        Console.Error.WriteLine($"  journey: signed in and saved an edit on {before}; waiting for that instance to be killed");

        while (!File.Exists(o["go"])) await Task.Delay(200);
        var killed = Stopwatch.StartNew();
        // The reconnect card: Blazor tries the dead circuit, then says the session ended (or could not reconnect).
        var card = page.Locator("#components-reconnect-modal.components-reconnect-rejected, #components-reconnect-modal.components-reconnect-failed");
        var sawCard = true;
        try { await card.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 90_000 }); }
        catch (TimeoutException) { sawCard = false; }
        if (sawCard) await card.Locator("[data-reload]:visible").First.ClickAsync();
        else await page.ReloadAsync();
        await page.WaitForURLAsync(orgUrl);
        await Interactive(page);
        var resumedIn = killed.Elapsed.TotalSeconds;
        var after = await UpstreamAsync(context, url);
        var signedIn = !page.Url.Contains("/account/sign-in");
        var sameEdit = await page.GetByText(tradingName).CountAsync() > 0;
        var resumed = signedIn && sameEdit && after != before;
        Console.Error.WriteLine($"  journey: {(sawCard ? "reconnect card shown, reloaded" : "no reconnect card, reloaded")}; now on {after}, signed in {signedIn}, same page {page.Url == orgUrl}, saved edit shown {sameEdit}");
        Figure("killed-user-resumed", resumed ? 1 : 0, "(1 = yes)", "1: same page, signed in, on the other instance");
        Figure("killed-user-resumed-in", resumedIn, "s", "report");
        return resumed ? 0 : 1;
    }

    private static Task Interactive(IPage page) =>
        page.Locator("#app-ready[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

    /// <summary>Which instance nginx sends this browser (its affinity cookie) to: the X-Upstream header it adds.</summary>
    private static async Task<string> UpstreamAsync(IBrowserContext context, string url)
    {
        var response = await context.APIRequest.GetAsync($"{url}/health");
        return response.Headers.TryGetValue("x-upstream", out var upstream) ? upstream : "(unknown)";
    }
}
