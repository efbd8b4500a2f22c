using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain;
using Portal.Domain.Common;
using Portal.Domain.LiveUpdates;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.LiveUpdates;

/// <summary>The bus: every committed save of a record reaches its subscribers (on every instance), nothing else does.</summary>
public sealed class LiveUpdatesTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private TestStore _store = default!;
    private Guid _staffId;
    private OrganisationService Orgs => _store.Get<OrganisationService>();
    private ILiveUpdates Bus => _store.Get<ILiveUpdates>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _staffId = _store.ActAs(Roles.Staff, email: "ada@test.example");
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static CreateOrganisation NewOrg(string name = "Up Marden Farms Ltd") => new() { ConfirmedNotDuplicate = true, Name = name, BillingEmail = "accounts@upmarden.example", CountryCode = "GB" };

    private static UpdateOrganisation Renamed(OrganisationRow org, string name) => new()
    {
        Name = name, BillingEmail = org.BillingEmail, CountryCode = org.CountryCode, Version = org.Version,
    };

    [Fact]
    public async Task Save_ReachesTheRecordsSubscriber_WithWhoAndTheNewVersion()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        var heard = new Heard();
        using var _ = Bus.Subscribe(nameof(Organisation), org.Id.ToString(), heard.Add);
        await Bus.WhenListeningAsync();

        await Orgs.UpdateAsync(org.Id, Renamed(org, "Renamed Ltd"));

        var update = await heard.NextAsync();
        Assert.Equal((nameof(Organisation), org.Id.ToString(), LiveChange.Updated, 2L), (update.Kind, update.Id, update.Change, update.Version));
        Assert.Equal((_staffId.ToString(), "ada@test.example"), (update.ActorId, update.Actor));
    }

    [Fact]
    public async Task Save_OfAnotherRecord_DoesNotReachTheSubscriber_ButReachesTheKindsSubscriber()
    {
        var watched = (await Orgs.CreateAsync(NewOrg("Watched Ltd"))).Organisation;
        var other = (await Orgs.CreateAsync(NewOrg("Other Ltd"))).Organisation;
        var ofRecord = new Heard();
        var ofKind = new Heard();
        using var a = Bus.Subscribe(nameof(Organisation), watched.Id.ToString(), ofRecord.Add);
        using var b = Bus.Subscribe(nameof(Organisation), null, ofKind.Add);
        await Bus.WhenListeningAsync();

        await Orgs.UpdateAsync(other.Id, Renamed(other, "Other Renamed Ltd"));

        Assert.Equal(other.Id.ToString(), (await ofKind.NextAsync()).Id);
        await ofRecord.NothingAsync();
    }

    [Fact]
    public async Task Disposed_Subscription_HearsNothing()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        var heard = new Heard();
        Bus.Subscribe(nameof(Organisation), org.Id.ToString(), heard.Add).Dispose();
        using var kind = Bus.Subscribe(nameof(Organisation), null, _ => Task.CompletedTask);
        await Bus.WhenListeningAsync();

        await Orgs.UpdateAsync(org.Id, Renamed(org, "Renamed Ltd"));

        await heard.NothingAsync();
    }

    [Fact]
    public async Task RolledBackTransaction_NotifiesNobody_AndTheNextCommittedOneDoes()
    {
        var heard = new Heard();
        using var _ = Bus.Subscribe(nameof(Organisation), null, heard.Add);
        await Bus.WhenListeningAsync();
        await using var db = await _store.DbAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync(async ct =>
        {
            db.Organisations.Add(new Organisation { Name = "Never Ltd", BillingEmail = "a@never.example", CountryCode = "GB" });
            await db.SaveChangesAsync(ct);
            throw new InvalidOperationException("the rest of the change failed");
        }));
        var kept = new Organisation { Name = "Kept Ltd", BillingEmail = "a@kept.example", CountryCode = "GB" };
        await db.InTransactionAsync(async ct =>
        {
            db.Organisations.Add(kept);
            await db.SaveChangesAsync(ct);
        });

        // The first update heard is the committed one: the rolled-back save sent nothing, then or at the later commit.
        var update = await heard.NextAsync();
        Assert.Equal((kept.Id.ToString(), LiveChange.Created), (update.Id, update.Change));
        await heard.NothingAsync();
        Assert.False(await db.Organisations.AnyAsync(o => o.Name == "Never Ltd"));
    }

    [Fact]
    public async Task ManyRecordsInOneSave_AreOneUpdateOfTheKind_ThatTheirPagesHear()
    {
        var open = (await Orgs.CreateAsync(NewOrg("Open Ltd"))).Organisation;
        var ofKind = new Heard();
        var ofRecord = new Heard();
        using var a = Bus.Subscribe(nameof(Organisation), null, ofKind.Add);
        using var b = Bus.Subscribe(nameof(Organisation), open.Id.ToString(), ofRecord.Add);
        await Bus.WhenListeningAsync();
        await using var db = await _store.DbAsync();

        db.Organisations.AddRange(Enumerable.Range(0, LiveUpdatesInterceptor.ManyAt + 1)
            .Select(i => new Organisation { Name = $"Bulk {i} Ltd", BillingEmail = $"a{i}@bulk.example", CountryCode = "GB" }));
        await db.SaveChangesAsync();

        var update = await ofKind.NextAsync();
        Assert.Equal((nameof(Organisation), (string?)null), (update.Kind, update.Id));
        await ofKind.NothingAsync();
        Assert.Null((await ofRecord.NextAsync()).Id);
    }

    [PostgresOnlyFact("two instances share updates through PostgreSQL LISTEN/NOTIFY; on SQLite there is one instance")]
    public async Task OnPostgres_AChangeOnOneInstance_ReachesASubscriberOnAnother_AndARollbackReachesNobody()
    {
        string connectionString;
        await using (var probe = await _store.DbAsync()) connectionString = probe.Database.GetConnectionString()!;
        await using var other = OtherInstance(connectionString);
        var otherBus = other.GetRequiredService<ILiveUpdates>();
        var heard = new Heard();
        using var _ = otherBus.Subscribe(nameof(Organisation), null, heard.Add);
        await otherBus.WhenListeningAsync().WaitAsync(Wait);

        await using (var db = await _store.DbAsync())
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync(async ct =>
            {
                db.Organisations.Add(new Organisation { Name = "Never Ltd", BillingEmail = "a@never.example", CountryCode = "GB" });
                await db.SaveChangesAsync(ct);
                throw new InvalidOperationException("the rest of the change failed");
            }));
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;

        var update = await heard.NextAsync();
        Assert.Equal((org.Id.ToString(), LiveChange.Created, "ada@test.example"), (update.Id, update.Change, update.Actor));
        await heard.NothingAsync();
    }

    [PostgresOnlyFact("presence crosses instances through PostgreSQL LISTEN/NOTIFY; on SQLite there is one instance")]
    public async Task OnPostgres_SomeoneWithARecordOpenOnOneInstance_IsSeenOnAnother_AndGoneWhenTheyLeave()
    {
        string connectionString;
        await using (var probe = await _store.DbAsync()) connectionString = probe.Database.GetConnectionString()!;
        await using var other = OtherInstance(connectionString);
        var here = _store.Get<PresenceTracker>();
        var there = other.GetRequiredService<PresenceTracker>();
        await Bus.WhenListeningAsync().WaitAsync(Wait);
        await other.GetRequiredService<ILiveUpdates>().WhenListeningAsync().WaitAsync(Wait);
        var id = Guid.CreateVersion7().ToString();

        var ada = here.Enter(nameof(Organisation), id, Guid.NewGuid(), "u-ada", "Ada");
        await EventuallyAsync(() => there.Viewers(nameof(Organisation), id).Select(v => v.Name).SequenceEqual(["Ada"]));
        ada.Dispose();
        await EventuallyAsync(() => there.Viewers(nameof(Organisation), id).Count == 0);
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("It did not happen in time.");
            await Task.Delay(20);
        }
    }

    /// <summary>A second host on the same database: its own service provider, bus and listening connection.</summary>
    private static ServiceProvider OtherInstance(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddPortalDomain(connectionString, DatabaseProvider.Postgres);
        return services.BuildServiceProvider();
    }

    /// <summary>What a subscriber heard, in order.</summary>
    private sealed class Heard
    {
        private readonly BlockingCollection<LiveUpdate> _updates = [];

        public Task Add(LiveUpdate update)
        {
            _updates.Add(update);
            return Task.CompletedTask;
        }

        public async Task<LiveUpdate> NextAsync()
        {
            var update = await Task.Run(() => _updates.TryTake(out var u, Wait) ? u : null);
            return update ?? throw new TimeoutException("No live update arrived.");
        }

        /// <summary>Nothing (more) arrives within a while: PostgreSQL's notices take milliseconds, so half a second is ample.</summary>
        public async Task NothingAsync()
        {
            var update = await Task.Run(() => _updates.TryTake(out var u, TimeSpan.FromMilliseconds(500)) ? u : null);
            Assert.Null(update);
        }
    }
}
