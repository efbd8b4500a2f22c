using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Tests.Crash;

/// <summary>
/// The real built host (<c>dotnet Portal/bin/CFG/net10.0/Portal.dll</c>) as a child process on a SQLite file and a free
/// loopback port, Development, no demo data: started, watched through its log, and killed like a crash would.
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private PortalProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public IEnumerable<string> Log => _log;

    /// <summary>The host's output folder, beside this test project's (the same build configuration).</summary>
    public static string HostDirectory
    {
        get
        {
            // .../Portal.Tests/bin/<cfg>/net10.0/ -> .../Portal/bin/<cfg>/net10.0/
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testBin.Parent!.Name;
            var root = testBin.Parent!.Parent!.Parent!.Parent!.FullName;
            var dir = Path.Combine(root, "Portal", "bin", configuration, testBin.Name);
            if (!File.Exists(Path.Combine(dir, "Portal.dll"))) throw new InvalidOperationException($"Build the host first: {dir}/Portal.dll is missing.");
            return dir;
        }
    }

    public static PortalProcess Start(string database, IReadOnlyDictionary<string, string>? settings = null, params string[] args)
    {
        var port = FreePort();
        var info = Startup(database, settings, args);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        return new PortalProcess(Process.Start(info)!, port);
    }

    /// <summary>Runs a command-line task (such as <c>api-key create</c>) on <paramref name="database"/> and answers its stdout.</summary>
    public static async Task<string> RunCommandAsync(string database, params string[] args)
    {
        using var process = Process.Start(Startup(database, null, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0) throw new InvalidOperationException($"Portal {string.Join(' ', args)} exited {process.ExitCode}: {await errors}");
        return (await output).Trim();
    }

    private static ProcessStartInfo Startup(string database, IReadOnlyDictionary<string, string>? settings, string[] args)
    {
        var dir = HostDirectory;
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(dir, "Portal.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        info.Environment["Portal__SeedDemoData"] = "false";
        info.Environment["Auth__SecureCookies"] = "false";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return info;
    }

    /// <summary>Waits until <c>/health</c> answers 200 (migrations applied, the store reachable).</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The host exited ({_process.ExitCode}) before it was healthy:\n{Tail()}");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (deadline.Elapsed > timeout) throw new TimeoutException($"/health did not answer 200 within {timeout}:\n{Tail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until a line of the host's log satisfies <paramref name="match"/>; answers that line.</summary>
    public async Task<string> WaitForLogAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_log.FirstOrDefault(match) is { } line) return line;
            if (_process.HasExited) throw new InvalidOperationException($"The host exited before the awaited log line:\n{Tail()}");
            if (deadline.Elapsed > timeout) throw new TimeoutException($"No such log line within {timeout}:\n{Tail()}");
            await Task.Delay(20);
        }
    }

    /// <summary>The crash: SIGKILL to the host and anything it started, no shutdown code runs.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public string Tail(int lines = 40) => string.Join('\n', _log.TakeLast(lines));

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
