using System.Runtime;

/// <summary>
/// Loaded into the Portal process through DOTNET_STARTUP_HOOKS by bench/run.sh (circuit-memory only), so the
/// app needs no diagnostic endpoint. When PORTAL_BENCH_GC_DIR is set it watches that folder for <c>gc.request</c>,
/// then forces full compacting collections and answers in <c>gc.response</c>: "liveBytes heapBytes committedBytes".
/// </summary>
public static class StartupHook
{
    public static void Initialize()
    {
        var dir = Environment.GetEnvironmentVariable("PORTAL_BENCH_GC_DIR");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        new Thread(() => Watch(dir)) { IsBackground = true, Name = "bench-gc-hook" }.Start();
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
