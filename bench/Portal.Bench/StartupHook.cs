using System.Data.Common;
using System.Diagnostics;
using System.Runtime;
using System.Text.Json;

/// <summary>
/// Loaded into the Portal process through DOTNET_STARTUP_HOOKS by bench/run.sh, so the app needs no diagnostic
/// endpoint and no bench code.
/// <list type="bullet">
/// <item>PORTAL_BENCH_GC_DIR (circuit-memory): it watches that folder for <c>gc.request</c>, then forces full compacting
/// collections and answers in <c>gc.response</c>: "liveBytes heapBytes committedBytes".</item>
/// <item>PORTAL_BENCH_SQL_LOG (the list floors): every command EF Core executes is appended to that file as one JSON line
/// (<see cref="SqlCapture"/>) with the W3C trace id of the request that ran it, which the driver chose and sent as
/// <c>traceparent</c>; the driver then runs the same SQL with the same parameters directly on the database file.</item>
/// </list>
/// </summary>
public static class StartupHook
{
    public static void Initialize()
    {
        var dir = Environment.GetEnvironmentVariable("PORTAL_BENCH_GC_DIR");
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
            new Thread(() => Watch(dir)) { IsBackground = true, Name = "bench-gc-hook" }.Start();
        }
        var sqlLog = Environment.GetEnvironmentVariable("PORTAL_BENCH_SQL_LOG");
        if (!string.IsNullOrEmpty(sqlLog)) SqlCapture.Start(sqlLog);
        var serverTimes = Environment.GetEnvironmentVariable("PORTAL_BENCH_SERVER_TIMES");
        if (!string.IsNullOrEmpty(serverTimes)) ServerTimes.Start(serverTimes);
    }

    private static void Watch(string dir)
    {
        var request = Path.Combine(dir, "gc.request");
        var response = Path.Combine(dir, "gc.response");
        while (true)
        {
            Thread.Sleep(100);
            if (!File.Exists(request)) continue;
            File.Delete(request);
            for (var i = 0; i < 3; i++)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }
            var live = GC.GetTotalMemory(forceFullCollection: false);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            File.WriteAllText(response + ".tmp", $"{live} {info.HeapSizeBytes} {info.TotalCommittedBytes}");
            File.Move(response + ".tmp", response, overwrite: true);
        }
    }
}

/// <summary>One command as the app ran it: the request's trace id, the SQL and its parameters.</summary>
public sealed record CapturedCommand(string Trace, string Sql, List<CapturedParameter> Parameters);

/// <summary>A parameter with its .NET type (so it binds the same way again) and its SqliteType when one was set.</summary>
public sealed record CapturedParameter(string Name, string Type, string? Value, string? SqliteType);

/// <summary>
/// Listens to EF Core's DiagnosticSource ("Microsoft.EntityFrameworkCore", event <c>…Database.Command.CommandExecuted</c>)
/// and writes each command. Only that one event is enabled, so EF builds no other payloads; the line is written while
/// the request still runs, so it is in the file before the response reaches the driver.
/// </summary>
public static class SqlCapture
{
    private const string CommandExecuted = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";
    private static StreamWriter? _writer;
    private static readonly Lock Gate = new();

    public static void Start(string path)
    {
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == "Microsoft.EntityFrameworkCore")
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(OnEvent), name => name == CommandExecuted);
        }));
    }

    private static void OnEvent(KeyValuePair<string, object?> e)
    {
        if (e.Key != CommandExecuted || e.Value?.GetType().GetProperty("Command")?.GetValue(e.Value) is not DbCommand command) return;
        var parameters = command.Parameters.Cast<DbParameter>().Select(p => new CapturedParameter(
            p.ParameterName,
            p.Value is null or DBNull ? "null" : p.Value.GetType().FullName!,
            p.Value switch
            {
                null or DBNull => null,
                byte[] bytes => Convert.ToBase64String(bytes),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var v => v.ToString(),
            },
            p.GetType().GetProperty("SqliteType")?.GetValue(p)?.ToString())).ToList();
        var line = JsonSerializer.Serialize(new CapturedCommand(Activity.Current?.TraceId.ToHexString() ?? "", command.CommandText, parameters));
        lock (Gate) _writer!.WriteLine(line);
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }
}
