using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.LiveUpdates;
using Portal.Domain.Store;

namespace Portal.Tests.Domain.LiveUpdates;

/// <summary>Presence across instances: two trackers on one bus stand for two instances.</summary>
public sealed class PresenceTrackerTests : IDisposable
{
    private const string Org = "Organisation";
    private readonly string _id = Guid.CreateVersion7().ToString();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly LiveUpdateHub _bus = new(new InProcessLiveUpdateTransport(), NullLogger<LiveUpdateHub>.Instance);
    private readonly PresenceTracker _here;
    private readonly PresenceTracker _there;

    public PresenceTrackerTests()
    {
        _here = new PresenceTracker(_bus, _clock);
        _there = new PresenceTracker(_bus, _clock);
    }

    public void Dispose()
    {
        _here.Dispose();
        _there.Dispose();
    }

    [Fact]
    public void Viewer_IsSeenOnEveryInstance_AndGoneWhenTheyLeave()
    {
        var ada = _here.Enter(Org, _id, Guid.NewGuid(), "u-ada", "Ada");
        using var bob = _there.Enter(Org, _id, Guid.NewGuid(), "u-bob", "Bob");

        Assert.Equal(["Ada", "Bob"], _there.Viewers(Org, _id).Select(v => v.Name));
        Assert.Equal(["Ada", "Bob"], _here.Viewers(Org, _id).Select(v => v.Name));
        Assert.Empty(_there.Viewers(Org, Guid.CreateVersion7().ToString()));

        ada.Dispose();
        Assert.Equal(["Bob"], _there.Viewers(Org, _id).Select(v => v.Name));
    }

    [Fact]
    public void OpenForm_ShowsThePersonAsEditing_OncePerPerson()
    {
        var circuit = Guid.NewGuid();
        using var page = _here.Enter(Org, _id, circuit, "u-ada", "Ada");
        var form = _here.Enter(Org, _id, circuit, "u-ada", "Ada", editing: true);

        Assert.Equal([new PresenceViewer("u-ada", "Ada", true)], _there.Viewers(Org, _id));
        form.Dispose();
        Assert.Equal([new PresenceViewer("u-ada", "Ada", false)], _there.Viewers(Org, _id));
    }

    [Fact]
    public void Watcher_IsToldOfChanges_FromAnotherInstance_UntilDisposed()
    {
        var told = 0;
        var watch = _there.Watch(Org, _id, () => Interlocked.Increment(ref told));
        using (_here.Enter(Org, _id, Guid.NewGuid(), "u-ada", "Ada")) Assert.Equal(1, told);
        Assert.Equal(2, told);
        watch.Dispose();
        using (_here.Enter(Org, _id, Guid.NewGuid(), "u-ada", "Ada")) Assert.Equal(2, told);
    }

    [Fact]
    public void CircuitEnd_RemovesEverythingItHadOpen_AndADroppedConnectionHidesItUntilItIsBack()
    {
        var circuit = Guid.NewGuid();
        _here.Enter(Org, _id, circuit, "u-ada", "Ada");
        _here.Enter(Org, _id, circuit, "u-ada", "Ada", editing: true);

        _here.Away(circuit, away: true);
        Assert.Empty(_there.Viewers(Org, _id));
        _here.Away(circuit, away: false);
        Assert.Single(_there.Viewers(Org, _id));

        _here.Leave(circuit);
        Assert.Empty(_there.Viewers(Org, _id));
        Assert.Empty(_here.Viewers(Org, _id));
    }

    [Fact]
    public void ViewersOfAnInstanceThatStoppedBeating_Expire_WhileALiveOnesStay()
    {
        using var ada = _here.Enter(Org, _id, Guid.NewGuid(), "u-ada", "Ada");
        var dead = new PresenceTracker(_bus, _clock);
        dead.Enter(Org, _id, Guid.NewGuid(), "u-bob", "Bob");
        dead.Dispose(); // the instance dies: no heartbeat, no goodbye

        _clock.Advance(PresenceTracker.ExpireAfter / 2);
        Assert.Equal(["Ada", "Bob"], _there.Viewers(Org, _id).Select(v => v.Name));
        _clock.Advance(PresenceTracker.ExpireAfter);
        Assert.Equal(["Ada"], _there.Viewers(Org, _id).Select(v => v.Name)); // Ada's instance beat meanwhile
    }
}
