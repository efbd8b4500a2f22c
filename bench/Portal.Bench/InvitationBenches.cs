using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

/// <summary>
/// The invitations list's queries (for <see cref="ListBench"/>), and the verification: its latency with the slow hash, and
/// how another request fares while 20 clients flood verifications.
/// </summary>
static class InvitationBenches
{
    private static readonly string[] Sorts = ["-createdAt", "expiresAt", "lastName", "-verificationCount"];
    private static readonly string[] States = ["sent", "accepted", "sent|accepted", "completed", "revoked|expired"];
    private static readonly string[] Queues = ["awaiting-completion", "expiring-soon", "suspicious"];
    private static readonly string[] Names = ["smith", "jon", "ann", "lee", "taylor"];

    /// <summary>A page of 50: a sort, and a state set, a work queue or a name, with the total.</summary>
    public static (string Query, string Shape) NextInvitationQuery(Random r)
    {
        var sort = Sorts[r.Next(Sorts.Length)];
        var page = r.NextDouble() < 0.6 ? r.Next(1, 4) : r.Next(4, 21);
        var parts = new List<string> { $"page={page}", "pageSize=50", $"sort={Uri.EscapeDataString(sort)}" };
        var roll = r.NextDouble();
        string shape;
        if (roll < 0.5) { var s = States[r.Next(States.Length)]; parts.Add($"state={Uri.EscapeDataString(s)}"); shape = "+state"; }
        else if (roll < 0.75) { parts.Add($"queue={Queues[r.Next(Queues.Length)]}"); shape = "+queue"; }
        else if (roll < 0.9) { parts.Add($"name={Names[r.Next(Names.Length)]}"); shape = "+name"; }
        else shape = "(no filter)";
        return (string.Join('&', parts), $"sort={sort} {shape}");
    }

    public static async Task<int> VerifyAsync(Dictionary<string, string> o)
    {
        var url = o["url"].TrimEnd('/');
        var samples = int.Parse(o.GetValueOrDefault("samples", "100"));
        var flooders = int.Parse(o.GetValueOrDefault("clients", "20"));
        using var staff = Client(url, o["key"]);
        using var anonymous = Client(url, null);

        // Invitees of their own (the seeded rows share a hash): each verification checks one or two slow hashes.
        var ids = new List<(Guid Id, string First)>();
        for (var i = 0; i < 20; i++)
        {
            var first = $"Verify{Guid.NewGuid():N}"[..16];
            var created = await staff.PostAsJsonAsync("/api/v1/invitations", new
            {
                type = "Joint", firstName = first, lastName = "Bench", emailAddress = $"{first}@load.test", identification = "4758",
                sharedSecret = "obsolete obese octopus", inviterFullName = "Bench", accountUri = "https://bank.example/accounts/bench",
            });
            if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
            ids.Add(((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), first));
        }

        // A right name and identification with a wrong secret: the most hashing a verification does for one candidate.
        // A flooding client may also be answered 429 at once: the server's cap on verifications hashing at once.
        var (checkedInFlood, refusedInFlood) = (0, 0);
        async Task<double> VerifyOnceAsync(HttpClient client, int n, bool flood = false)
        {
            var (id, first) = ids[n % ids.Count];
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsJsonAsync("/api/v1/invitations/verifications",
                new { firstName = first, lastName = "Bench", identification = "4758", sharedSecret = "not the right secret", invitationId = id });
            await response.Content.ReadAsStringAsync();
            if (flood && response.StatusCode == HttpStatusCode.TooManyRequests) Interlocked.Increment(ref refusedInFlood);
            else if (response.StatusCode != HttpStatusCode.Conflict) throw new InvalidOperationException($"verification answered {(int)response.StatusCode}");
            else if (flood) Interlocked.Increment(ref checkedInFlood);
            return watch.Elapsed.TotalMilliseconds;
        }
        for (var i = 0; i < 5; i++) await VerifyOnceAsync(anonymous, i);
        var verify = new List<double>();
        for (var i = 0; i < samples; i++) verify.Add(await VerifyOnceAsync(anonymous, i));
        verify.Sort();
        Console.Error.WriteLine($"  verification: {samples} sequential, min {verify[0]:0.0} ms, p50 {Figures.Percentile(verify, 50):0.0} ms, max {verify[^1]:0.0} ms");
        Figures.Print("invitations-verify-p95", Figures.Percentile(verify, 95), "ms", "<= 250 ms");

        // Another request (a page of the list) idle, then while the flood runs.
        async Task<List<double>> OtherRequestsAsync(int n)
        {
            var ms = new List<double>();
            for (var i = 0; i < n; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await staff.GetAsync($"/api/v1/invitations/{ids[i % ids.Count].Id}");
                await response.Content.ReadAsStringAsync();
                ms.Add(watch.Elapsed.TotalMilliseconds);
            }
            ms.Sort();
            return ms;
        }
        await OtherRequestsAsync(10);
        var idle = await OtherRequestsAsync(samples);
        using var stop = new CancellationTokenSource();
        var flood = Enumerable.Range(0, flooders).Select(c => Task.Run(async () =>
        {
            using var client = Client(url, null);
            var n = c;
            while (!stop.IsCancellationRequested)
            {
                try { await VerifyOnceAsync(client, n++, flood: true); } catch (Exception) when (stop.IsCancellationRequested) { }
            }
        })).ToList();
        await Task.Delay(1000);
        var busy = await OtherRequestsAsync(samples);
        stop.Cancel();
        await Task.WhenAll(flood);
        Console.Error.WriteLine($"  the flood: {checkedInFlood} verifications checked, {refusedInFlood} answered 429 at once (the server's cap)");
        Console.Error.WriteLine($"  another request (GET an invitation): idle p50 {Figures.Percentile(idle, 50):0.0} ms; during {flooders} flooding clients p50 {Figures.Percentile(busy, 50):0.0} ms");
        Figures.Print("invitations-flood-idle-p95", Figures.Percentile(idle, 95), "ms", "n/a, informational");
        Figures.Print("invitations-flood-busy-p95", Figures.Percentile(busy, 95), "ms", "n/a, informational");
        Figures.Print("invitations-flood-ratio", Figures.Percentile(busy, 95) / Figures.Percentile(idle, 95), "x", "<= 2 x");
        return 0;
    }

    private static HttpClient Client(string url, string? key)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
