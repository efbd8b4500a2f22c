using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Domain.LiveUpdates;

/// <summary>Someone who has a record open, and whether a form of it is open in front of them.</summary>
public sealed record PresenceViewer(
    [property: JsonPropertyName("u")] string UserId,
    [property: JsonPropertyName("n")] string Name,
    [property: JsonPropertyName("e")] bool Editing);

/// <summary>
/// Who has which record open, on every instance. This instance's viewers are entries in one shared table (a page and
/// each of its open form dialogs add one; disposing it removes it); what other instances have is heard over the bus
/// (<see cref="ILiveUpdates"/>): an instance sends its viewers of a record whenever they change, and all of them again
/// every <see cref="Heartbeat"/>, so the viewers of an instance that died vanish after <see cref="ExpireAfter"/>.
/// One timer per instance, none per circuit.
/// </summary>
public sealed class PresenceTracker : IDisposable
{
    /// <summary>The bus kind presence travels on; the message's id is <c>kind/id</c> of the record.</summary>
    public const string Kind = "presence";
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ExpireAfter = TimeSpan.FromSeconds(30);

    private readonly ILiveUpdates _bus;
    private readonly TimeProvider _clock;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Entry>> _local = [];
    private readonly Dictionary<string, Dictionary<string, (PresenceViewer[] Viewers, DateTimeOffset HeardAt)>> _remote = [];
    private readonly Dictionary<string, Action[]> _watchers = [];
    private readonly HashSet<Guid> _away = [];
    private readonly IDisposable _heard;
    private readonly ITimer _heartbeat;

    public PresenceTracker(ILiveUpdates bus, TimeProvider clock)
    {
        (_bus, _clock) = (bus, clock);
        _heard = bus.Subscribe(Kind, null, update => { Heard(update); return Task.CompletedTask; });
        _heartbeat = clock.CreateTimer(_ => _ = BeatAsync(), null, Heartbeat, Heartbeat);
    }

    /// <summary>
    /// <paramref name="viewer"/> (a circuit) shows the record <paramref name="kind"/>/<paramref name="id"/> to the user, and
    /// with <paramref name="editing"/> has a form of it open; until the answer is disposed.
    /// </summary>
    public IDisposable Enter(string kind, string id, Guid viewer, string userId, string name, bool editing = false)
    {
        var key = Key(kind, id);
        var entry = new Entry(this, key, viewer, new PresenceViewer(userId, name, editing));
        lock (_gate)
        {
            if (!_local.TryGetValue(key, out var entries)) _local[key] = entries = [];
            entries.Add(entry);
        }
        Changed(key, send: true);
        return entry;
    }

