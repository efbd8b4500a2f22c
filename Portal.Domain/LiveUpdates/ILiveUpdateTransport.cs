using Microsoft.EntityFrameworkCore;

namespace Portal.Domain.LiveUpdates;

/// <summary>
/// How updates travel between instances; the store picks one for its provider (<c>Store/LiveUpdateTransports</c>).
/// What arrives, from this instance or another, is handed to the deliver callback of <see cref="Start"/>.
/// </summary>
public interface ILiveUpdateTransport
{
    /// <summary>
    /// True when <see cref="SendWithSaveAsync"/> sends in the save's own transaction (PostgreSQL NOTIFY: a rolled-back
    /// save sends nothing); false when the caller must hold the updates until the transaction commits (in-process).
    /// </summary>
    bool SendsInTransaction { get; }

    /// <summary>Starts hearing updates (once); <paramref name="deliver"/> gets each one, on any thread.</summary>
    void Start(Action<LiveUpdate> deliver);

    /// <summary>Completes once updates are heard (the listening connection is open).</summary>
    Task WhenListeningAsync(CancellationToken ct);

    /// <summary>Sends updates of a save on <paramref name="db"/>'s connection (in its transaction, when one is open).</summary>
    Task SendWithSaveAsync(DbContext db, IReadOnlyList<LiveUpdate> updates, CancellationToken ct);

    /// <summary>Sends updates outside any save.</summary>
    Task SendAsync(IReadOnlyList<LiveUpdate> updates, CancellationToken ct);
}
