using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

/// <summary>
/// Logistics on the database bench/run.sh seeded with <c>seed-bench shipments 100000</c> (1,000,000 units):
/// the shipments list's queries (run by <see cref="ListBench"/>, with its floor) and picks by concurrent pickers,
/// timed on the server by <see cref="ServerTimes"/> and counted in the database after the run.
/// </summary>
static class LogisticsBenches
{
    private static readonly string[] Sorts = ["-number", "number", "shipAt", "-shipAt", "status"];
    private static readonly string[] Statuses = ["Open", "Listed", "Picked", "Packed", "InTransit", "Finished", "Canceled"];
    private static readonly string[] Skus = ["MUG-RED-M", "TSHIRT-BLUE-L", "CAP-BLACK-S", "SOCKS-RED-L"];

    /// <summary>
    /// A page of 50 shipments as planners ask for it: a sort, often a status, sometimes only those with a warning, a
    /// search by number, order reference or SKU; pages 1-3 most often.
    /// </summary>
    public static (string Query, string Shape) NextShipmentQuery(Random r)
    {
        var sort = Sorts[r.Next(Sorts.Length)];
        var status = r.NextDouble() < 0.5 ? Statuses[r.Next(Statuses.Length)] : null;
        var warning = r.NextDouble() < 0.2 ? "true" : null;
        var number = r.Next(1, 100_001);
        var q = r.NextDouble() < 0.25 ? r.Next(3) switch { 0 => $"SH-{number:D6}", 1 => $"bench-{number}", _ => Skus[r.Next(Skus.Length)] } : null;
        var page = r.NextDouble() < 0.6 ? r.Next(1, 4) : r.Next(4, 21);

        var parts = new List<string> { $"page={page}", "pageSize=50", $"sort={Uri.EscapeDataString(sort)}" };
        if (status is not null) parts.Add($"status={status}");
        if (warning is not null) parts.Add($"warning={warning}");
        if (q is not null) parts.Add($"q={Uri.EscapeDataString(q)}");
        var shape = $"sort={sort}{(status is null ? "" : " +status")}{(warning is null ? "" : " +warning")}{(q is null ? "" : " +q")}";
        return (string.Join('&', parts), shape);
    }

    private sealed record Line(string? Position, string Sku, int Left);
    private sealed record Created(Guid Id, int Units);
    private sealed record Sample(double StartS, double Ms);

    /// <summary>
    /// Picks in three passes, each on lists of its own (staff make them by rule from the bench location's open
    /// shipments), one unit a request, each picker on its own share of a list's lines (two per list unless there are as
    /// many lists); a fraction <c>retries</c> of the picks is sent again with its key, as a handheld does after a timeout:
    /// <list type="number">
    /// <item>flat out: <c>pickers</c> pickers on <c>lists</c> lists of <c>shipments</c> shipments, each sending its next
    /// pick as soon as the last is answered: the most picks a second (and the latency at that saturation, informational);</item>
    /// <item>at <c>rate</c> picks a second across the same number of pickers (each on its schedule, late ones sent at
    /// once): the server-side p95 at the target load;</item>
    /// <item>the floor: one picker alone, so nothing queues: the pick's own cost.</item>
    /// </list>
    /// Afterwards the units, the picks and the lists' counts are read from the database: every unit handled exactly once
    /// and one pick row per answered key.
    /// </summary>
    public static async Task<int> PicksAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var listCount = int.Parse(o.GetValueOrDefault("lists", "4"));
        var shipmentsPerList = int.Parse(o.GetValueOrDefault("shipments", "150"));
        var pickers = int.Parse(o.GetValueOrDefault("pickers", "8"));
        var rate = double.Parse(o.GetValueOrDefault("rate", "300"), CultureInfo.InvariantCulture);
        var retryShare = double.Parse(o.GetValueOrDefault("retries", "0.05"), CultureInfo.InvariantCulture);
        var times = o["server-times"];

