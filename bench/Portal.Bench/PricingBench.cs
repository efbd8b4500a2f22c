using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

/// <summary>
/// Pricing at size, through the API: one group filled by imports of <c>batch</c> rows (the first one's preview and
/// apply are the import figure), then the price lookup (p95), the prices grid (p95, each request followed by its SQL
/// run directly: the floor) and the export of the prices in force at a date (server memory sampled every 10 ms).
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

        var created = await http.PostAsync("/api/v1/pricing-groups", Json(new { name = $"Bench {DateTime.UtcNow:HHmmss}", currency = "EUR", includesVat = true }));
        var group = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var etag = created.Headers.ETag!.Tag;
        var start = DateTimeOffset.UtcNow.AddHours(1);
        var batches = Math.Max(1, rows / batch);
        for (var b = 0; b < batches; b++)
        {
            // Each batch is every SKU once more, a day later than the last: SKUs get a price history of `batches` rows.
            var csv = new StringBuilder("sku,amount,original_amount,active_at,vat\n");
            var at = start.AddDays(b).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            for (var i = 0; i < batch; i++) csv.Append(CultureInfo.InvariantCulture, $"SKU-{i:D6},{1000 + (i * 7 + b * 13) % 9000},,{at},NL:21;DE:19\n");
            var body = csv.ToString();
            var watch = Stopwatch.StartNew();
            if (b == 0)
            {
                using var preview = await http.PostAsync($"/api/v1/pricing-groups/{group}/prices/import?dryRun=true", Csv(body));
                await Ensure(preview, "preview");
                var previewS = watch.Elapsed.TotalSeconds;
                Console.Error.WriteLine($"  preview of {batch:N0} rows: {previewS:0.0} s");
                Figures.Print("pricing-import-preview", previewS, "s", "n/a, informational");
                watch.Restart();
                etag = preview.Headers.ETag!.Tag;
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/pricing-groups/{group}/prices/import") { Content = Csv(body) };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
            using var applied = await http.SendAsync(request);
            await Ensure(applied, "apply");
            etag = applied.Headers.ETag!.Tag;
            Console.Error.WriteLine($"  import {b + 1}/{batches}: {batch:N0} rows applied in {watch.Elapsed.TotalSeconds:0.0} s");
            if (b == 0) Figures.Print("pricing-import-apply", watch.Elapsed.TotalSeconds, "s", "preview + apply <= 30 s");
        }

        // The lookup: a random SKU at a random moment across its history, with VAT for NL.
        var lookups = new List<double>();
        for (var i = 0; i < warmup + requests; i++)
        {
            var at = start.AddDays(random.NextDouble() * batches).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync($"/api/v1/pricing-groups/{group}/prices/SKU-{random.Next(batch):D6}?country=NL&at={Uri.EscapeDataString(at)}");
            await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"lookup answered {(int)response.StatusCode}");
            if (i >= warmup) lookups.Add(watch.Elapsed.TotalMilliseconds);
        }
        lookups.Sort();
        Figures.Print("pricing-lookup-p95", Figures.Percentile(lookups, 95), "ms", $"<= 10 ms at {rows:N0} rows");

        // The grid: a page of 50 by state or SKU prefix, pages 1-3 most often; each followed by its floor.
        using var floor = o.TryGetValue("db", out var db) ? new SqlFloor(db, o["sql-log"]) : null;
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
