using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Logistics.HandlingLists;

public sealed class HandlingListServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private LocationDetails _location = default!;
    private HandlingListService Lists => _store.Get<HandlingListService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        // The walk order is not the alphabetical order of the codes.
        _location = await _store.AddLocationAsync("C-01", "A-02", "B-05");
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Create_LabelsTheShipmentsABC_ListsTheirUnits_AndOrdersLinesByTheWalk()
    {
        var one = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 2, "A-02"), ("CAP", 1, "C-01"));
        var two = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, "A-02"), ("SOCKS", 1, "B-05"));
        var three = await _store.AddShipmentAsync(_location.Location.Id, ("CAP", 1, "C-01"));

        var list = await Lists.CreateAsync(new CreateHandlingList
        {
            Shipments = [new ListShipment(one.Shipment.Id), new ListShipment(two.Shipment.Id, "a"), new ListShipment(three.Shipment.Id)],
            DueAt = _store.Clock.GetUtcNow().AddHours(2),
        });

        Assert.Equal("HL-000001", list.List.Number);
        Assert.Equal(HandlingListState.Open, list.List.State);
        Assert.Equal(["A", "B", "C"], list.Shipments.Select(s => s.Label));
        Assert.Equal("A", list.Shipments.Single(s => s.ShipmentId == two.Shipment.Id).Label);
        Assert.Equal(["C-01", "A-02", "B-05"], list.Lines.Select(l => l.Position));
        Assert.Equal([1, 2, 3], list.Lines.Select(l => l.Rank));
        var mugs = list.Lines.Single(l => l.Sku == "MUG");
        Assert.Equal(3, mugs.Quantity);
        Assert.Equal([("A", 1), ("B", 2)], mugs.Totes.Select(t => (t.Label, t.Quantity)));
        Assert.Equal(6, list.List.UnitCount);
        Assert.All(await _store.UnitsAsync(one.Shipment.Id), u => Assert.Equal(UnitState.Listed, u.State));
        Assert.Equal(ShipmentStatus.Listed, (await _store.ShipmentAsync(one.Shipment.Id)).Status);
    }

    [Fact]
    public async Task Create_ByRule_TakesOpenShipmentsAtTheLocationDueByTheDate_OldestFirst_AtMostN()
    {
        var other = await _store.AddLocationAsync("X-01");
        var ids = new List<Guid>();
        for (var day = 20; day <= 24; day++)
        {
            var command = LogisticsTestData.NewShipment(_location.Location.Id, ("MUG", 1, null));
            command.ShipAt = new DateTimeOffset(2026, 11, day, 9, 0, 0, TimeSpan.Zero);
            ids.Add((await _store.Get<ShipmentService>().CreateAsync(command)).Shipment.Id);
        }
        await _store.AddShipmentAsync(other.Location.Id, ("MUG", 1, null));

        var list = await Lists.CreateAsync(new CreateHandlingList
        {
            Rule = new HandlingListRule(_location.Location.Id, DueBy: new DateTimeOffset(2026, 11, 23, 23, 0, 0, TimeSpan.Zero), Max: 3),
        });

        Assert.Equal(ids.Take(3), list.Shipments.Select(s => s.ShipmentId));
        var rest = await Lists.CreateAsync(new CreateHandlingList
        {
            Rule = new HandlingListRule(_location.Location.Id, DueBy: new DateTimeOffset(2026, 11, 23, 23, 0, 0, TimeSpan.Zero), Max: 3),
        });
        Assert.Equal([ids[3]], rest.Shipments.Select(s => s.ShipmentId));
        var empty = await Assert.ThrowsAsync<ConflictException>(() => Lists.CreateAsync(new CreateHandlingList
        {
            Rule = new HandlingListRule(_location.Location.Id, DueBy: new DateTimeOffset(2026, 11, 23, 23, 0, 0, TimeSpan.Zero), Max: 3),
        }));
        Assert.Equal("handling_list.empty", empty.Code);
    }

    [Fact]
    public async Task AShipmentListedElsewhere_IsRefused_AndNothingIsListed()
    {
        var one = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        var two = await _store.AddShipmentAsync(_location.Location.Id, ("CAP", 1, null));
        await _store.AddListAsync(one.Shipment.Id);

        var error = await Assert.ThrowsAsync<ConflictException>(() => _store.AddListAsync(two.Shipment.Id, one.Shipment.Id));

        Assert.Equal("shipment.already_listed", error.Code);
        Assert.Contains("HL-000001", error.Message);
        Assert.All(await _store.UnitsAsync(two.Shipment.Id), u => Assert.Equal(UnitState.Open, u.State));
        Assert.Equal(1, (await Lists.ListAsync(new HandlingListQuery())).Total);
    }

    [Fact]
    public async Task TwoListsMadeAtOnce_WithTheSameShipment_OnlyOneGetsIt()
    {
        var shipment = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        var attempts = Enumerable.Range(0, 4).Select(async i =>
        {
            await using var scope = _store.ScopeAs(Roles.Staff, $"planner{i}@test.example");
            try
            {
                await scope.ServiceProvider.GetRequiredService<HandlingListService>().CreateAsync(new CreateHandlingList { Shipments = [new ListShipment(shipment.Shipment.Id)] });
                return "made";
            }
            catch (ConflictException e) { return e.Code; }
        });

        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(o => o == "made"));
        Assert.All(outcomes.Where(o => o != "made"), o => Assert.Equal("shipment.already_listed", o));
    }

    [Fact]
    public async Task AnEmptyChoice_OrDuplicateLabels_AreFieldErrors()
    {
        var one = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        var two = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        Assert.True((await Assert.ThrowsAsync<DomainValidationException>(() => Lists.CreateAsync(new CreateHandlingList { Shipments = [] }))).Errors.ContainsKey("shipments"));
        Assert.True((await Assert.ThrowsAsync<DomainValidationException>(() => Lists.CreateAsync(new CreateHandlingList
        {
            Shipments = [new ListShipment(one.Shipment.Id, "A"), new ListShipment(two.Shipment.Id, "a")],
        }))).Errors.ContainsKey("shipments"));
    }

    [Fact]
    public async Task Cancel_PutsEveryUnitBackToUnlisted_EvenPickedOnes_SoTheShipmentCanBeListedAgain()
    {
        var shipment = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 2, null));
        var list = await _store.AddListAsync(shipment.Shipment.Id);
        _store.ActAs(Roles.Warehouse);
        await _store.Get<PickService>().RecordAsync(list.List.Id, LogisticsTestData.Pick("MUG"));
        _store.ActAs(Roles.Staff);
        var current = await Lists.GetAsync(list.List.Id);

        var cancelled = await Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Cancel, Reason = "Wrong wave" }, current.List.Version);

        Assert.Equal(HandlingListState.Cancelled, cancelled.List.State);
        Assert.Empty(cancelled.AllowedActions);
        Assert.All(await _store.UnitsAsync(shipment.Shipment.Id), u => { Assert.Equal(UnitState.Open, u.State); Assert.Null(u.HandlingListId); Assert.Null(u.PickId); });
        var again = await _store.Get<ShipmentService>().GetAsync(shipment.Shipment.Id);
        Assert.Equal(ShipmentStatus.Open, again.Shipment.Status);
        Assert.Null(again.Shipment.HandlingListId);
        Assert.Equal("A", (await _store.AddListAsync(shipment.Shipment.Id)).Shipments[0].Label);
    }

    [Fact]
    public async Task APicker_IsShownByName_WhenTheyTakeOrStartAList_AndByEmailWithoutOne()
    {
        var named = await _store.SeedStaffUserAsync("pia@test.example", "Pia Picker", Roles.Warehouse);
        var taken = await _store.AddListAsync((await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null))).Shipment.Id);
        var started = await _store.AddListAsync((await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null))).Shipment.Id);
        var unnamed = await _store.AddListAsync((await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null))).Shipment.Id);

        _store.ActAs(Roles.Warehouse, named.Id, "pia@test.example");
        var took = await Lists.ChangeStateAsync(taken.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Take }, taken.List.Version);
        await _store.Get<PickService>().RecordAsync(started.List.Id, LogisticsTestData.Pick("MUG"));
        _store.ActAs(Roles.Warehouse, email: "temp@test.example"); // signed in, but no staff user with a name behind it
        await _store.Get<PickService>().RecordAsync(unnamed.List.Id, LogisticsTestData.Pick("MUG"));

        Assert.Equal("Pia Picker", took.List.PickerName);
        Assert.Equal("Pia Picker", (await Lists.GetAsync(started.List.Id)).List.PickerName);
        Assert.Equal("temp@test.example", (await Lists.GetAsync(unnamed.List.Id)).List.PickerName);
        var board = await Lists.ListAsync(new HandlingListQuery { State = HandlingListState.InProgress });
        Assert.Contains(board.Items, l => l.Id == started.List.Id && l.PickerName == "Pia Picker");
    }

    [Fact]
    public async Task TheLifecycle_AssignHoldReleaseFinish_RefusesWhatIsNotLegal()
    {
        var picker = await _store.SeedStaffUserAsync("picker@test.example", "Pia Picker", Roles.Warehouse);
        var viewer = await _store.SeedStaffUserAsync("viewer@test.example", "Vic Viewer", Roles.Viewer);
        var shipment = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        var list = await _store.AddListAsync(shipment.Shipment.Id);

        var notAPicker = await Assert.ThrowsAsync<DomainValidationException>(() => Lists.ChangeStateAsync(list.List.Id,
            new ChangeHandlingListState { Action = HandlingListAction.Assign, PickerId = viewer.Id }, list.List.Version));
        Assert.True(notAPicker.Errors.ContainsKey("pickerId"));
        var assigned = await Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Assign, PickerId = picker.Id }, list.List.Version);
        Assert.Equal(HandlingListState.Assigned, assigned.List.State);
        Assert.Equal("Pia Picker", assigned.List.PickerName); // the picker's name, not their email

        var held = await Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Hold, Reason = "Forklift down" }, assigned.List.Version);
        Assert.Equal(("Forklift down", HandlingListState.OnHold), (held.List.HoldReason, held.List.State));
        _store.ActAs(Roles.Warehouse, picker.Id, "picker@test.example");
        var onHold = await Assert.ThrowsAsync<ConflictException>(() => _store.Get<PickService>().RecordAsync(list.List.Id, LogisticsTestData.Pick("MUG")));
        Assert.Equal("handling_list.on_hold", onHold.Code);
        var released = await Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Release }, held.List.Version);
        Assert.Equal(HandlingListState.Assigned, released.List.State);

        var early = await Assert.ThrowsAsync<ConflictException>(() => Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Finish }, released.List.Version));
        Assert.Equal("handling_list.units_left", early.Code);
        await _store.Get<PickService>().RecordAsync(list.List.Id, LogisticsTestData.Pick("MUG"));
        var started = await Lists.GetAsync(list.List.Id);
        Assert.Equal(HandlingListState.InProgress, started.List.State);
        var finished = await Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Finish }, started.List.Version);
        Assert.Equal(HandlingListState.Finished, finished.List.State);

        var afterwards = await Assert.ThrowsAsync<ConflictException>(() => Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Hold, Reason = "x" }, finished.List.Version));
        Assert.Equal("handling_list.finished", afterwards.Code);
    }

    [Fact]
    public async Task Take_IsForPickers_AndAListSomeoneElseHasStaysTheirs()
    {
        var pia = await _store.SeedStaffUserAsync("pia@test.example", "Pia", Roles.Warehouse);
        var shipment = await _store.AddShipmentAsync(_location.Location.Id, ("MUG", 1, null));
        var list = await _store.AddListAsync(shipment.Shipment.Id);
        await Assert.ThrowsAsync<ForbiddenException>(() => Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Take }, list.List.Version));

        _store.ActAs(Roles.Warehouse, pia.Id, "pia@test.example");
        var taken = await Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Take }, list.List.Version);
        Assert.Equal(pia.Id, taken.List.PickerId);
        Assert.Equal([list.List.Id], (await Lists.ListAsync(new HandlingListQuery { Mine = true })).Items.Select(l => l.Id));

        _store.ActAs(Roles.Warehouse, Guid.CreateVersion7(), "otto@test.example");
        Assert.Empty((await Lists.ListAsync(new HandlingListQuery { Mine = true })).Items);
        var theirs = await Assert.ThrowsAsync<ConflictException>(() => Lists.ChangeStateAsync(list.List.Id, new ChangeHandlingListState { Action = HandlingListAction.Take }, taken.List.Version));
        Assert.Equal("handling_list.assigned_to_other", theirs.Code);
    }
}
