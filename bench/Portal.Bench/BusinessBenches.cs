using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

/// <summary>The business connections area: the units list's query mix, the duplicate check (POST) with its SQL floor, the unit import.</summary>
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

    /// <summary>
    /// POST /business-units/import of N new units into one organisation (its id from the organisations list), every row
    /// good; the server's progress is in its log ("rows written"). Then the same file again as a dry run: every row now
    /// refused as a duplicate name, so the check alone (parse, rules, lookups) is measured beside the whole import.
    /// </summary>
    public static async Task<int> ImportAsync(Dictionary<string, string> o)
    {
        var rows = int.Parse(o.GetValueOrDefault("rows", "50000"));
        using var http = new HttpClient { BaseAddress = new Uri(o["url"].TrimEnd('/')), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", o["key"]);
        var first = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/organisations?pageSize=1&sort=name");
        var organisationId = first.GetProperty("items")[0].GetProperty("id").GetGuid();
        var csv = UnitCsv(rows, DateTime.UtcNow.ToString("HHmmss")); // names of this run's own: a kept database may hold an earlier run's
        Console.Error.WriteLine($"  {rows:N0} rows, {csv.Length / 1024.0 / 1024:0.0} MB, into organisation {organisationId}");

        async Task<(double Seconds, string Report)> PostAsync(bool dryRun)
        {
            var file = new ByteArrayContent(csv);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            using var form = new MultipartFormDataContent { { file, "file", "units.csv" } };
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsync($"/api/v1/business-units/import?organisationId={organisationId}&dryRun={(dryRun ? "true" : "false")}", form);
            var report = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Import answered {(int)response.StatusCode}: {report[..Math.Min(500, report.Length)]}");
            return (watch.Elapsed.TotalSeconds, report);
        }

        var (seconds, imported) = await PostAsync(dryRun: false);
        if (!imported.Contains($"\"imported\":{rows}")) throw new InvalidOperationException($"Not every row was imported: {imported[..Math.Min(500, imported.Length)]}");
        var (checkSeconds, again) = await PostAsync(dryRun: true);
        if (!again.Contains("\"imported\":0")) throw new InvalidOperationException($"The dry run imported rows: {again[..Math.Min(500, again.Length)]}");
        Figures.Print("business-units-import", seconds, "s", $"<= 30 s for {rows:N0} rows");
        Figures.Print("business-units-import-check", checkSeconds, "s", "n/a, informational: the same file checked again, every row a duplicate");
        return 0;
    }

    /// <summary>Farms and stores in the template's layout (organisationId blank: the import's target), unique names, GB holdings, some tags.</summary>
    private static byte[] UnitCsv(int rows, string run)
    {
        string[] towns = ["Chichester", "Lincoln", "Norwich", "Ely", "Banbury", "Ludlow", "Malton", "Boston"];
        string[] postcodes = ["PO18 9JP", "LN1 3DY", "NR1 3JU", "CB7 4DL", "OX16 5QA", "SY8 1AZ", "YO17 7LP", "PE21 6NB"];
        var text = new StringBuilder("organisationId,type,name,businessName,line1,line2,city,region,postcode,countryCode,latitude,longitude,what3words,phone,email,tags,locationTag,managementTag,assuranceScheme,holdingNumber,sqcNumber,sqcAssured,regionName\n");
        for (var i = 0; i < rows; i++)
        {
            var place = i % towns.Length;
            var type = i % 10 == 0 ? "stores" : "farm";
            text.Append($",{type},Imported {type} {run}-{i},Import Farms {i / 100},{i} Lane,,{towns[place]},,{postcodes[place]},GB,")
                .Append($"{50.7 + i % 380 / 100.0:0.000000},{-2.8 + i % 440 / 100.0:0.000000},///alpha.bravo.charlie{(char)('a' + i % 26)},")
                .Append($"+44 1243 {i % 1000000:000000},unit{i}@import.example,arable|{(i % 2 == 0 ? "north" : "south")},{towns[place]},Estate,")
                .Append($"RT,{10 + i % 90:00}/{i / 90 % 1000:000}/{i % 10000:0000},SQC{i},{(i % 3 == 0 ? "true" : "false")},\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
