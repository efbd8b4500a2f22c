using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

/// <summary>
/// The signed-in HTML list page (GET /organisations, its first page of rows prerendered into the response) under
/// several concurrent clients, unfiltered against filtered. Every client alternates the two, so both see the same
/// machine at the same moments, and the ratio of their p95s is the figure that survives a noisy machine.
/// </summary>
static partial class PageBench
{
    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var path = o.GetValueOrDefault("path", "/organisations");
        var clients = int.Parse(o.GetValueOrDefault("clients", "4"));
        var requests = int.Parse(o.GetValueOrDefault("requests", "100")); // per client and kind
        var warmup = int.Parse(o.GetValueOrDefault("warmup", "10"));
        // Plain index filters, each a large share of the rows (Active about 64 %, GB about 36 %): the cheapest filtered
        // pages to compare with. A search (?q=) costs more, and would flatter the unfiltered page.
        var filtered = o.GetValueOrDefault("filtered", "?status=Active,?country=GB").Split(',');

        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        await SignInAsync(http, o.GetValueOrDefault("email", "staff@portal.test"), o.GetValueOrDefault("password", "Portal-Demo-2026"));

        using var floor = o.TryGetValue("db", out var db) ? new SqlFloor(db, o["sql-log"]) : null;
        var samples = new List<(string Address, bool Filtered, double Ms, string Trace)>();
        var watchAll = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = new List<(string, bool, double, string)>();
            for (var i = 0; i < 2 * (warmup + requests); i++)
            {
                // Clients start on different kinds, so at any moment some ask for each.
                var isFiltered = (i + client) % 2 == 1;
                var address = path + (isFiltered ? filtered[(i / 2 + client) % filtered.Length] : "");
                using var request = new HttpRequestMessage(HttpMethod.Get, address);
                var (trace, traceparent) = SqlFloor.NewTrace();
                request.Headers.Add("traceparent", traceparent);
                var watch = Stopwatch.StartNew();
                using var response = await http.SendAsync(request);
                var html = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"GET {address} answered {(int)response.StatusCode} {response.Headers.Location}");
                if (!html.Contains("row-link")) throw new InvalidOperationException($"GET {address}: no prerendered rows in the page.");
                if (i >= 2 * warmup) mine.Add((address, isFiltered, watch.Elapsed.TotalMilliseconds, trace));
            }
            lock (samples) samples.AddRange(mine);
        })));
        Console.Error.WriteLine($"  {samples.Count} pages by {clients} clients in {watchAll.Elapsed.TotalSeconds:0.0} s");
        foreach (var group in samples.GroupBy(s => s.Address).OrderBy(g => g.Key))
        {
            var ms = group.Select(g => g.Ms).Order().ToList();
            Console.Error.WriteLine($"  {group.Key,-32} n={ms.Count,4}  p50 {Figures.Percentile(ms, 50),6:0.0} ms  p95 {Figures.Percentile(ms, 95),6:0.0} ms  max {ms[^1],6:0.0} ms");
        }
        if (floor is not null)
        {
            // The SQL each measured page ran (its reads: the user's preferences, the account managers, the total, the
            // page, the saved views), run again directly, one page at a time, after the concurrent run: informational,
            // it shows whether the database part of the two kinds differs.
            foreach (var group in samples.GroupBy(s => s.Filtered))
            {
                var floors = group.Select(s => floor.Run(floor.PageCommands(s.Trace, withoutApiKeys: false))).Order().ToList();
                Console.Error.WriteLine($"  floor {(group.Key ? "filtered" : "unfiltered"),-10} (its SQL run directly, alone): " +
                                        $"p50 {Figures.Percentile(floors, 50):0.00} ms, p95 {Figures.Percentile(floors, 95):0.00} ms");
            }
        }
        var unfilteredMs = samples.Where(s => !s.Filtered).Select(s => s.Ms).Order().ToList();
        var filteredMs = samples.Where(s => s.Filtered).Select(s => s.Ms).Order().ToList();
        Console.Error.WriteLine($"  p50 ratio {Figures.Percentile(unfilteredMs, 50) / Figures.Percentile(filteredMs, 50):0.00} x");
        Figures.Print("organisations-page-unfiltered-p95", Figures.Percentile(unfilteredMs, 95), "ms", "n/a, informational");
        Figures.Print("organisations-page-unfiltered-p50", Figures.Percentile(unfilteredMs, 50), "ms", "n/a, informational");
        Figures.Print("organisations-page-filtered-p95", Figures.Percentile(filteredMs, 95), "ms", "n/a, informational");
        Figures.Print("organisations-page-filtered-p50", Figures.Percentile(filteredMs, 50), "ms", "n/a, informational");
        Console.WriteLine($"organisations-page-ratio: {Figures.Percentile(unfilteredMs, 95) / Figures.Percentile(filteredMs, 95):0.00} x (target <= 1.1 x)");
        return 0;
    }

    /// <summary>Signs in through the real form (its antiforgery token and cookie), as a browser would.</summary>
    public static async Task SignInAsync(HttpClient http, string email, string password)
    {
        var form = await http.GetStringAsync("/account/sign-in");
        var token = AntiforgeryToken().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the sign-in page.");
        using var response = await http.PostAsync("/account/sign-in/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
            throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode} {response.Headers.Location}.");
        Console.Error.WriteLine($"  signed in as {email}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryToken();
}
