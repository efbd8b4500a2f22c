namespace Portal.Components.Shared;

/// <summary>
/// Turns a stream of live updates into reads: one at the start of a burst and one after it, at most one per interval
/// (pickers on a list send several updates a second; an import sends a burst). A change during a read, or during the
/// interval after it, asks for one more read, not one each. Used by <c>ServerGrid</c> and <c>LiveRefresh</c>.
/// </summary>
public sealed class LiveRefreshThrottle(Func<Task> read, TimeSpan interval)
{
    /// <summary>0: idle; 1: reading or waiting out the interval; 2: a change came meanwhile.</summary>
    private int _state;
    private volatile bool _stopped;

    /// <summary>Asks for a read; called from the bus's thread.</summary>
    public void Request()
    {
        if (_stopped) return;
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == 0 && Interlocked.CompareExchange(ref _state, 1, 0) == 0)
            {
                _ = RunAsync();
                return;
            }
            if (state != 0 && Interlocked.CompareExchange(ref _state, 2, state) == state) return;
        }
    }

    /// <summary>No read after this (the component is going away).</summary>
    public void Stop() => _stopped = true;

    private async Task RunAsync()
    {
        do
        {
            Volatile.Write(ref _state, 1);
            if (_stopped) break;
            try { await read(); }
            catch (ObjectDisposedException) { break; } // the page closed meanwhile
            await Task.Delay(interval);
        } while (Interlocked.CompareExchange(ref _state, 0, 1) == 2);
    }
}