        using var staff = Client(url, o["staff-key"]);
        using var warehouse = Client(url, o["warehouse-key"], connections: pickers * 2);
        var location = (await staff.GetFromJsonAsync<JsonElement>("/api/v1/locations?q=Bench&pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();

        // One small list warms the pick path (JIT, caches, connections); then the measured lists.
        var warm = await CreateListAsync(staff, location, 4);
        var flatLists = new List<Created>();
        var pacedLists = new List<Created>();
        for (var i = 0; i < listCount; i++) flatLists.Add(await CreateListAsync(staff, location, shipmentsPerList));
        for (var i = 0; i < listCount; i++) pacedLists.Add(await CreateListAsync(staff, location, shipmentsPerList));
        var aloneList = await CreateListAsync(staff, location, Math.Max(1, shipmentsPerList / 5));
        List<Created> all = [.. flatLists, .. pacedLists, aloneList];
        Console.Error.WriteLine($"  made {all.Count} lists ({all.Sum(l => l.Units):N0} units) and a warm-up list of {warm.Units}");

        var answered = new ConcurrentDictionary<(Guid List, string Key), int>();
        var replayed = 0;
        var failures = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, pickers).Select(p => PickAsync(warehouse, warm.Id, p, pickers, 0, null, new(), answered, failures, () => { }, Stopwatch.StartNew())));
        Console.Error.WriteLine($"  warm-up: {answered.Count} picks");

        async Task<(List<double> Client, List<double> Server, double Rate, double SlowestWindow)> PassAsync(string name, IReadOnlyList<Created> lists, int count, double? perSecond)
        {
            var mark = File.Exists(times) ? new FileInfo(times).Length : 0;
            var samples = new ConcurrentBag<Sample>();
            var clock = Stopwatch.StartNew();
            var perList = Math.Max(1, count / lists.Count);
            // Paced: each picker sends every count/perSecond seconds, so together they send perSecond picks a second.
            TimeSpan? every = perSecond is { } r ? TimeSpan.FromSeconds(count / r) : null;
            await Task.WhenAll(Enumerable.Range(0, count).Select(p =>
                PickAsync(warehouse, lists[p / perList % lists.Count].Id, p % perList, perList, retryShare, every, samples, answered, failures,
                    () => Interlocked.Increment(ref replayed), clock)));
            var elapsed = clock.Elapsed.TotalSeconds;
            if (!failures.IsEmpty) throw new InvalidOperationException($"{failures.Count} picks failed, e.g. {failures.First()}");
            var measured = samples.ToList();
            var client = measured.Select(s => s.Ms).Order().ToList();
            var server = ServerTimes.Read(times, mark, "PUT", "/api/v1/handling-lists/{id:guid}/items").Order().ToList();
            var windows = measured.GroupBy(s => (int)(s.StartS / 5)).Where(g => (g.Key + 1) * 5 <= elapsed).Select(g => g.Count() / 5.0).DefaultIfEmpty(measured.Count / elapsed).ToList();
            Console.Error.WriteLine($"  {name}: {measured.Count:N0} picks by {count} {(count == 1 ? "picker" : "pickers")} on {lists.Count} {(lists.Count == 1 ? "list" : "lists")} in {elapsed:0.0} s ({measured.Count / elapsed:0} picks/s); " +
                                    $"client p50 {Figures.Percentile(client, 50):0.0} ms, p95 {Figures.Percentile(client, 95):0.0} ms; " +
                                    $"server n={server.Count} p50 {Figures.Percentile(server, 50):0.0} ms, p95 {Figures.Percentile(server, 95):0.0} ms, max {server[^1]:0.0} ms; slowest 5 s window {windows.Min():0} picks/s");
            return (client, server, measured.Count / elapsed, windows.Min());
        }

        var flat = await PassAsync("flat out", flatLists, pickers, null);
        var paced = await PassAsync($"at {rate:0} picks/s", pacedLists, pickers, rate);
        var alone = await PassAsync("alone (the floor)", [aloneList], 1, null);
        Console.Error.WriteLine($"  {replayed} retries answered as replays");

