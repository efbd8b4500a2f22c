using Microsoft.AspNetCore.Components.Server.Circuits;
using Portal.Domain.Common;
using Portal.Domain.LiveUpdates;

namespace Portal.Components.Shared;

/// <summary>
/// This circuit as a viewer of records (scoped: one per circuit): what its pages and form dialogs have open, told to the
/// instance's <see cref="PresenceTracker"/>. It holds only its id; the entries live in the tracker's one table, and the
/// scope's end (the circuit's) takes them all away.
/// </summary>
public sealed class ViewerPresence(PresenceTracker tracker, CurrentUserAccessor user) : IDisposable
{
    public Guid ViewerId { get; } = Guid.NewGuid();

    /// <summary>The signed-in person's id, as <see cref="PresenceViewer.UserId"/> carries it.</summary>
    public string UserId => user.Id ?? user.ActorName;

    /// <summary>This circuit shows the record (with <paramref name="editing"/>: a form of it is open); until disposed.</summary>
    public IDisposable Enter(string kind, string id, bool editing = false) =>
        tracker.Enter(kind, id, ViewerId, UserId, user.Principal is { } p ? Auth.PortalClaims.DisplayNameOf(p) : user.ActorName, editing);

    public void Away(bool away) => tracker.Away(ViewerId, away);

    public void Dispose() => tracker.Leave(ViewerId);
}

/// <summary>A circuit whose connection dropped (a closed tab, a lost network) is not shown as present until it is back; its end removes it.</summary>
public sealed class PresenceCircuitHandler(ViewerPresence presence) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.Away(true);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.Away(false);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        presence.Dispose();
        return Task.CompletedTask;
    }
}
