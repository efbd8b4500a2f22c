using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

/// <summary>The business connections area: the units list's query mix, and the duplicate check (POST) with its SQL floor.</summary>
static class BusinessBenches
{
    private static readonly string[] Sorts = ["name", "-createdAt", "postcode", "type"];
    private static readonly string[] Types = ["Farm", "Stores"];
    private static readonly string[] Statuses = ["Valid", "Grace", "Expired"];
    private static readonly string[] Searches = ["pitlands", "manor", "PO18", "11/111/1111", "zzq"];
    private static readonly string[] Names = ["Smith Farms", "Jones Agriculture", "Harvest Grain", "Wold Storage", "Brook Farming", "Up Marden Estates"];

    /// <summary>A page of 50 of units: a sort and at least one filter (type, tag, certificate status, country) or a search, with the total.</summary>
    public static (string Query, string Shape) NextUnitQuery(Random r)
    {
        var sort = Sorts[r.Next(Sorts.Length)];
        var type = r.NextDouble() < 0.4 ? Types[r.Next(Types.Length)] : null;
        var status = r.NextDouble() < 0.3 ? Statuses[r.Next(Statuses.Length)] : null;
        var tag = r.NextDouble() < 0.2 ? "arable" : null;
        var q = r.NextDouble() < 0.25 ? Searches[r.Next(Searches.Length)] : null;
        if (type is null && status is null && tag is null && q is null) type = "Farm";
        var page = r.NextDouble() < 0.6 ? r.Next(1, 4) : r.Next(4, 21);
        var parts = new List<string> { $"page={page}", "pageSize=50", $"sort={Uri.EscapeDataString(sort)}" };
        if (type is not null) parts.Add($"type={type}");
        if (status is not null) parts.Add($"certificateStatus={status}");
        if (tag is not null) parts.Add($"tag={tag}");
        if (q is not null) parts.Add($"q={Uri.EscapeDataString(q)}");
        var shape = $"sort={sort}{(type is null ? "" : " +type")}{(status is null ? "" : " +status")}{(tag is null ? "" : " +tag")}{(q is null ? "" : " +q")}";
        return (string.Join('&', parts), shape);
    }

    /// <summary>POST /business-connections/exists with a name, a company number and a contact (a domain that exists half the time), each followed by its SQL run directly.</summary>
    public static async Task<int> DuplicateCheckAsync(Dictionary<string, string> o)
    {
        var requests = int.Parse(o.GetValueOrDefault("requests", "300"));
        var warmup = int.Parse(o.GetValueOrDefault("warmup", "30"));
        var random = new Random(int.Parse(o.GetValueOrDefault("seed", "2026")));
        using var http = new HttpClient { BaseAddress = new Uri(o["url"].TrimEnd('/')), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", o["key"]);
        using var floor = o.TryGetValue("db", out var db) ? new SqlFloor(db, o["sql-log"]) : null;
        var samples = new List<(double Ms, double FloorMs)>();
        for (var i = 0; i < warmup + requests; i++)
        {
            var name = $"{Names[random.Next(Names.Length)]} {random.Next(1000)}";
            var domain = random.NextDouble() < 0.5 ? "example.com" : $"new{random.Next(1_000_000)}.example";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/business-connections/exists")
            {
                Content = JsonContent.Create(new { name, countryCode = "GB", contacts = new[] { new { givenName = "Pat", familyName = "Smith", email = $"pat{i}@{domain}" } } }),
            };
            var (trace, traceparent) = SqlFloor.NewTrace();
            request.Headers.Add("traceparent", traceparent);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"exists answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
            var floorMs = floor is null ? double.NaN : floor.Run(floor.PageCommands(trace));
            if (i >= warmup) samples.Add((watch.Elapsed.TotalMilliseconds, floorMs));
        }
        var all = samples.Select(s => s.Ms).Order().ToList();
        Figures.Print("duplicate-check-p95", Figures.Percentile(all, 95), "ms", "<= 50 ms");
        Figures.Print("duplicate-check-p50", Figures.Percentile(all, 50), "ms", "n/a, informational");
        if (floor is not null)
        {
            var floors = samples.Select(s => s.FloorMs).Order().ToList();
            Figures.Print("duplicate-check-floor-p95", Figures.Percentile(floors, 95), "ms", "n/a, informational");
            Figures.Print("duplicate-check-ratio", Figures.Percentile(all, 95) / Figures.Percentile(floors, 95), "x", "<= 3 x");
        }
        return 0;
    }
}
