namespace Portal.Domain.LiveUpdates;

/// <summary>
/// The live-update bus: what changed, heard on every instance. The store publishes every saved change by itself
/// (<see cref="LiveUpdatesInterceptor"/>, after the save commits); pages subscribe to a record or a kind. In-process on
/// SQLite (one machine), PostgreSQL LISTEN/NOTIFY across instances (<c>Store/LiveUpdateTransports</c>).
/// </summary>
public interface ILiveUpdates
{
    /// <summary>
    /// Calls <paramref name="onUpdate"/> for every update of the record <paramref name="id"/> (its own, those of the records
    /// filed under it, and changes of many records of <paramref name="kind"/>), or with <paramref name="id"/> null for every
    /// update of <paramref name="kind"/>. It runs on the bus's thread: a component hands it to its renderer
    /// (<c>InvokeAsync</c>). Disposing the answer ends the subscription.
    /// </summary>
    IDisposable Subscribe(string kind, string? id, Func<LiveUpdate, Task> onUpdate);

    /// <summary>Sends a message that is not a save (presence) to every instance, this one included.</summary>
    Task PublishAsync(LiveUpdate update, CancellationToken ct = default);

    /// <summary>Completes once this instance hears what every instance publishes (PostgreSQL: its LISTEN is in place).</summary>
    Task WhenListeningAsync(CancellationToken ct = default);
}
