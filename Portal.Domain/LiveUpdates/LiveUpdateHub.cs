using Microsoft.Extensions.Logging;

namespace Portal.Domain.LiveUpdates;

/// <summary>
/// The instance's side of the bus: one shared table of subscriptions (by record id and by kind) that every circuit's
/// pages add to and remove from, and the delivery of what the transport hears to them. A circuit holds only its
/// subscriptions' handles; there is no timer or queue per subscriber.
/// </summary>
public sealed class LiveUpdateHub(ILiveUpdateTransport transport, ILogger<LiveUpdateHub> log) : ILiveUpdates
{
    private readonly Lock _gate = new();
    // Copy-on-write arrays: delivery reads without the lock, subscribing and leaving copy the (short) array of one key.
    private readonly Dictionary<string, Subscription[]> _subscriptions = [];
    private int _started;

    public IDisposable Subscribe(string kind, string? id, Func<LiveUpdate, Task> onUpdate)
    {
        EnsureStarted();
        var subscription = new Subscription(this, id is null ? [KindKey(kind)] : [IdKey(id), RecordsOfKindKey(kind)], onUpdate);
        lock (_gate)
            foreach (var key in subscription.Keys)
                _subscriptions[key] = _subscriptions.TryGetValue(key, out var existing) ? [.. existing, subscription] : [subscription];
        return subscription;
    }

    public Task PublishAsync(LiveUpdate update, CancellationToken ct = default) => transport.SendAsync([update], ct);

    public Task WhenListeningAsync(CancellationToken ct = default)
    {
        EnsureStarted();
        return transport.WhenListeningAsync(ct);
    }

    /// <summary>How many subscriptions the instance holds (for tests and the memory bench).</summary>
    public int SubscriptionCount
    {
        get { lock (_gate) return _subscriptions.Values.SelectMany(s => s).Distinct().Count(); }
    }

    private void EnsureStarted()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0) transport.Start(Deliver);
    }

    /// <summary>Hands <paramref name="update"/> to every subscription it concerns (see <see cref="LiveUpdate.Concerns"/>).</summary>
    internal void Deliver(LiveUpdate update)
    {
        if (update.Id is { } id)
        {
            Notify(IdKey(id), update);
            if (update.AggregateId is { } aggregateId && aggregateId != id) Notify(IdKey(aggregateId), update);
        }
        else Notify(RecordsOfKindKey(update.Kind), update);
        Notify(KindKey(update.Kind), update);
    }

    private void Notify(string key, LiveUpdate update)
    {
        Subscription[]? subscribers;
        lock (_gate) _subscriptions.TryGetValue(key, out subscribers);
        if (subscribers is null) return;
        foreach (var subscriber in subscribers) _ = RunAsync(subscriber, update);
    }

    private async Task RunAsync(Subscription subscriber, LiveUpdate update)
    {
        try { await subscriber.OnUpdate(update); }
        catch (Exception ex) { log.LogWarning(ex, "A live-update subscriber of {Kind} failed.", update.Kind); } // one page's failure is not the bus's
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
            foreach (var key in subscription.Keys)
            {
                if (!_subscriptions.TryGetValue(key, out var existing)) continue;
                var left = Array.FindAll(existing, s => !ReferenceEquals(s, subscription));
                if (left.Length == 0) _subscriptions.Remove(key);
                else _subscriptions[key] = left;
            }
    }

    private static string IdKey(string id) => "id:" + id;
    private static string KindKey(string kind) => "kind:" + kind;
    private static string RecordsOfKindKey(string kind) => "records:" + kind;

    private sealed class Subscription(LiveUpdateHub hub, string[] keys, Func<LiveUpdate, Task> onUpdate) : IDisposable
    {
        private int _disposed;
        public string[] Keys { get; } = keys;
        public Func<LiveUpdate, Task> OnUpdate { get; } = onUpdate;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) hub.Remove(this);
        }
    }
}
