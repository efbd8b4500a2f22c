using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

/// <summary>
/// Agent connections on the database bench/run.sh seeded with <c>seed-bench agents 500000</c> (200 agencies): the
/// connections list with its floor (the same SQL run directly), what the agency <c>hash</c> check adds to a request
/// (the agency-scoped list against the same list by API key), and a bulk revoke by criteria over 50,000 credentials.
/// </summary>
static class AgentBenches
{
    private static readonly string[] Sorts = ["-createdAt", "createdAt", "alias", "state", "-lastActivityAt"];
    private static readonly string[] States = ["Invited", "Requested", "Responded", "Completed", "Abandoned"];

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var requests = int.Parse(o.GetValueOrDefault("requests", "300"));
        var warmup = int.Parse(o.GetValueOrDefault("warmup", "30"));
        var random = new Random(2026);
        using var staff = Client(url, "X-Api-Key", o["key"]);
        using var agency = Client(url, "hash", o["hash"]);
        var agencyId = o["agency"];
        var agencies = (await staff.GetFromJsonAsync<JsonElement>("/api/v1/agencies?pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(a => a.GetProperty("id").GetString()!).ToList();
        Console.Error.WriteLine($"  {agencies.Count} agencies");

        // 1. The list as staff page it: a sort, often one agency, sometimes a state or stage access; pages 1-3 most often.
        using var floor = new SqlFloor(o["db"], o["sql-log"]);
        var samples = new List<(double Ms, double FloorMs)>();
        var shapes = new HashSet<string>();
        var plans = new List<(string Shape, List<List<string>> Plans)>();
        for (var i = 0; i < warmup + requests; i++)
        {
            var parts = new List<string> { $"page={(random.NextDouble() < 0.6 ? random.Next(1, 4) : random.Next(4, 21))}", "pageSize=50", $"sort={Uri.EscapeDataString(Sorts[random.Next(Sorts.Length)])}" };
            if (random.NextDouble() < 0.7) parts.Add($"agencyId={agencies[random.Next(agencies.Count)]}");
            if (random.NextDouble() < 0.4) parts.Add($"state={States[random.Next(States.Length)]}");
            if (random.NextDouble() < 0.15) parts.Add("stageAccess=true");
            var (ms, trace) = await TimedGetAsync(staff, "/api/v1/agent-connections?" + string.Join('&', parts));
            var commands = floor.PageCommands(trace);
            if (i == 0) Console.Error.WriteLine($"  floor: {commands.Count} statements, e.g.\n    " + string.Join("\n    ", commands.Select(c => c.Sql.ReplaceLineEndings(" "))));
            var shape = string.Join('&', parts.Where(p => !p.StartsWith("page=", StringComparison.Ordinal)).Select(p => p.StartsWith("agencyId=", StringComparison.Ordinal) ? "agencyId" : p));
            if (shapes.Add(shape)) plans.Add((shape, commands.Select(c => Plan(o["db"], c)).ToList()));
            if (i >= warmup) samples.Add((ms, floor.Run(commands)));
        }
        // The query plan of each shape's statements on the bench database (load-independent): a sort step means a page
        // of a large set sorts all of it.
        foreach (var (shape, statements) in plans.OrderBy(p => p.Shape, StringComparer.Ordinal))
            Console.Error.WriteLine($"  plan {shape}: " + string.Join(" ; ", statements.Select(st => string.Join(" | ", st))));
        Figures.Print("agent-connections-list-shapes-sorting", plans.Count(p => p.Plans.Any(st => st.Any(l => l.Contains("TEMP B-TREE", StringComparison.Ordinal)))), "shapes",
            $"0 of {plans.Count} (informational: one agency's few thousand rows may sort)");
        var all = samples.Select(s => s.Ms).Order().ToList();
        var floors = samples.Select(s => s.FloorMs).Order().ToList();
        Figures.Print("agent-connections-list-p95", Figures.Percentile(all, 95), "ms", "<= 50 ms");
        Figures.Print("agent-connections-list-floor-p95", Figures.Percentile(floors, 95), "ms", "n/a, informational");
        Figures.Print("agent-connections-list-ratio", Figures.Percentile(all, 95) / Figures.Percentile(floors, 95), "x", "<= 3 x");

        // 2. The hash check: one agency's first page by its secret and by a staff key, alternately (the same SQL).
        var byHash = new List<double>();
        var byKey = new List<double>();
        for (var i = 0; i < warmup + requests; i++)
        {
            var (hashMs, _) = await TimedGetAsync(agency, "/api/v1/agency/connections?pageSize=25");
            var (keyMs, _) = await TimedGetAsync(staff, $"/api/v1/agent-connections?pageSize=25&agencyId={agencyId}");
            if (i < warmup) continue;
            byHash.Add(hashMs);
            byKey.Add(keyMs);
        }
        byHash.Sort();
        byKey.Sort();
        Console.Error.WriteLine($"  hash p50 {Figures.Percentile(byHash, 50):0.00} ms, API key p50 {Figures.Percentile(byKey, 50):0.00} ms");
        Figures.Print("agency-hash-check-over-api-key-p95", Figures.Percentile(byHash, 95) - Figures.Percentile(byKey, 95), "ms", "<= 2 ms");

        // 3. A bulk revoke by criteria: every credential of the bench schema with tier=gold (50,000), then restored.
        var body = new { agencyId, purpose = "Revocation", schemaId = "https://schema.example.com/bench-membership/1.0", attributes = new[] { new { name = "tier", value = "gold" } } };
        var watch = Stopwatch.StartNew();
        using var revoke = await staff.PostAsJsonAsync("/api/v1/agent-credentials/revoke-by-criteria", body);
        watch.Stop();
        var result = await revoke.Content.ReadAsStringAsync();
        if (revoke.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"revoke-by-criteria answered {(int)revoke.StatusCode}: {result}");
        Console.Error.WriteLine($"  revoke by criteria: {result}");
        Figures.Print("agent-credentials-bulk-revoke", watch.Elapsed.TotalSeconds, "s", "<= 10 s");
        return 0;
    }

    /// <summary>SQLite's plan of a captured statement, its parameters bound as NULL (the plan does not depend on them).</summary>
    private static List<string> Plan(string databasePath, CapturedCommand captured)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + captured.Sql;
        foreach (var p in captured.Parameters) command.Parameters.AddWithValue(p.Name, DBNull.Value);
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(3));
        return lines;
    }

    private static HttpClient Client(string url, string header, string value)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add(header, value);
        return http;
    }

    private static async Task<(double Ms, string Trace)> TimedGetAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var (trace, traceparent) = SqlFloor.NewTrace();
        request.Headers.Add("traceparent", traceparent);
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
        return (watch.Elapsed.TotalMilliseconds, trace);
    }
}
