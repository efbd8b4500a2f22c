using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Domain.Store;
using Portal.Tests.Support;
using static Portal.Tests.Domain.Logistics.LogisticsTestData;

namespace Portal.Tests.Domain.Logistics.HandlingLists;

/// <summary>Recording picks: every unit exactly once, whatever the concurrency and retries; clear refusals that record nothing.</summary>
public sealed class PickServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private LocationDetails _location = default!;
    private PickService Picks => _store.Get<PickService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _location = await _store.AddLocationAsync("A-01", "A-02", "B-01");
        _store.ActAs(Roles.Warehouse);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<(HandlingListDetails List, ShipmentDetails[] Shipments)> ListOfAsync(int shipments, params (string Sku, int Quantity, string? Position)[] lines)
    {
        var made = new List<ShipmentDetails>();
        for (var i = 0; i < shipments; i++) made.Add(await _store.AddShipmentAsync(_location.Location.Id, lines));
        return (await _store.AddListAsync([.. made.Select(s => s.Shipment.Id)]), [.. made]);
    }

    private async Task<Dictionary<UnitState, int>> UnitStatesAsync(Guid listId)
    {
        await using var db = await _store.DbAsync();
        return await db.ShipmentUnits.Where(u => u.HandlingListId == listId).GroupBy(u => u.State).ToDictionaryAsync(g => g.Key, g => g.Count());
    }

    [Fact]
    public async Task APick_HandlesUnitsIntoTheirTotes_AndStartsTheList()
    {
        var (list, shipments) = await ListOfAsync(2, ("MUG", 2, "A-02"));

        var pick = await Picks.RecordAsync(list.List.Id, new RecordPick { Key = "k1", Sku = " mug ", Quantity = 3, LotNumber = "LOT-7" });

        Assert.Equal([("A", 2), ("B", 1)], pick.Totes.Select(t => (t.Label, t.Quantity)));
        Assert.Equal((4, 3, 0, 1), (pick.ListUnits, pick.ListHandled, pick.ListMissing, pick.LineLeft));
        Assert.Equal(HandlingListState.InProgress, pick.State);
        Assert.False(pick.Replayed);
        var units = await _store.UnitsAsync(shipments[0].Shipment.Id);
        Assert.All(units, u => { Assert.Equal(UnitState.Handled, u.State); Assert.Equal("LOT-7", u.LotNumber); Assert.Equal("A-02", u.PickedPosition); });
        Assert.Equal(ShipmentStatus.Picked, (await _store.ShipmentAsync(shipments[1].Shipment.Id)).Status);
        var after = await _store.Get<HandlingListService>().GetAsync(list.List.Id);
        Assert.Equal(list.List.Version + 1, after.List.Version); // the state moved; later picks leave the version alone
        await Picks.RecordAsync(list.List.Id, Pick("MUG"));
        Assert.Equal(after.List.Version, (await _store.Get<HandlingListService>().GetAsync(list.List.Id)).List.Version);
    }

    [Fact]
    public async Task AnExpiryGivenInALocalOffset_IsStoredAsThatInstant()
    {
        // PostgreSQL's timestamptz takes UTC only: the pick's update must convert what a client sends in its own offset.
        var (list, shipments) = await ListOfAsync(1, ("MUG", 1, "A-01"));
        var expires = new DateTimeOffset(2027, 3, 1, 8, 30, 0, TimeSpan.FromHours(2));

        await Picks.RecordAsync(list.List.Id, new RecordPick { Key = "k1", Sku = "MUG", Quantity = 1, LotNumber = "LOT-1", ExpiresAt = expires });

        var unit = Assert.Single(await _store.UnitsAsync(shipments[0].Shipment.Id));
        Assert.Equal(expires.UtcDateTime, unit.ExpiresAt?.UtcDateTime);
    }

    [Fact]
    public async Task EightConcurrentPickers_RecordEveryUnitExactlyOnce()
    {
        var (list, _) = await ListOfAsync(10, ("MUG", 4, "A-01"), ("CAP", 2, "B-01")); // 60 units
        var pickers = Enumerable.Range(0, 8).Select(async p =>
        {
            await using var scope = _store.ScopeAs(Roles.Warehouse, $"picker{p}@test.example");
            var picks = scope.ServiceProvider.GetRequiredService<PickService>();
            var recorded = 0;
            // Each picker keeps scanning until the list says there is nothing left of either SKU.
            foreach (var sku in p % 2 == 0 ? new[] { "MUG", "CAP" } : ["CAP", "MUG"])
                for (var attempt = 0; attempt < 100; attempt++) // bounded: a list that never runs out fails the test instead of hanging it
                {
                    try { recorded += (await picks.RecordAsync(list.List.Id, Pick(sku))).Quantity; }
                    catch (ConflictException e) when (e.Code == "handling_list.nothing_left") { break; }
                }
            return recorded;
        });

        var recorded = await Task.WhenAll(pickers);

        Assert.Equal(60, recorded.Sum());
        Assert.Equal(new Dictionary<UnitState, int> { [UnitState.Handled] = 60 }, await UnitStatesAsync(list.List.Id));
        await using var db = await _store.DbAsync();
        Assert.Equal(60, await db.HandlingListPicks.CountAsync(p => p.HandlingListId == list.List.Id));
        Assert.Equal(60, await db.ShipmentUnits.Where(u => u.HandlingListId == list.List.Id).Select(u => u.PickId).Distinct().CountAsync());
        Assert.Equal(60, (await _store.Get<HandlingListService>().GetAsync(list.List.Id)).List.HandledCount);
    }

    [PostgresOnlyFact("SQLite runs a transaction once; PostgreSQL retries one that lost a serialization race")]
    public async Task APickRetriedByTheStore_RunsWholeAgain_AndIsCountedOnce()
    {
        var (list, shipments) = await ListOfAsync(1, ("MUG", 3, "A-01"));
        await using (var db = await _store.DbAsync())
            // The first insert of a pick fails as a lost serialization race would (transient: the strategy retries); the
            // sequence counts the attempts, outside the rolled-back transactions.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE SEQUENCE pick_attempts;
                CREATE FUNCTION fail_first_pick() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                  IF nextval('pick_attempts') = 1 THEN RAISE EXCEPTION 'forced race' USING ERRCODE = 'serialization_failure'; END IF;
                  RETURN NEW; END $$;
                CREATE TRIGGER fail_first_pick BEFORE INSERT ON "HandlingListPicks" FOR EACH ROW EXECUTE FUNCTION fail_first_pick();
                """);

        var pick = await Picks.RecordAsync(list.List.Id, Pick("MUG", 2, key: "k1"));

        Assert.Equal((2, 2, 1), (pick.Quantity, pick.ListHandled, pick.LineLeft));
        Assert.Equal(2, (await Picks.RecordAsync(list.List.Id, Pick("MUG", 2, key: "k1"))).ListHandled); // replayed, not picked again
        await using var check = await _store.DbAsync();
        Assert.Equal(2L, await check.Database.SqlQueryRaw<long>("SELECT last_value AS \"Value\" FROM pick_attempts").SingleAsync());
        Assert.Equal(2, (await _store.UnitsAsync(shipments[0].Shipment.Id)).Count(u => u.State == UnitState.Handled));
        Assert.Equal(1, await check.HandlingListPicks.CountAsync(p => p.HandlingListId == list.List.Id));
        Assert.Equal(2, (await _store.Get<HandlingListService>().GetAsync(list.List.Id)).List.HandledCount);
    }

    [Fact]
    public async Task ARetryWithTheSameKey_IsCountedOnce_AndGetsTheFirstAnswer()
    {
        var (list, _) = await ListOfAsync(1, ("MUG", 5, "A-01"));
        var first = await Picks.RecordAsync(list.List.Id, Pick("MUG", 2, key: "scan-42"));

        var retry = await Picks.RecordAsync(list.List.Id, Pick("MUG", 2, key: "scan-42"));

        Assert.True(retry.Replayed);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first with { Replayed = true }), System.Text.Json.JsonSerializer.Serialize(retry));
        Assert.Equal(2, (await UnitStatesAsync(list.List.Id))[UnitState.Handled]);
        var reused = await Assert.ThrowsAsync<ConflictException>(() => Picks.RecordAsync(list.List.Id, Pick("MUG", 1, key: "scan-42")));
        Assert.Equal("handling_list.key_reused", reused.Code);
    }

    [Theory]
    [InlineData(5)] // the waiting retries could claim another unit: the key's unique index turns them back
    [InlineData(1)] // the waiting retries find nothing left to pick: they answer the first attempt's answer, not a 409
    public async Task RetriesRacingEachOther_AreCountedOnce(int units)
    {
        var (list, _) = await ListOfAsync(1, ("MUG", units, "A-01"));
        // The list's write gate held while the retries start: each finds no pick with its key yet and queues behind it.
        SemaphoreSlim gate;
        await using (var db = await _store.DbAsync()) gate = StoreWriteGates.For(db, list.List.Id);
        await gate.WaitAsync();
        var retries = Enumerable.Range(0, 6).Select(async i =>
        {
            await using var scope = _store.ScopeAs(Roles.Warehouse, "picker@test.example");
            return await scope.ServiceProvider.GetRequiredService<PickService>().RecordAsync(list.List.Id, Pick("MUG", 1, key: "same-scan"));
        }).ToList();
        await Task.Delay(300);
        gate.Release();

        var answers = await Task.WhenAll(retries);

        Assert.Single(answers, a => !a.Replayed);
        Assert.Single(answers.Select(a => a.PickId).Distinct());
        Assert.Equal(1, (await UnitStatesAsync(list.List.Id))[UnitState.Handled]);
    }

    [Fact]
    public async Task MarkingMissing_ThenUndo_PutsTheUnitsBackToPick()
    {
        var (list, shipments) = await ListOfAsync(1, ("MUG", 3, "A-01"));
        var missing = await Picks.RecordAsync(list.List.Id, new RecordPick { Key = "m1", Sku = "MUG", Quantity = 2, Missing = true, Reason = "Bin empty" });
        Assert.Equal((0, 2), (missing.ListHandled, missing.ListMissing));
        var shipment = await _store.ShipmentAsync(shipments[0].Shipment.Id);
        Assert.Equal(ShipmentWarnings.MissingUnits, shipment.Warnings);
        await Picks.RecordAsync(list.List.Id, Pick("MUG", key: "p1"));

        var undone = await Picks.UndoLastAsync(list.List.Id);

        Assert.True(undone.Undone);
        Assert.Equal("p1", undone.Key);
        Assert.Equal(new Dictionary<UnitState, int> { [UnitState.Missing] = 2, [UnitState.Listed] = 1 }, await UnitStatesAsync(list.List.Id));
        await Picks.UndoAsync(list.List.Id, "m1");
        var again = await Picks.UndoAsync(list.List.Id, "m1"); // a retried undo changes nothing more
        Assert.True(again.Undone);
        Assert.Equal(new Dictionary<UnitState, int> { [UnitState.Listed] = 3 }, await UnitStatesAsync(list.List.Id));
        Assert.Equal(ShipmentWarnings.None, (await _store.ShipmentAsync(shipments[0].Shipment.Id)).Warnings);
    }

    [Fact]
    public async Task AWrongSku_SaysWhatIsExpected_AndRecordsNothing()
    {
        var (list, _) = await ListOfAsync(1, ("CAP", 1, "B-01"), ("MUG", 1, "A-01"));

        var error = await Assert.ThrowsAsync<ConflictException>(() => Picks.RecordAsync(list.List.Id, Pick("HOODIE")));

        Assert.Equal("handling_list.sku_not_on_list", error.Code);
        Assert.Contains("Expected MUG at A-01", error.Message);
        Assert.Equal(new Dictionary<UnitState, int> { [UnitState.Listed] = 2 }, await UnitStatesAsync(list.List.Id));
        await using var db = await _store.DbAsync();
        Assert.False(await db.HandlingListPicks.AnyAsync());
    }

    [Fact]
    public async Task AQuantityAboveWhatIsLeft_IsRefused_AndRecordsNothing()
    {
        var (list, _) = await ListOfAsync(1, ("MUG", 2, "A-01"));
        await Picks.RecordAsync(list.List.Id, Pick("MUG"));

        var error = await Assert.ThrowsAsync<ConflictException>(() => Picks.RecordAsync(list.List.Id, Pick("MUG", 2)));

        Assert.Equal("handling_list.quantity_above_left", error.Code);
        Assert.Contains("Only 1 of MUG left", error.Message);
        Assert.Equal(1, (await UnitStatesAsync(list.List.Id))[UnitState.Listed]);
    }

    [Fact]
    public async Task AWrongPosition_OrAnUnknownOverride_IsRefused()
    {
        var (list, _) = await ListOfAsync(1, ("MUG", 2, "A-01"));
        Assert.Equal("handling_list.wrong_position",
            (await Assert.ThrowsAsync<ConflictException>(() => Picks.RecordAsync(list.List.Id, Pick("MUG", position: "B-01")))).Code);
        Assert.True((await Assert.ThrowsAsync<DomainValidationException>(() =>
            Picks.RecordAsync(list.List.Id, new RecordPick { Key = "x", Sku = "MUG", UsedPosition = "Q-42" }))).Errors.ContainsKey("usedPosition"));

        var overridden = await Picks.RecordAsync(list.List.Id, new RecordPick { Key = "y", Sku = "MUG", UsedPosition = "b-01" });
        Assert.Equal(1, overridden.Quantity);
    }

    [Theory]
    [InlineData(HandlingListAction.Cancel, "handling_list.cancelled")]
    [InlineData(HandlingListAction.Finish, "handling_list.finished")]
    public async Task PickingOnACancelledOrFinishedList_IsRefused(HandlingListAction action, string code)
    {
        var (list, _) = await ListOfAsync(1, ("MUG", 2, "A-01"));
        if (action == HandlingListAction.Finish)
            await Picks.RecordAsync(list.List.Id, new RecordPick { Key = "all", Sku = "MUG", Quantity = 2, Missing = true });
        var current = await _store.Get<HandlingListService>().GetAsync(list.List.Id);
        var change = new ChangeHandlingListState { Action = action };
        if (action == HandlingListAction.Cancel)
            await _store.AsStaffAsync(() => _store.Get<HandlingListService>().ChangeStateAsync(list.List.Id, change, current.List.Version));
        else
            await _store.Get<HandlingListService>().ChangeStateAsync(list.List.Id, change, current.List.Version);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Picks.RecordAsync(list.List.Id, Pick("MUG")));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task ConcurrentCancelAndPicks_EitherPickOrRelease_NeverBoth()
    {
        var (list, shipments) = await ListOfAsync(1, ("MUG", 20, "A-01"));
        var picking = Enumerable.Range(0, 4).Select(async p =>
        {
            await using var scope = _store.ScopeAs(Roles.Warehouse, $"picker{p}@test.example");
            var picks = scope.ServiceProvider.GetRequiredService<PickService>();
            var recorded = 0;
            for (var i = 0; i < 5; i++)
                try { recorded += (await picks.RecordAsync(list.List.Id, Pick("MUG"))).Quantity; }
                catch (ConflictException e) when (e.Code is "handling_list.cancelled" or "handling_list.nothing_left") { }
            return recorded;
        }).ToList();
        var cancelling = Task.Run(async () =>
        {
            await using var scope = _store.ScopeAs(Roles.Staff, "planner@test.example");
            var lists = scope.ServiceProvider.GetRequiredService<HandlingListService>();
            for (var attempt = 0; ; attempt++)
                try { return await lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Cancel }, VersionedExtensions.AnyVersion); }
                catch (ConcurrencyException) when (attempt < 5) { }
        });

        await Task.WhenAll([.. picking, cancelling]);

        // Whatever was picked before the cancel was voided with it: every unit is back to open, none is left handled.
        Assert.Equal(HandlingListState.Cancelled, (await cancelling).List.State);
        Assert.All(await _store.UnitsAsync(shipments[0].Shipment.Id), u => { Assert.Equal(UnitState.Open, u.State); Assert.Null(u.HandlingListId); });
        Assert.Equal(ShipmentStatus.Open, (await _store.ShipmentAsync(shipments[0].Shipment.Id)).Status);
    }

    [Fact]
    public async Task StaffAndViewers_DoNotPick()
    {
        var (list, _) = await ListOfAsync(1, ("MUG", 1, "A-01"));
        foreach (var role in new[] { Roles.Staff, Roles.Viewer })
        {
            _store.ActAs(role);
            await Assert.ThrowsAsync<ForbiddenException>(() => Picks.RecordAsync(list.List.Id, Pick("MUG")));
        }
    }
}
