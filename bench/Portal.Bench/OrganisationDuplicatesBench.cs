using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

/// <summary>
/// The organisations' duplicate check (POST /organisations/duplicates, the check every create runs) on the seeded
/// organisations: names and billing domains as the seeder makes them ("Smith Ltd", accounts@smithltd.example), so about
/// half the probes find candidates, each followed by its SQL run directly (the floor).
/// </summary>
static class OrganisationDuplicatesBench
{
    private static readonly string[] Surnames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Zzqx"];
    private static readonly string[] Suffixes = ["Ltd", "LLP", "Farms Ltd", "Foods Ltd", "Trading Ltd"];

    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var requests = int.Parse(o.GetValueOrDefault("requests", "300"));
        var warmup = int.Parse(o.GetValueOrDefault("warmup", "30"));
        var random = new Random(int.Parse(o.GetValueOrDefault("seed", "2026")));
        using var http = new HttpClient { BaseAddress = new Uri(o["url"].TrimEnd('/')), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", o["key"]);
        using var floor = o.TryGetValue("db", out var db) ? new SqlFloor(db, o["sql-log"]) : null;
        var samples = new List<(double Ms, double FloorMs, int Found)>();
        for (var i = 0; i < warmup + requests; i++)
        {
            var name = $"{Surnames[random.Next(Surnames.Length)]} {Suffixes[random.Next(Suffixes.Length)]}";
            var seededDomain = new string(name.ToLowerInvariant().Where(char.IsLetter).ToArray())[..Math.Min(12, name.Count(char.IsLetter))] + ".example";
            var domain = random.NextDouble() < 0.5 ? seededDomain : $"new{random.Next(1_000_000)}.example";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organisations/duplicates")
            {
                Content = JsonContent.Create(new
                {
                    name, billingEmail = $"accounts@{domain}", countryCode = random.NextDouble() < 0.6 ? "GB" : "NL",
                    companyNumber = random.Next(10_000_000, 99_999_999).ToString(),
                    owner = new { email = $"pat{random.Next(1_000_000)}@{domain}", givenName = "Pat", familyName = "Smith" },
                }),
            };
            var (trace, traceparent) = SqlFloor.NewTrace();
            request.Headers.Add("traceparent", traceparent);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"duplicates answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
            var found = System.Text.Json.JsonDocument.Parse(body).RootElement.GetArrayLength();
            var floorMs = floor is null ? double.NaN : floor.Run(floor.PageCommands(trace));
            if (i >= warmup) samples.Add((watch.Elapsed.TotalMilliseconds, floorMs, found));
        }
        var all = samples.Select(s => s.Ms).Order().ToList();
        Console.Error.WriteLine($"[bench]   {samples.Count(s => s.Found > 0)} of {samples.Count} probes found candidates");
        Figures.Print("organisations-duplicates-p95", Figures.Percentile(all, 95), "ms", "<= 30 ms");
        Figures.Print("organisations-duplicates-p50", Figures.Percentile(all, 50), "ms", "n/a, informational");
        if (floor is not null)
        {
            var floors = samples.Select(s => s.FloorMs).Order().ToList();
            Figures.Print("organisations-duplicates-floor-p95", Figures.Percentile(floors, 95), "ms", "n/a, informational");
            Figures.Print("organisations-duplicates-ratio", Figures.Percentile(all, 95) / Figures.Percentile(floors, 95), "x", "n/a, informational");
        }
        return 0;
    }
}
