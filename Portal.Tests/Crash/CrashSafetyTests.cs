using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain;
using Portal.Domain.Outbox;
using Portal.Domain.Store;
using Xunit.Abstractions;

namespace Portal.Tests.Crash;

/// <summary>
/// Kills the real host (SIGKILL, no shutdown code) in the middle of long work, restarts it on the same SQLite file and
/// checks what the store promises: a CSV import is saved whole or not at all, and every queued email is delivered,
/// a duplicate only for an email that was in flight at a kill (the same Message-Id, which a receiver can drop).
/// </summary>
[Trait("Category", "Crash")]
[Collection(CrashCollection.Name)]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    // Ten batches of the import's 2,000: enough for the kill to land between "rows written" lines, well inside the
    // transaction. The import's speed on 100,000 rows is bench/run.sh organisations-import's.
    private const int ImportRows = 20_000;
    private const int QueuedEmails = 150;
    private const int DispatchKills = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"portal-crash-{Guid.NewGuid():N}.db");
    private readonly List<PortalProcess> _hosts = [];

    [Fact]
    public async Task AnImportKilledWhileSaving_LeavesNothingSaved_AndARunAfterTheRestartSavesEveryRowOnce()
    {
        var key = await ApiKeyAsync();
        var csv = ImportCsv(ImportRows, withOwner: i => i % 5 != 0);
        var runs = 0;

        // Run 1: killed once the log says at least half of the rows are written into the (uncommitted) transaction.
        var host = await StartAsync();
        using (var http = Client(host, key))
        {
            var upload = http.PostAsync("/api/v1/organisations/import", CsvContent(csv));
            runs++;
            var line = await host.WaitForLogAsync(l => WrittenRows(l) >= ImportRows / 2, TimeSpan.FromSeconds(120));
            host.Kill();
            output.WriteLine($"import run 1 killed at: {line}");
            Assert.False(host.Log.Any(l => l.Contains("rows committed", StringComparison.Ordinal)), "the kill came only after the commit");
            await Assert.ThrowsAnyAsync<Exception>(() => upload);
        }

        // Restarted on the same file: nothing of run 1 is there, and the store is sound.
        host = await StartAsync();
        var halfSaved = await CountAsync(db => db.Organisations.CountAsync())
            + await CountAsync(db => db.Organisations.SelectMany(o => o.Members).CountAsync())
            + await CountAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Organisation"));
        Assert.Equal(0, halfSaved);
        Assert.Equal("ok", await IntegrityCheckAsync());

        // Run 2: the same file again, to the end: every row once, each with its owner.
        using (var http = Client(host, key))
        {
            runs++;
            var answer = await http.PostAsync("/api/v1/organisations/import", CsvContent(csv));
            var report = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.OK, report);
            Assert.Equal(ImportRows, JsonDocument.Parse(report).RootElement.GetProperty("imported").GetInt32());
            var listed = await http.GetFromJsonAsync<JsonElement>("/api/v1/organisations?pageSize=1");
            Assert.Equal(ImportRows, listed.GetProperty("total").GetInt32());
        }
        Assert.Equal(ImportRows, await CountAsync(db => db.Organisations.Select(o => o.CompanyNumber).Distinct().CountAsync()));
        Assert.Equal(ImportRows - ImportRows / 5, await CountAsync(db => db.Organisations.SelectMany(o => o.Members).CountAsync()));

        output.WriteLine($"crash: import runs {runs}, rows half-saved {halfSaved}");
    }

    [Fact]
    public async Task ADispatchKilledMidway_DeliversEveryQueuedEmail_AfterTheRestart_DuplicatingAtMostTheOneInFlightPerKill()
    {
        await using var sink = new SmtpSink();
        var key = await ApiKeyAsync();

        // Queue the emails the real way: organisations with owners, activated in bulk, each sends its owner a welcome.
        var host = await StartAsync(); // no SMTP: the emails wait in the outbox
        using (var http = Client(host, key))
        {
            var imported = await http.PostAsync("/api/v1/organisations/import", CsvContent(ImportCsv(QueuedEmails, withOwner: _ => true)));
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
            var activated = await http.PostAsJsonAsync("/api/v1/organisations/bulk", new { action = "Activate", filter = new { status = "Pending" } });
            Assert.True(activated.IsSuccessStatusCode, await activated.Content.ReadAsStringAsync());
        }
        host.Kill();
        var queued = await CountAsync(db => db.OutboxEmails.Select(o => o.Id).ToListAsync());
        Assert.Equal(QueuedEmails, queued.Count);

        var smtp = new Dictionary<string, string>
        {
            ["Smtp__Host"] = "127.0.0.1", ["Smtp__Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "None",
            // A killed dispatcher's claim lapses after this (5 minutes by default): the restart does not wait that long.
            ["Outbox__ClaimDuration"] = "00:00:05",
        };
        var runs = 0;
        for (var kill = 1; kill <= DispatchKills; kill++)
        {
            var before = sink.MessageIds.Count;
            host = await StartAsync(smtp);
            runs++;
            // Killed while sending: some of this run's emails have arrived, more are due.
            var target = before + QueuedEmails / (DispatchKills + 1) / 2;
            await WaitUntilAsync(() => sink.MessageIds.Count >= target, TimeSpan.FromSeconds(60), "the dispatcher to send");
            host.Kill();
            output.WriteLine($"dispatch run {runs} killed after {sink.MessageIds.Count} accepted emails");
            Assert.True(sink.MessageIds.Count < QueuedEmails, "the kill came while emails were still queued");
        }

        host = await StartAsync(smtp);
        runs++;
        await WaitUntilAsync(async () => await CountAsync(db => db.OutboxEmails.CountAsync(o => o.Status != OutboxStatus.Sent)) == 0,
            TimeSpan.FromSeconds(60), "the outbox to drain");

        var delivered = sink.MessageIds.ToList();
        var expected = queued.Select(id => $"{id}@portal").Order().ToList();
        Assert.Equal(expected, delivered.Distinct().Order().ToList()); // every queued email, and nothing else
        var duplicates = delivered.Count - delivered.Distinct().Count();
        Assert.True(duplicates <= DispatchKills, $"{duplicates} duplicates for {DispatchKills} kills");
        Assert.Equal(0, await CountAsync(db => db.OutboxEmails.CountAsync(o => o.Attempts != 1)));

        output.WriteLine($"crash: dispatch runs {runs}, emails queued {queued.Count}, delivered {delivered.Distinct().Count()}, duplicates {duplicates}");
    }

    // ---- the host and its store ----

    private async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = PortalProcess.Start(_database, settings);
        _hosts.Add(host);
        await host.WaitHealthyAsync(StartTimeout);
        return host;
    }

    private async Task<string> ApiKeyAsync() =>
        (await PortalProcess.RunCommandAsync(_database, "api-key", "create", "--name", "crash test", "--role", "Admin"))
            .Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("ptl_", StringComparison.Ordinal)); // the log shares stdout

    private static HttpClient Client(PortalProcess host, string key)
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    /// <summary>Reads the store file directly (another connection, as the host's next start would).</summary>
    private async Task<T> CountAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddPortalDomain($"Data Source={_database};Pooling=False");
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private Task<string> IntegrityCheckAsync() =>
        CountAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync().ContinueWith(t => string.Join(";", t.Result)));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"Waited {timeout} for {what}.");
            await Task.Delay(10);
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);

    /// <summary>The import's progress line: "Organisation import: 24000 of 100000 rows written, not yet committed".</summary>
    private static int WrittenRows(string line)
    {
        var match = Regex.Match(line, @"Organisation import: (\d+) of \d+ rows written");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    private static byte[] ImportCsv(int rows, Func<int, bool> withOwner)
    {
        string[] countries = ["GB", "NL", "IE", "FR", "DE", "BE"];
        var text = new StringBuilder("name,tradingName,billingEmail,companyNumber,countryCode,vetted,merchant,accountManagerEmail,ownerEmail,ownerGivenName,ownerFamilyName\n");
        for (var i = 0; i < rows; i++)
        {
            var owner = withOwner(i) ? $"owner{i}@crash{i}.example,Owner,Number {i}" : ",,";
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"Crash Test {i:000000} Ltd,,accounts@crash{i}.example,CRA{i:00000000},{countries[i % countries.Length]},false,false,,{owner}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static ByteArrayContent CsvContent(byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(_database + suffix)) File.Delete(_database + suffix);
    }
}

/// <summary>
/// The crash tests run alone, after the parallel part of the suite: two large imports in a child process beside
/// every other test class took 5 minutes instead of 1, and a starved host is not what these tests are about.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    public const string Name = "Crash safety";
}