    /// <summary>Everyone who has the record open now, on any instance: one per person, editing when any of their forms is open.</summary>
    public IReadOnlyList<PresenceViewer> Viewers(string kind, string id)
    {
        var key = Key(kind, id);
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            var all = LocalViewers(key).AsEnumerable();
            if (_remote.TryGetValue(key, out var instances))
                all = all.Concat(instances.Values.Where(i => now - i.HeardAt < ExpireAfter).SelectMany(i => i.Viewers));
            return [.. all.GroupBy(v => v.UserId).Select(g => g.First() with { Editing = g.Any(v => v.Editing) }).OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>Calls <paramref name="onChange"/> (on any thread) whenever the viewers of the record change; until disposed.</summary>
    public IDisposable Watch(string kind, string id, Action onChange)
    {
        var key = Key(kind, id);
        lock (_gate) _watchers[key] = _watchers.TryGetValue(key, out var existing) ? [.. existing, onChange] : [onChange];
        return new Unwatch(this, key, onChange);
    }

    /// <summary>The viewer's connection dropped (a closed tab keeps its circuit for a while): it counts as gone until it is back.</summary>
    public void Away(Guid viewer, bool away)
    {
        List<string> keys;
        lock (_gate)
        {
            if (!(away ? _away.Add(viewer) : _away.Remove(viewer))) return;
            keys = [.. _local.Where(kv => kv.Value.Exists(e => e.Viewer == viewer)).Select(kv => kv.Key)];
        }
        foreach (var key in keys) Changed(key, send: true);
    }

    /// <summary>The viewer's circuit ended: every record it had open loses it.</summary>
    public void Leave(Guid viewer)
    {
        List<Entry> entries;
        lock (_gate) entries = [.. _local.Values.SelectMany(e => e).Where(e => e.Viewer == viewer)];
        foreach (var entry in entries) entry.Dispose();
        lock (_gate) _away.Remove(viewer);
    }

    private static string Key(string kind, string id) => kind + "/" + id;

    private PresenceViewer[] LocalViewers(string key) =>
        _local.TryGetValue(key, out var entries) ? [.. entries.Where(e => !_away.Contains(e.Viewer)).Select(e => e.Who)] : [];

    private void Remove(Entry entry)
    {
        lock (_gate)
        {
            if (!_local.TryGetValue(entry.Key, out var entries) || !entries.Remove(entry)) return;
            if (entries.Count == 0) _local.Remove(entry.Key);
        }
        Changed(entry.Key, send: true);
    }

    private void Changed(string key, bool send)
    {
        Action[]? watchers;
        PresenceViewer[] local;
        lock (_gate)
        {
            _watchers.TryGetValue(key, out watchers);
            local = LocalViewers(key);
        }
        foreach (var watcher in watchers ?? []) watcher();
        if (send) _ = SendAsync(key, local);
    }

    private Task SendAsync(string key, PresenceViewer[] viewers) =>
        _bus.PublishAsync(new LiveUpdate { Kind = Kind, Id = key, Payload = JsonSerializer.Serialize(new Message(_instance, viewers)) })
            .ContinueWith(_ => { }, TaskScheduler.Default); // a lost presence message is made good by the next heartbeat

    private void Heard(LiveUpdate update)
    {
        if (update.Id is not { } key || update.Payload is null) return;
        Message? message;
        try { message = JsonSerializer.Deserialize<Message>(update.Payload); }
        catch (JsonException) { return; }
        if (message is null || message.Instance == _instance) return;
        lock (_gate)
        {
            if (!_remote.TryGetValue(key, out var instances)) _remote[key] = instances = [];
            if (message.Viewers.Length == 0) instances.Remove(message.Instance);
            else instances[message.Instance] = (message.Viewers, _clock.GetUtcNow());
            if (instances.Count == 0) _remote.Remove(key);
        }
        Changed(key, send: false);
    }

    /// <summary>Sends this instance's viewers of every record it has open again, and forgets instances not heard from.</summary>
    private async Task BeatAsync()
    {
        var now = _clock.GetUtcNow();
        List<(string Key, PresenceViewer[] Viewers)> mine;
        List<string> expired = [];
        lock (_gate)
        {
            mine = [.. _local.Keys.Select(k => (k, LocalViewers(k)))];
            foreach (var (key, instances) in _remote)
            {
                foreach (var gone in instances.Where(i => now - i.Value.HeardAt >= ExpireAfter).Select(i => i.Key).ToList()) instances.Remove(gone);
                if (instances.Count == 0) expired.Add(key);
            }
            foreach (var key in expired) _remote.Remove(key);
        }
        foreach (var key in expired) Changed(key, send: false);
        foreach (var (key, viewers) in mine) await SendAsync(key, viewers);
    }

    public void Dispose()
    {
        _heartbeat.Dispose();
        _heard.Dispose();
    }

    private sealed record Message([property: JsonPropertyName("i")] string Instance, [property: JsonPropertyName("v")] PresenceViewer[] Viewers);

    private sealed class Entry(PresenceTracker tracker, string key, Guid viewer, PresenceViewer who) : IDisposable
    {
        private int _disposed;
        public string Key { get; } = key;
        public Guid Viewer { get; } = viewer;
        public PresenceViewer Who { get; } = who;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) tracker.Remove(this);
        }
    }

    private sealed class Unwatch(PresenceTracker tracker, string key, Action onChange) : IDisposable
    {
        public void Dispose()
        {
            lock (tracker._gate)
            {
                if (!tracker._watchers.TryGetValue(key, out var existing)) return;
                var left = Array.FindAll(existing, w => w != onChange);
                if (left.Length == 0) tracker._watchers.Remove(key);
                else tracker._watchers[key] = left;
            }
        }
    }
}
