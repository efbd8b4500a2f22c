using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Components.Shared;
using Portal.Domain.LiveUpdates;

namespace Portal.Tests.Components.Shared;

/// <summary>
/// A screen that follows others' changes: a record's (and what is filed under it), or every record of a kind (a board);
/// one's own changes and other records' leave it alone, and a burst is one read at its start and one after it.
/// </summary>
public sealed class LiveRefreshTests : PortalComponentTest
{
    private const string Kind = "Crop";
    private int _reads;

    private ILiveUpdates Bus => Services.GetRequiredService<ILiveUpdates>();

    private void RenderFor(string? id, TimeSpan? interval = null) =>
        Render<LiveRefresh>(p => p.Add(r => r.Kind, Kind).Add(r => r.Id, id)
            .Add(r => r.Changed, EventCallback.Factory.Create(this, () => Interlocked.Increment(ref _reads)))
            .Add(r => r.Interval, interval ?? TimeSpan.FromMilliseconds(100)));

    private Task Saved(string id, string actorId = "u-bea") =>
        Bus.PublishAsync(new LiveUpdate { Kind = Kind, Id = id, Change = LiveChange.Updated, Actor = "bea@test.example", ActorId = actorId });

    private int Reads => Volatile.Read(ref _reads);

    [Fact]
    public async Task A_record_screen_reads_again_for_its_record_only()
    {
        RenderFor("c1");

        await Saved("c2");
        await Task.Delay(300);
        Assert.Equal(0, Reads);

        await Saved("c1");
        await WaitUntilAsync(() => Reads == 1);
    }

    [Fact]
    public async Task A_board_reads_again_for_any_record_of_its_kind_but_not_for_ones_own_change()
    {
        RenderFor(null);

        await Saved("c1", actorId: CurrentUser.Id!);
        await Task.Delay(300);
        Assert.Equal(0, Reads);

        await Saved("c7");
        await WaitUntilAsync(() => Reads == 1);
    }

    [Fact]
    public async Task A_burst_of_picks_is_one_read_at_its_start_and_one_after_it()
    {
        RenderFor(null, TimeSpan.FromMilliseconds(500));

        for (var i = 0; i < 100; i++) await Saved($"c{i % 3}");

        await WaitUntilAsync(() => Reads == 2);
        await Task.Delay(800);
        Assert.Equal(2, Reads);
    }
}