        // After the run, in the database: each list's units are handled once each, by the picks that were answered.
        var (units, handled, pickRows, pickedUnits, countedOnLists, doubled) = Count(o["db"], all.Select(l => l.Id).ToList());
        var keys = answered.Count(a => all.Any(l => l.Id == a.Key.List));
        Console.Error.WriteLine($"  database: {units:N0} units on the lists, {handled:N0} handled; {pickRows:N0} pick rows holding {pickedUnits:N0} units; " +
                                $"lists count {countedOnLists:N0} handled; {keys:N0} keys answered; units under two picks: {doubled}");
        var lost = units - handled;
        var extra = pickRows - keys + doubled + (countedOnLists - handled) + (pickedUnits - handled);
        var pacedP95 = Figures.Percentile(paced.Server, 95);
        var floorP95 = Figures.Percentile(alone.Server, 95);
        Figures.Print("picks-rate", flat.Rate, "picks/s", $">= {rate:0} picks/s across {pickers} pickers, flat out");
        // Informational: pickers that finish their share early leave fewer than eight in the last windows.
        Figures.Print("picks-slowest-window", flat.SlowestWindow, "picks/s", "n/a, informational: the last windows have fewer pickers left");
        Figures.Print("picks-server-p95", pacedP95, "ms", $"<= 30 ms at {rate:0} picks/s across {pickers} pickers");
        Figures.Print("picks-server-p95-floor", floorP95, "ms", "n/a, one picker alone: nothing queues");
        Figures.Print("picks-server-p95-ratio", pacedP95 / floorP95, "x", "n/a, informational");
        Figures.Print("picks-paced-rate", paced.Rate, "picks/s", $"~{rate:0} picks/s (the schedule kept)");
        Figures.Print("picks-server-p95-flat-out", Figures.Percentile(flat.Server, 95), "ms", "n/a, informational: queueing at saturation");
        Figures.Print("picks-lost", lost, "units", "0");
        Figures.Print("picks-doubled", extra, "units", "0");
        return lost == 0 && extra == 0 ? 0 : 1;
    }

    private static async Task<Created> CreateListAsync(HttpClient staff, Guid location, int max)
    {
        using var response = await staff.PostAsJsonAsync("/api/v1/handling-lists", new { rule = new { locationId = location, max } });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"Making a list answered {(int)response.StatusCode}: {body}");
        var list = JsonDocument.Parse(body).RootElement.GetProperty("list");
        return new Created(list.GetProperty("id").GetGuid(), list.GetProperty("unitCount").GetInt32());
    }

    /// <summary>One picker: its share of the list's lines (every <paramref name="of"/>th from <paramref name="slot"/>), one unit a request.</summary>
    private static async Task PickAsync(HttpClient http, Guid list, int slot, int of, double retryShare, TimeSpan? every, ConcurrentBag<Sample> samples,
        ConcurrentDictionary<(Guid, string), int> answered, ConcurrentBag<string> failures, Action onReplay, Stopwatch clock)
    {
        var random = new Random(list.GetHashCode() ^ slot);
        var lines = (await http.GetFromJsonAsync<List<Line>>($"/api/v1/handling-lists/{list}/items", Web))!;
        // Paced pickers start spread over one interval, so their sends interleave rather than arrive together.
        var due = clock.Elapsed + (every is { } e ? e * random.NextDouble() : TimeSpan.Zero);
        foreach (var line in lines.Where((_, i) => i % of == slot))
            for (var left = line.Left; left > 0; left--)
            {
                if (every is { } interval)
                {
                    if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                    due += interval;
                }
                var pick = new { key = Guid.NewGuid().ToString("N"), sku = line.Sku, position = line.Position, quantity = 1 };
                var start = clock.Elapsed;
                using (var response = await http.PutAsJsonAsync($"/api/v1/handling-lists/{list}/items", pick))
                {
                    var ms = (clock.Elapsed - start).TotalMilliseconds;
                    if (response.StatusCode != HttpStatusCode.OK) { failures.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"); continue; }
                    samples.Add(new Sample(start.TotalSeconds, ms));
                    answered[(list, pick.key)] = 1;
                }
                if (random.NextDouble() >= retryShare) continue;
                // The same request again (a retry after a timeout): answered with the first answer, recording nothing.
                using var again = await http.PutAsJsonAsync($"/api/v1/handling-lists/{list}/items", pick);
                var answer = await again.Content.ReadAsStringAsync();
                if (again.StatusCode != HttpStatusCode.OK || !JsonDocument.Parse(answer).RootElement.GetProperty("replayed").GetBoolean())
                    failures.Add($"retry of {pick.key}: {(int)again.StatusCode} {answer}");
                else onReplay();
            }
    }

    private static (long Units, long Handled, long PickRows, long PickedUnits, long CountedOnLists, long Doubled) Count(string db, List<Guid> lists)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        // EF Core stores a Guid as upper-case text on SQLite.
        var ids = string.Join(",", lists.Select(l => $"'{l.ToString().ToUpperInvariant()}'"));
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        return (
            Scalar($"SELECT COUNT(*) FROM \"ShipmentUnits\" WHERE \"HandlingListId\" IN ({ids})"),
            Scalar($"SELECT COUNT(*) FROM \"ShipmentUnits\" WHERE \"HandlingListId\" IN ({ids}) AND \"State\" = 'Handled' AND \"PickId\" IS NOT NULL"),
            Scalar($"SELECT COUNT(*) FROM \"HandlingListPicks\" WHERE \"HandlingListId\" IN ({ids}) AND \"UndoneAt\" IS NULL"),
            Scalar($"SELECT COALESCE(SUM(\"Quantity\"), 0) FROM \"HandlingListPicks\" WHERE \"HandlingListId\" IN ({ids}) AND \"UndoneAt\" IS NULL"),
            Scalar($"SELECT COALESCE(SUM(\"HandledCount\"), 0) FROM \"HandlingLists\" WHERE \"Id\" IN ({ids})"),
            // A pick row whose quantity differs from the units that point at it would mean a unit counted twice or not at all.
            Scalar($"SELECT COUNT(*) FROM \"HandlingListPicks\" p WHERE p.\"HandlingListId\" IN ({ids}) AND p.\"Quantity\" <> (SELECT COUNT(*) FROM \"ShipmentUnits\" u WHERE u.\"PickId\" = p.\"Id\")"));
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static HttpClient Client(string url, string key, int connections = 4)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }
}

