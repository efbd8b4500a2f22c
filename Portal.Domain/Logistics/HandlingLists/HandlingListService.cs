using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>
/// Handling lists: Admin and Staff make, assign and cancel them; Warehouse takes, picks (<see cref="PickService"/>) and
/// finishes them; either puts one on hold; everyone reads.
/// </summary>
public sealed class HandlingListService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<CreateHandlingList> createValidator,
    IValidator<ChangeHandlingListState> stateValidator)
{
    private static readonly SortMap<HandlingList> Sorts = new SortMap<HandlingList>("dueAt")
        .Add("dueAt", l => l.DueAt).Add("number", l => l.Number).Add("createdAt", l => l.CreatedAt).Add("state", l => l.State);

    public async Task<PagedResult<HandlingListRow>> ListAsync(HandlingListQuery query, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<HandlingList> lists = db.HandlingLists.AsNoTracking();
        if (query.State is { } state) lists = lists.Where(l => l.State == state);
        if (query.LocationId is { } location) lists = lists.Where(l => l.LocationId == location);
        if (query.PickerId is { } picker) lists = lists.Where(l => l.PickerId == picker);
        if (query.DueBefore is { } due) lists = lists.Where(l => l.DueAt < due);
        if (query.FinishedFrom is { } finished) lists = lists.Where(l => l.FinishedAt >= finished);
        if (query.Mine == true)
        {
            var me = user.StaffUserId();
            lists = lists.Where(l => (l.PickerId == null || l.PickerId == me) && HandlingList.Pickable.Contains(l.State));
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var digits = new string(query.Q.Where(char.IsDigit).ToArray());
            var number = long.TryParse(digits, out var n) ? n : -1;
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            lists = lists.Where(l => l.Number == number || EF.Functions.Like(l.PickerName!, pattern, "\\"));
        }
        return await Sorts.Apply(lists, query.Sort, l => l.Id).ToPageAsync(query, RowOf(db), ct);
    }

    private static Expression<Func<HandlingList, HandlingListRow>> RowOf(PortalDbContext db) => l => new HandlingListRow(
        l.Id, LogisticsNumber.Format(HandlingList.NumberPrefix, l.Number), l.LocationId, db.Set<Location>().Where(x => x.Id == l.LocationId).Select(x => x.Name).FirstOrDefault(),
        l.IsOutbound, l.State, l.HoldReason, l.PickerId, l.PickerName, l.DueAt, l.Shipments.Count, l.UnitCount, l.HandledCount, l.MissingCount,
        l.CreatedAt, l.StartedAt, l.FinishedAt, l.Version);

    public async Task<HandlingListDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>The pick lines in walk order (what the pick screen walks through).</summary>
    public async Task<IReadOnlyList<PickLine>> LinesAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var list = await db.HandlingLists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("Handling list", id);
        return await LinesAsync(db, list, ct);
    }

    /// <summary>
    /// A new list from the chosen shipments or a rule. Every shipment must be open (no unit listed anywhere, not
    /// canceled) at one enabled location; each gets its tote label, its units become listed and it is claimed for this
    /// list by a conditional update, so two lists made at once never share a shipment (409 <c>shipment.already_listed</c>).
    /// </summary>
    public async Task<HandlingListDetails> CreateAsync(CreateHandlingList command, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await createValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        (Guid Id, string Name)? picker = command.PickerId is { } pid ? await PickerAsync(db, pid, ct) : null;
        var listId = await db.InTransactionAsync(async ct =>
        {
            var number = await LogisticsNumber.TakeAsync(db, LogisticsNumber.HandlingLists, 1, ct); // the first write: the lock
            var chosen = command.Rule is { } rule ? await ChooseByRuleAsync(db, rule, ct) : command.Shipments!;
            var ids = chosen.Select(c => c.Id).ToList();
            var shipments = await db.Shipments.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
            var unknown = ids.Except(shipments.Select(s => s.Id)).ToList();
            if (unknown.Count > 0) throw DomainValidationException.For("shipments", $"There is no shipment {string.Join(", ", unknown)}.");
            if (shipments.Select(s => s.LocationId).Distinct().Count() > 1)
                throw DomainValidationException.For("shipments", "The shipments are at different locations; a list is walked at one location.");
            if (shipments.Select(s => s.Direction).Distinct().Count() > 1)
                throw DomainValidationException.For("shipments", "Put outbound and inbound shipments on separate lists.");
            foreach (var s in shipments)
            {
                if (s.CanceledAt is not null) throw new ConflictException("shipment.canceled", $"{s.NumberText} is canceled.");
                if (s.HandlingListId is { } other)
                {
                    var otherNumber = await db.HandlingLists.Where(l => l.Id == other).Select(l => l.Number).FirstOrDefaultAsync(ct);
                    throw new ConflictException("shipment.already_listed", $"{s.NumberText} is already on {LogisticsNumber.Format(HandlingList.NumberPrefix, otherNumber)}.");
                }
                if (s.Status != ShipmentStatus.Open)
                    throw new ConflictException("shipment.not_open", $"{s.NumberText} is {Shipment.Describe(s.Status)}; only open shipments go on a list.");
            }
            var location = await db.Locations.AsNoTracking().SingleAsync(l => l.Id == shipments[0].LocationId, ct);
            if (location.IsDisabled) throw new ConflictException("location.disabled", $"{location.Name} is disabled; no new lists are made there.");

            var list = new HandlingList
            {
                Number = number, LocationId = location.Id, IsOutbound = shipments[0].Direction == ShipmentDirection.Outbound,
                DueAt = command.DueAt, CreatedAt = now, CreatedBy = user.ActorName,
            };
            var given = chosen.Where(c => !string.IsNullOrWhiteSpace(c.Label)).Select(c => c.Label!.Trim().ToUpperInvariant()).ToHashSet();
            using var free = HandlingList.Labels().Where(l => !given.Contains(l)).GetEnumerator();
            foreach (var c in chosen)
            {
                var label = string.IsNullOrWhiteSpace(c.Label) ? Next(free) : c.Label.Trim().ToUpperInvariant();
                list.Shipments.Add(new HandlingListShipment { HandlingListId = list.Id, ShipmentId = c.Id, Label = label });
            }
            if (picker is { } p) list.Assign(p.Id, p.Name);
            db.HandlingLists.Add(list);
            await db.SaveChangesAsync(ct);

            var claimed = await db.Shipments.Where(s => ids.Contains(s.Id) && s.HandlingListId == null && s.CanceledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.HandlingListId, list.Id), ct);
            if (claimed != ids.Count)
                throw new ConflictException("shipment.already_listed", "Another list took some of these shipments meanwhile; choose them again.");
            foreach (var entry in list.Shipments)
                await db.ShipmentUnits.Where(u => u.ShipmentId == entry.ShipmentId && u.State == UnitState.Open).ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.State, UnitState.Listed).SetProperty(x => x.HandlingListId, list.Id).SetProperty(x => x.Label, entry.Label), ct);
            await ShipmentProgressStore.RefreshAsync(db, ids, now, ct);
            await HandlingListCounts.RefreshAsync(db, list.Id, ct);
            return list.Id;
        }, ct: ct);
        db.ChangeTracker.Clear();
        return await DetailsAsync(db, listId, ct);
    }

    private static string Next(IEnumerator<string> labels)
    {
        labels.MoveNext();
        return labels.Current;
    }

    private static async Task<List<ListShipment>> ChooseByRuleAsync(PortalDbContext db, HandlingListRule rule, CancellationToken ct)
    {
        if (!await db.Locations.AnyAsync(l => l.Id == rule.LocationId, ct)) throw DomainValidationException.For("rule.locationId", "There is no such location.");
        var open = db.Shipments.Where(s => s.LocationId == rule.LocationId && s.Status == ShipmentStatus.Open && s.HandlingListId == null
            && s.CanceledAt == null && s.Direction == ShipmentDirection.Outbound);
        if (rule.DueBy is { } due) open = open.Where(s => s.ShipAt <= due);
        if (rule.MethodId is { } method) open = open.Where(s => s.MethodId == method);
        var ids = await open.OrderBy(s => s.ShipAt).ThenBy(s => s.Number).Take(rule.Max).Select(s => s.Id).ToListAsync(ct);
        if (ids.Count == 0) throw new ConflictException("handling_list.empty", "No open shipment matches the rule; there is nothing to put on a list.");
        return [.. ids.Select(id => new ListShipment(id))];
    }

    /// <summary>
    /// A state action: Assign (staff, to any warehouse picker), Take (a picker, for themself; a list someone else has is
    /// theirs unless an Admin takes it), Unassign, Hold (with a reason) and Release, Finish (when every unit is handled or
    /// missing), Cancel (its units go back to unlisted; refused once any is boxed).
    /// </summary>
    public async Task<HandlingListDetails> ChangeStateAsync(Guid id, ChangeHandlingListState command, long version, CancellationToken ct = default)
    {
        user.Require(command.Action switch
        {
            HandlingListAction.Assign or HandlingListAction.Unassign or HandlingListAction.Cancel => Access.LogisticsPlan,
            HandlingListAction.Take or HandlingListAction.Finish => Access.LogisticsHandle,
            _ => Access.LogisticsWork,
        });
        await stateValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.InTransactionAsync(async ct =>
        {
            // The first write takes the lock a pick takes, so a state change and a pick on the list never interleave.
            if (await db.HandlingLists.Where(l => l.Id == id).ExecuteUpdateAsync(l => l.SetProperty(x => x.LastPickAt, x => x.LastPickAt), ct) == 0)
                throw new NotFoundException("Handling list", id);
            var list = await db.HandlingLists.FirstAsync(l => l.Id == id, ct);
            list.EnsureVersion(version, id);
            switch (command.Action)
            {
                case HandlingListAction.Assign:
                    var picker = await PickerAsync(db, command.PickerId!.Value, ct);
                    list.Assign(picker.Id, picker.Name);
                    break;
                case HandlingListAction.Take:
                    var me = user.StaffUserId() ?? throw new ForbiddenException("Only a signed-in person can take a list.");
                    if (list.PickerId is { } current && current != me && !user.IsInRole(Roles.Admin))
                        throw new ConflictException("handling_list.assigned_to_other", $"{list.NumberText} is assigned to {list.PickerName}.");
                    list.Assign(me, await PickerNameAsync(db, me, ct) ?? user.ActorName);
                    break;
                case HandlingListAction.Unassign: list.Unassign(); break;
                case HandlingListAction.Hold: list.Hold(command.Reason!); break;
                case HandlingListAction.Release: list.Release(); break;
                case HandlingListAction.Finish:
                    var left = await db.ShipmentUnits.CountAsync(u => u.HandlingListId == id && u.State == UnitState.Listed, ct);
                    list.Finish(left, now);
                    break;
                case HandlingListAction.Cancel:
                    await CancelAsync(db, list, command.Reason, now, ct);
                    break;
            }
            await db.SaveChangesAsync(ct);
        }, ct: ct);
        db.ChangeTracker.Clear();
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>Cancels the list and puts its units back to unlisted, picks voided (the totes go back to their positions).</summary>
    private static async Task CancelAsync(PortalDbContext db, HandlingList list, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.ShipmentUnits.AnyAsync(u => u.HandlingListId == list.Id && u.State != UnitState.Listed && u.State != UnitState.Handled && u.State != UnitState.Missing, ct))
            throw new ConflictException("handling_list.units_boxed", $"Units of {list.NumberText} are already packed; it can no longer be cancelled.");
        list.Cancel(reason, now);
        var shipmentIds = list.Shipments.Count > 0 ? list.Shipments.Select(s => s.ShipmentId).ToList()
            : await db.HandlingListShipments.Where(s => s.HandlingListId == list.Id).Select(s => s.ShipmentId).ToListAsync(ct);
        await db.ShipmentUnits.Where(u => u.HandlingListId == list.Id).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.State, UnitState.Open).SetProperty(x => x.HandlingListId, (Guid?)null).SetProperty(x => x.Label, (string?)null)
            .SetProperty(x => x.PickId, (Guid?)null).SetProperty(x => x.PickedPosition, (string?)null).SetProperty(x => x.LotNumber, (string?)null)
            .SetProperty(x => x.ExpiresAt, (DateTimeOffset?)null).SetProperty(x => x.HandledAt, (DateTimeOffset?)null)
            .SetProperty(x => x.HandledBy, (string?)null).SetProperty(x => x.MissingReason, (string?)null), ct);
        await db.Shipments.Where(s => s.HandlingListId == list.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.HandlingListId, (Guid?)null), ct);
        await ShipmentProgressStore.RefreshAsync(db, shipmentIds, now, ct);
        var (units, handled, missing) = await HandlingListCounts.RefreshAsync(db, list.Id, ct);
        (list.UnitCount, list.HandledCount, list.MissingCount) = (units, handled, missing);
    }

    /// <summary>A picker is an enabled staff user with the Warehouse (or Admin) role.</summary>
    private static async Task<(Guid Id, string Name)> PickerAsync(PortalDbContext db, Guid pickerId, CancellationToken ct)
    {
        var roles = Access.LogisticsHandle.Select(r => RoleIds.ByName[r]).ToArray();
        var picker = await db.Users.AsNoTracking()
            .Where(u => u.Id == pickerId && !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && roles.Contains(r.RoleId)))
            .Select(u => new { u.Id, Name = string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email : u.DisplayName }).FirstOrDefaultAsync(ct);
        return picker is null
            ? throw DomainValidationException.For("pickerId", "Choose an enabled staff user with the Warehouse role.")
            : (picker.Id, picker.Name!);
    }

    /// <summary>How a list shows its picker (board, My lists, messages): the staff user's name, or their email when they have none.</summary>
    internal static Task<string?> PickerNameAsync(PortalDbContext db, Guid userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email : u.DisplayName).FirstOrDefaultAsync(ct);

    /// <summary>The people a planner can assign a list to: enabled staff users with the Warehouse (or Admin) role, by email.</summary>
    public async Task<IReadOnlyList<PickerRow>> PickersAsync(CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var roles = Access.LogisticsHandle.Select(r => RoleIds.ByName[r]).ToArray();
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && roles.Contains(r.RoleId)))
            .OrderBy(u => u.Email).Select(u => new PickerRow(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);
    }

    internal static async Task<HandlingListDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var row = await db.HandlingLists.AsNoTracking().Where(l => l.Id == id).Select(RowOf(db)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Handling list", id);
        var list = await db.HandlingLists.AsNoTracking().Include(l => l.Shipments).SingleAsync(l => l.Id == id, ct);
        var shipmentIds = list.Shipments.Select(s => s.ShipmentId).ToList();
        var shipments = await db.Shipments.AsNoTracking().Where(s => shipmentIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Number, s.Status, s.UnitCount, s.HandledCount, s.MissingCount }).ToDictionaryAsync(s => s.Id, ct);
        var shipmentRows = list.Shipments.OrderBy(s => s.Label.Length).ThenBy(s => s.Label, StringComparer.Ordinal).Select(s =>
        {
            var x = shipments.GetValueOrDefault(s.ShipmentId);
            return new ListShipmentRow(s.ShipmentId, x is null ? "" : LogisticsNumber.Format(Shipment.NumberPrefix, x.Number), s.Label,
                x?.Status ?? ShipmentStatus.Open, x?.UnitCount ?? 0, x?.HandledCount ?? 0, x?.MissingCount ?? 0);
        }).ToList();
        var lines = await LinesAsync(db, list, ct);
        var picks = await db.HandlingListPicks.AsNoTracking().Where(p => p.HandlingListId == id).OrderByDescending(p => p.At).ThenByDescending(p => p.Id).Take(20)
            .Select(p => new PickRow(p.Id, p.Key, p.Sku, p.Position, p.UsedPosition, p.Quantity, p.IsMissing, p.Reason, p.LotNumber, p.ExpiresAt, p.At, p.By, p.UndoneAt))
            .ToListAsync(ct);
        var actions = Enum.GetValues<HandlingListAction>().Where(list.Can)
            .Where(a => a != HandlingListAction.Finish || row.LeftCount == 0)
            .Where(a => a != HandlingListAction.Unassign || list.PickerId is not null).ToList();
        return new HandlingListDetails(row, list.CancelReason, shipmentRows, lines, actions, picks);
    }

    /// <summary>The units of the list grouped by position and SKU, ordered by the positions' walk order, split by tote.</summary>
    internal static async Task<IReadOnlyList<PickLine>> LinesAsync(PortalDbContext db, HandlingList list, CancellationToken ct)
    {
        var units = await db.ShipmentUnits.AsNoTracking().Where(u => u.HandlingListId == list.Id)
            .Select(u => new { u.ShipmentId, u.LineId, u.Sku, u.Position, u.Label, u.State }).ToListAsync(ct);
        var lineIds = units.Select(u => u.LineId).Distinct().ToList();
        var descriptions = await db.ShipmentLines.AsNoTracking().Where(l => lineIds.Contains(l.Id)).Select(l => new { l.Sku, l.Description })
            .ToListAsync(ct);
        var descriptionOf = descriptions.Where(d => d.Description is not null).GroupBy(d => d.Sku).ToDictionary(g => g.Key, g => g.First().Description);
        var sorting = await WalkOrderAsync(db, list.LocationId, ct);
        return [.. units.GroupBy(u => (u.Position, u.Sku))
            .OrderBy(g => g.Key.Position is { } p && sorting.TryGetValue(p, out var s) ? s : int.MaxValue)
            .ThenBy(g => g.Key.Position, StringComparer.Ordinal).ThenBy(g => g.Key.Sku, StringComparer.Ordinal)
            .Select((g, i) => new PickLine(i + 1, g.Key.Position, g.Key.Sku, descriptionOf.GetValueOrDefault(g.Key.Sku), g.Count(),
                g.Count(u => u.State is not (UnitState.Listed or UnitState.Missing or UnitState.Open)), g.Count(u => u.State == UnitState.Missing),
                [.. g.GroupBy(u => (u.Label, u.ShipmentId)).OrderBy(t => t.Key.Label?.Length).ThenBy(t => t.Key.Label, StringComparer.Ordinal)
                    .Select(t => new PickTote(t.Key.Label ?? "", t.Key.ShipmentId, t.Count(),
                        t.Count(u => u.State is not (UnitState.Listed or UnitState.Missing or UnitState.Open)), t.Count(u => u.State == UnitState.Missing)))]))];
    }

    internal static Task<Dictionary<string, int>> WalkOrderAsync(PortalDbContext db, Guid locationId, CancellationToken ct) =>
        db.LocationPositions.AsNoTracking().Where(p => p.LocationId == locationId).ToDictionaryAsync(p => p.Code, p => p.Sorting, StringComparer.Ordinal, ct);
}
