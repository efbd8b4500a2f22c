using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

/// <summary>
/// The floor of a list request: the page query the app ran for it (its SQL and parameters, captured in the app by
/// <see cref="SqlCapture"/> under the request's trace id), run again directly with a bare <see cref="SqliteCommand"/>
/// on the same database file, reading every value of every row. What a request costs above that is the app's own
/// work (HTTP, authentication, EF Core, JSON); what the machine's noise does to both shows in both.
/// </summary>
sealed class SqlFloor : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly StreamReader _log;
    private readonly Dictionary<string, List<CapturedCommand>> _byTrace = [];
    private string _partial = "";

    public SqlFloor(string databasePath, string sqlLogPath)
    {
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _db.Open();
        // The same per-connection settings as the app's pooled connections (Portal.Domain/Store/SqliteTuning.cs).
        using (var pragmas = _db.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456;";
            pragmas.ExecuteNonQuery();
        }
        _log = new StreamReader(new FileStream(sqlLogPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        _log.BaseStream.Seek(0, SeekOrigin.End); // only what the app runs from now on
    }

    /// <summary>A new W3C trace id and the <c>traceparent</c> header that makes the app's request carry it.</summary>
    public static (string TraceId, string Header) NewTrace()
    {
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        return (trace, $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }

    /// <summary>
    /// The page query's commands of one request: its reads, without the API-key lookup (and its occasional last-used
    /// update) that authenticates it, which is not the list's work.
    /// </summary>
    public IReadOnlyList<CapturedCommand> PageCommands(string traceId, bool withoutApiKeys = true)
    {
        ReadNewLines();
        if (!_byTrace.Remove(traceId, out var commands)) throw new InvalidOperationException($"The app logged no SQL for trace {traceId} (is DOTNET_STARTUP_HOOKS set?).");
        return commands.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !(withoutApiKeys && c.Sql.Contains("\"ApiKeys\""))).ToList();
    }

    /// <summary>Runs the commands one after another as the app did, reading every row; milliseconds.</summary>
    public double Run(IReadOnlyList<CapturedCommand> commands)
    {
        var watch = Stopwatch.StartNew();
        foreach (var captured in commands)
        {
            using var command = _db.CreateCommand();
            command.CommandText = captured.Sql;
            foreach (var p in captured.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = p.Name;
                parameter.Value = ValueOf(p);
                if (p.SqliteType is { } type) parameter.SqliteType = Enum.Parse<SqliteType>(type);
                command.Parameters.Add(parameter);
            }
            using var reader = command.ExecuteReader();
            var values = new object[reader.FieldCount];
            while (reader.Read()) reader.GetValues(values);
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    private static object ValueOf(CapturedParameter p) => p.Type switch
    {
        "null" => DBNull.Value,
        "System.String" => p.Value!,
        "System.Int32" => int.Parse(p.Value!, CultureInfo.InvariantCulture),
        "System.Int64" => long.Parse(p.Value!, CultureInfo.InvariantCulture),
        "System.Int16" => short.Parse(p.Value!, CultureInfo.InvariantCulture),
        "System.Byte" => byte.Parse(p.Value!, CultureInfo.InvariantCulture),
        "System.Boolean" => bool.Parse(p.Value!),
        "System.Double" => double.Parse(p.Value!, CultureInfo.InvariantCulture),
        "System.Decimal" => decimal.Parse(p.Value!, CultureInfo.InvariantCulture),
        "System.Guid" => Guid.Parse(p.Value!),
        "System.Byte[]" => Convert.FromBase64String(p.Value!),
        _ => throw new NotSupportedException($"Parameter {p.Name} of type {p.Type}: add it to SqlFloor.ValueOf."),
    };

    private void ReadNewLines()
    {
        var text = _partial + _log.ReadToEnd();
        var end = text.LastIndexOf('\n');
        _partial = text[(end + 1)..]; // a line still being written is kept for the next read
        foreach (var line in text[..(end + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var command = JsonSerializer.Deserialize<CapturedCommand>(line)!;
            if (!_byTrace.TryGetValue(command.Trace, out var list)) _byTrace[command.Trace] = list = [];
            list.Add(command);
        }
        _byTrace.Remove(""); // commands outside any request (start-up, background work)
    }

    public void Dispose()
    {
        _log.Dispose();
        _db.Dispose();
    }
}
