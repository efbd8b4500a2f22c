using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

/// <summary>
/// Pricing at size, through the API, on one group the database seeded with <c>rows</c> prices (seed-bench pricing): an
/// import of <c>batch</c> changed prices into it (preview + apply), then the price lookup and the prices grid (p95, each
/// request followed by its SQL run directly: the floor) and the export of the prices in force at a date (server memory
/// sampled every 10 ms).
/// </summary>
static class PricingBench
{
    private static readonly string[] States = ["Planned", "InForce", "Superseded"];

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var rows = int.Parse(o.GetValueOrDefault("rows", "1000000"));
        var batch = int.Parse(o.GetValueOrDefault("batch", "100000"));
        var requests = int.Parse(o.GetValueOrDefault("requests", "300"));
        var warmup = int.Parse(o.GetValueOrDefault("warmup", "30"));
        var random = new Random(2026);
        using var http = OrganisationBenches.Client(url, o["key"], TimeSpan.FromMinutes(10));

        // The group and its 1,000,000 rows were seeded by the database (seed-bench pricing): rows / skus prices per SKU,
        // a day apart from 7 days ago. The import adds a changed price for `batch` SKUs after all of them.
        var group = o["group"];
        var skus = int.Parse(o.GetValueOrDefault("skus", "100000"));
        var batches = Math.Max(1, rows / skus);
        var start = DateTimeOffset.UtcNow.AddDays(-7);
        using (var read = await http.GetAsync($"/api/v1/pricing-groups/{group}"))
        {
            read.EnsureSuccessStatusCode();
            var etag = read.Headers.ETag!.Tag;
            var csv = new StringBuilder("sku,amount,original_amount,active_at,vat\n");
            var at = start.AddDays(batches + 1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            for (var i = 0; i < batch; i++) csv.Append(CultureInfo.InvariantCulture, $"SKU-{i % skus:D6},{1000 + (i * 11) % 9000},,{at},NL:21;DE:19\n");
            var body = csv.ToString();
            var watch = Stopwatch.StartNew();
            using var preview = await http.PostAsync($"/api/v1/pricing-groups/{group}/prices/import?dryRun=true", Csv(body));
            await Ensure(preview, "preview");
            var previewS = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"  preview of {batch:N0} rows against {rows:N0}: {previewS:0.0} s");
            watch.Restart();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/pricing-groups/{group}/prices/import") { Content = Csv(body) };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(preview.Headers.ETag?.Tag ?? etag));
            using var applied = await http.SendAsync(request);
            await Ensure(applied, "apply");
            var applyS = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"  apply: {applyS:0.0} s");
            Figures.Print("pricing-import-preview", previewS, "s", "n/a, informational");
            Figures.Print("pricing-import-apply", applyS, "s", "n/a, informational");
            Figures.Print("pricing-import", previewS + applyS, "s", $"preview + apply <= 30 s for {batch:N0} rows");
        }
        rows += batch;

        // The lookup: a random SKU at a random moment across its history, with VAT for NL; each followed by its SQL run
        // directly (the floor: the group's VAT mode, the row in force and the next one's start).
        using var floor = o.TryGetValue("db", out var db) ? new SqlFloor(db, o["sql-log"]) : null;
        var lookups = new List<(double Ms, double Floor)>();
        for (var i = 0; i < warmup + requests; i++)
        {
            var at = start.AddDays(random.NextDouble() * batches).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/pricing-groups/{group}/prices/SKU-{random.Next(skus):D6}?country=NL&at={Uri.EscapeDataString(at)}");
            var (trace, traceparent) = SqlFloor.NewTrace();
            request.Headers.Add("traceparent", traceparent);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"lookup answered {(int)response.StatusCode}");
            var floorMs = floor is null ? double.NaN : floor.Run(floor.PageCommands(trace));
            if (i >= warmup) lookups.Add((watch.Elapsed.TotalMilliseconds, floorMs));
        }
        var lookupMs = lookups.Select(l => l.Ms).Order().ToList();
        Figures.Print("pricing-lookup-p95", Figures.Percentile(lookupMs, 95), "ms", $"<= 10 ms at {rows:N0} rows");
        if (floor is not null)
        {
            var floors = lookups.Select(l => l.Floor).Order().ToList();
            Figures.Print("pricing-lookup-floor-p95", Figures.Percentile(floors, 95), "ms", "n/a, informational");
            Figures.Print("pricing-lookup-ratio", Figures.Percentile(lookupMs, 95) / Figures.Percentile(floors, 95), "x", "n/a, informational");
        }

        // The grid: a page of 50 by state or SKU prefix, pages 1-3 most often; each followed by its floor.
        var grid = new List<(double Ms, double Floor)>();
        for (var i = 0; i < warmup + requests; i++)
        {
            var page = random.NextDouble() < 0.6 ? random.Next(1, 4) : random.Next(4, 21);
            var query = random.Next(3) switch
            {
                0 => $"state={States[random.Next(States.Length)]}",
                1 => $"q=SKU-{random.Next(1000):D3}",
                _ => "sort=-activeAt",
            };
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/pricing-groups/{group}/prices?page={page}&pageSize=50&{query}");
            var (trace, traceparent) = SqlFloor.NewTrace();
            request.Headers.Add("traceparent", traceparent);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"grid ?{query} answered {(int)response.StatusCode}");
            var floorMs = floor is null ? double.NaN : floor.Run(floor.PageCommands(trace));
            if (i >= warmup) grid.Add((watch.Elapsed.TotalMilliseconds, floorMs));
        }
        var gridMs = grid.Select(g => g.Ms).Order().ToList();
        Figures.Print("pricing-grid-p95", Figures.Percentile(gridMs, 95), "ms", "<= 50 ms");
        if (floor is not null)
        {
            var floors = grid.Select(g => g.Floor).Order().ToList();
            Figures.Print("pricing-grid-floor-p95", Figures.Percentile(floors, 95), "ms", "n/a, informational");
            Figures.Print("pricing-grid-ratio", Figures.Percentile(gridMs, 95) / Figures.Percentile(floors, 95), "x", "<= 3 x");
        }

        // The export at the last batch's moment: one row per SKU, streamed; memory must not grow with the rows.
        if (o.TryGetValue("pid", out var pidText))
        {
            var pid = int.Parse(pidText);
            await Task.Delay(2000);
            var before = OrganisationBenches.Memory(pid).Rss;
            var peak = before;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () => { while (!sampling.IsCancellationRequested) { peak = Math.Max(peak, OrganisationBenches.Memory(pid).Rss); await Task.Delay(10); } });
            var at = start.AddDays(batches).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync($"/api/v1/pricing-groups/{group}/prices/export?at={Uri.EscapeDataString(at)}", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            long lines = 0;
            await using (var body = await response.Content.ReadAsStreamAsync())
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0) for (var i = 0; i < read; i++) if (buffer[i] == (byte)'\n') lines++;
            }
            watch.Stop();
            await sampling.CancelAsync();
            await sampler;
            Console.Error.WriteLine($"  export: {lines - 1:N0} rows in {watch.Elapsed.TotalSeconds:0.0} s; server RSS {before / 1048576.0:0} MB before, peak {peak / 1048576.0:0} MB");
            Figures.Print("pricing-export-memory-growth", (peak - before) / 1048576.0, "MB", $"flat (streamed; {lines - 1:N0} rows)");
        }
        return 0;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
    private static StringContent Csv(string body) => new(body, Encoding.UTF8, "text/csv");

    private static async Task Ensure(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !text.Contains("\"errors\":[]", StringComparison.Ordinal))
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
    }
}