/// <summary>
/// In the app (through the startup hook, PORTAL_BENCH_SERVER_TIMES): ASP.NET Core's own request-duration histogram
/// (<c>http.server.request.duration</c>, measured by the host from the request's arrival to its last byte), one line
/// per request "METHOD ROUTE STATUS MS", so a figure can be server-side without any code in the app.
/// </summary>
public static class ServerTimes
{
    private static StreamWriter? _writer;
    private static readonly Lock Gate = new();
    private static MeterListener? _listener;

    public static void Start(string path)
    {
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration") listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            string? method = null, route = null, status = null;
            foreach (var tag in tags)
                switch (tag.Key)
                {
                    case "http.request.method": method = tag.Value?.ToString(); break;
                    case "http.route": route = tag.Value?.ToString(); break;
                    case "http.response.status_code": status = Convert.ToString(tag.Value, CultureInfo.InvariantCulture); break;
                }
            var line = $"{method} {route ?? "-"} {status} {(seconds * 1000).ToString("0.000", CultureInfo.InvariantCulture)}";
            lock (Gate) _writer.WriteLine(line);
        });
        _listener.Start();
    }

    /// <summary>The milliseconds of the 200 answers to <paramref name="method"/> <paramref name="route"/> written after byte <paramref name="from"/>.</summary>
    public static IEnumerable<double> Read(string path, long from, string method, string route)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var result = new List<double>();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length == 4 && parts[0] == method && parts[1] == route && parts[2] == "200")
                result.Add(double.Parse(parts[3], CultureInfo.InvariantCulture));
        }
        return result;
    }
}
