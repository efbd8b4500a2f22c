using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>
/// Recording picks and "not found" on a handling list, and undoing them: the pick screen's writes (Admin and Warehouse).
/// Safe under concurrency and retries: each request's idempotency key is unique on the list (a retry gets the first
/// answer back, <see cref="PickResult.Replayed"/>); every request takes the list's write lock first (a conditional
/// update of its row), so pickers on one list queue for a few milliseconds rather than interleave; and units are
/// claimed with an update conditional on their state, so a unit is never picked twice and a pick is never lost.
/// </summary>
public sealed class PickService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock, IValidator<RecordPick> validator)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PickResult> RecordAsync(Guid listId, RecordPick command, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsHandle);
        await validator.ValidateOrThrowAsync(command, ct);
        var key = command.Key.Trim();
        SemaphoreSlim gate;
        await using (var read = await dbs.CreateDbContextAsync(ct))
        {
            if (await ReplayAsync(read, listId, key, command, ct) is { } replay) return replay;
            // Picks on one list (on SQLite: every pick) queue here before they queue in the database (StoreWriteGates).
            // Outside the transaction: the store may run that more than once (PostgreSQL's retries), the gate is taken once.
            gate = StoreWriteGates.For(read, listId);
        }
        await gate.WaitAsync(ct);
        try
        {
            return await RecordOnceAsync(listId, key, command, ct);
        }
        catch (DbUpdateException)
        {
            // The key's unique index refused a second row: the same request won elsewhere. Its answer is the answer.
            await using var read = await dbs.CreateDbContextAsync(ct);
            return await ReplayAsync(read, listId, key, command, ct) ?? throw new InvalidOperationException("A pick failed to save and no pick holds its key.");
        }
        catch (ConflictException)
        {
            // A retry that waited behind its own first attempt finds nothing left to pick: the first attempt's answer.
            await using var read = await dbs.CreateDbContextAsync(ct);
            if (await ReplayAsync(read, listId, key, command, ct) is { } replay) return replay;
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<PickResult> RecordOnceAsync(Guid listId, string key, RecordPick command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.InTransactionAsync(ct => RecordInTransactionAsync(db, listId, key, command, now, ct), ct: ct);
    }

    /// <summary>One attempt at a pick, from an empty change tracker; it writes nothing outside the database.</summary>
    private async Task<PickResult> RecordInTransactionAsync(PortalDbContext db, Guid listId, string key, RecordPick command, DateTimeOffset now, CancellationToken ct)
    {
        // The list moves first, by exactly this pick (its write lock; anything refused below takes it back): a retry
        // that waited behind its own first attempt fails on the key's unique index or finds nothing left, and answers
        // the first attempt's answer (RecordAsync).
        var (handled, missing) = command.Missing ? (0, command.Quantity) : (command.Quantity, 0);
        var list = await CountPickAsync(db, listId, handled, missing, now, ct);

        var sku = ShipmentLine.NormalizeSku(command.Sku);
        var position = string.IsNullOrWhiteSpace(command.Position) ? null : LocationPosition.Normalize(command.Position);
        var label = string.IsNullOrWhiteSpace(command.Label) ? null : command.Label.Trim().ToUpperInvariant();
        // The walk (every position of the location) is read only when this pick needs it: a scan names its line's
        // position, so the usual pick does without it.
        IReadOnlyDictionary<string, int>? walkOrder = null;
        async Task<IReadOnlyDictionary<string, int>> WalkAsync() => walkOrder ??= await HandlingListService.WalkOrderAsync(db, list.LocationId, ct);
        var usedPosition = string.IsNullOrWhiteSpace(command.UsedPosition) ? null : LocationPosition.Normalize(command.UsedPosition);
        if (usedPosition is not null && !(await WalkAsync()).ContainsKey(usedPosition))
            throw DomainValidationException.For("usedPosition", $"There is no position {usedPosition} at this location.");

        var ofSku = await db.ShipmentUnits.AsNoTracking().Where(u => u.HandlingListId == listId && u.Sku == sku)
            .Select(u => new { u.Id, u.ShipmentId, u.Position, u.Label, u.State }).ToListAsync(ct);
        if (ofSku.Count == 0) throw await WrongSkuAsync(db, list, sku, await WalkAsync(), ct);
        var walk = position is null ? await WalkAsync() : null;
        var line = position ?? ofSku.Where(u => u.State == UnitState.Listed).Select(u => u.Position)
            .OrderBy(p => p is not null && walk!.TryGetValue(p, out var s) ? s : int.MaxValue).ThenBy(p => p, StringComparer.Ordinal).FirstOrDefault();
        var atLine = ofSku.Where(u => u.Position == line).ToList();
        if (position is not null && atLine.Count == 0)
            throw new ConflictException("handling_list.wrong_position",
                $"{sku} is not picked at {position} on this list; it is at {string.Join(", ", ofSku.Select(u => u.Position ?? "(no position)").Distinct())}.");
        var candidates = atLine.Where(u => u.State == UnitState.Listed && (label is null || u.Label == label))
            .OrderBy(u => u.Label?.Length).ThenBy(u => u.Label, StringComparer.Ordinal).ThenBy(u => u.Id).ToList();
        if (candidates.Count == 0)
            throw new ConflictException("handling_list.nothing_left", $"Every {sku}{At(line)}{(label is null ? "" : $" for tote {label}")} is already picked or marked missing.");
        if (candidates.Count < command.Quantity)
            throw new ConflictException("handling_list.quantity_above_left", $"Only {candidates.Count} of {sku} left to pick{At(line)}; you entered {command.Quantity}.");

        var pick = new HandlingListPick
        {
            HandlingListId = listId, Key = key, Sku = sku, Position = line, UsedPosition = usedPosition, Quantity = command.Quantity,
            IsMissing = command.Missing, Reason = command.Missing ? (string.IsNullOrWhiteSpace(command.Reason) ? "Not found" : command.Reason.Trim()) : null,
            LotNumber = string.IsNullOrWhiteSpace(command.LotNumber) ? null : command.LotNumber.Trim(), ExpiresAt = command.ExpiresAt,
            At = now, ById = user.Id, By = user.ActorName,
        };
        var chosen = candidates.Take(command.Quantity).ToList();
        var chosenIds = chosen.Select(u => u.Id).ToList();
        var claimed = await db.ShipmentUnits.Where(u => chosenIds.Contains(u.Id) && u.State == UnitState.Listed && u.HandlingListId == listId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(x => x.State, command.Missing ? UnitState.Missing : UnitState.Handled)
                .SetProperty(x => x.PickId, pick.Id)
                .SetProperty(x => x.PickedPosition, usedPosition ?? line)
                .SetProperty(x => x.LotNumber, pick.LotNumber)
                .SetProperty(x => x.ExpiresAt, pick.ExpiresAt)
                .SetProperty(x => x.HandledAt, now)
                .SetProperty(x => x.HandledBy, pick.By)
                .SetProperty(x => x.MissingReason, pick.Reason), ct);
        if (claimed != chosenIds.Count)
            throw new ConflictException("handling_list.pick_raced", "Some of these units were picked by someone else at the same moment; scan again.");

        await ShipmentProgressStore.RefreshAsync(db, [.. chosen.Select(u => u.ShipmentId).Distinct()], now, ct);
        var result = new PickResult(pick.Id, key, sku, line, command.Quantity, command.Missing,
            [.. chosen.GroupBy(u => (u.Label, u.ShipmentId)).Select(g => new PickAllocation(g.Key.Label ?? "", g.Key.ShipmentId, g.Count()))],
            atLine.Count(u => u.State == UnitState.Listed) - command.Quantity, list.UnitCount, list.HandledCount, list.MissingCount,
            list.State, Undone: false, Replayed: false);
        // The key's row last, with its answer: a duplicate key fails here and takes the whole pick back with it.
        pick.Answer = JsonSerializer.Serialize(result, Json);
        db.HandlingListPicks.Add(pick);
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// Undoes the pick made with <paramref name="key"/>: its units go back to be picked. Undoing it again answers the
    /// same (a retry is harmless); a pick whose units are already packed is kept (409 <c>handling_list.pick_boxed</c>).
    /// </summary>
    public async Task<PickResult> UndoAsync(Guid listId, string key, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsHandle);
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.InTransactionAsync(ct => UndoInTransactionAsync(db, listId, key, now, ct), ct: ct);
    }

    /// <summary>One attempt at an undo, from an empty change tracker.</summary>
    private static async Task<PickResult> UndoInTransactionAsync(PortalDbContext db, Guid listId, string key, DateTimeOffset now, CancellationToken ct)
    {
        await LockPickableAsync(db, listId, now, ct);
        var pick = await db.HandlingListPicks.FirstOrDefaultAsync(p => p.HandlingListId == listId && p.Key == key.Trim(), ct)
            ?? throw new NotFoundException("Pick", key);
        if (pick.UndoneAt is null)
        {
            if (await db.ShipmentUnits.AnyAsync(u => u.PickId == pick.Id && u.State != UnitState.Handled && u.State != UnitState.Missing, ct))
                throw new ConflictException("handling_list.pick_boxed", "Units of this pick are already packed; take them out of the parcel first.");
            var shipmentIds = await db.ShipmentUnits.Where(u => u.PickId == pick.Id).Select(u => u.ShipmentId).Distinct().ToListAsync(ct);
            await db.ShipmentUnits.Where(u => u.PickId == pick.Id).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.State, UnitState.Listed).SetProperty(x => x.PickId, (Guid?)null).SetProperty(x => x.PickedPosition, (string?)null)
                .SetProperty(x => x.LotNumber, (string?)null).SetProperty(x => x.ExpiresAt, (DateTimeOffset?)null)
                .SetProperty(x => x.HandledAt, (DateTimeOffset?)null).SetProperty(x => x.HandledBy, (string?)null)
                .SetProperty(x => x.MissingReason, (string?)null), ct);
            pick.UndoneAt = now;
            await db.SaveChangesAsync(ct);
            await ShipmentProgressStore.RefreshAsync(db, shipmentIds, now, ct);
            await HandlingListCounts.RefreshAsync(db, listId, ct);
        }
        var list = await db.HandlingLists.AsNoTracking().SingleAsync(l => l.Id == listId, ct);
        var lineLeft = await db.ShipmentUnits.CountAsync(u => u.HandlingListId == listId && u.Sku == pick.Sku && u.Position == pick.Position && u.State == UnitState.Listed, ct);
        return new PickResult(pick.Id, pick.Key, pick.Sku, pick.Position, pick.Quantity, pick.IsMissing, [], lineLeft,
            list.UnitCount, list.HandledCount, list.MissingCount, list.State, Undone: true, Replayed: false);
    }

    /// <summary>Undoes the caller's latest pick on the list that is not undone yet (the pick screen's "undo").</summary>
    public async Task<PickResult> UndoLastAsync(Guid listId, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsHandle);
        string? key;
        await using (var db = await dbs.CreateDbContextAsync(ct))
            key = await db.HandlingListPicks.Where(p => p.HandlingListId == listId && p.ById == user.Id && p.UndoneAt == null)
                .OrderByDescending(p => p.At).ThenByDescending(p => p.Id).Select(p => p.Key).FirstOrDefaultAsync(ct);
        return key is null
            ? throw new ConflictException("handling_list.nothing_to_undo", "You have no pick on this list to undo.")
            : await UndoAsync(listId, key, ct);
    }

    /// <summary>The list's write lock (a conditional update of its row, the transaction's first write), or why it cannot be picked.</summary>
    private static async Task<HandlingList> LockPickableAsync(PortalDbContext db, Guid listId, DateTimeOffset now, CancellationToken ct)
    {
        var locked = await db.HandlingLists.Where(l => l.Id == listId && HandlingList.Pickable.Contains(l.State))
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.LastPickAt, now), ct);
        var list = await db.HandlingLists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == listId, ct) ?? throw new NotFoundException("Handling list", listId);
        if (locked == 0) throw list.NotPickable();
        return list;
    }

    /// <summary>
    /// The list's write lock and its counts moved by one pick, in one conditional update of its row (the transaction's
    /// first write), then the list as it is now; or why it cannot be picked. The pick that starts a list moves it to
    /// in progress (and, on an unassigned list, makes the picker its picker, named from their staff record), which
    /// moves its version once; later picks move no version.
    /// </summary>
    private async Task<HandlingList> CountPickAsync(PortalDbContext db, Guid listId, int handled, int missing, DateTimeOffset now, CancellationToken ct)
    {
        var me = user.StaffUserId();
        var by = user.ActorName;
        var locked = await db.HandlingLists.Where(l => l.Id == listId && HandlingList.Pickable.Contains(l.State))
            .ExecuteUpdateAsync(l =>
            {
                l.SetProperty(x => x.LastPickAt, now)
                    .SetProperty(x => x.HandledCount, x => x.HandledCount + handled).SetProperty(x => x.MissingCount, x => x.MissingCount + missing)
                    .SetProperty(x => x.StartedAt, x => x.StartedAt ?? now)
                    .SetProperty(x => x.State, x => HandlingList.Starting.Contains(x.State) ? HandlingListState.InProgress : x.State)
                    .SetProperty(x => x.Version, x => HandlingList.Starting.Contains(x.State) ? x.Version + 1 : x.Version);
                // Every SET reads the row as it was, so these see the list before this pick started it.
                if (me is { } myId)
                    l.SetProperty(x => x.PickerId, x => HandlingList.Starting.Contains(x.State) ? x.PickerId ?? myId : x.PickerId)
                        .SetProperty(x => x.PickerName, x => HandlingList.Starting.Contains(x.State) && x.PickerId == null
                            ? db.Users.Where(u => u.Id == myId).Select(u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email : u.DisplayName).FirstOrDefault() ?? by
                            : x.PickerName);
            }, ct);
        var list = await db.HandlingLists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == listId, ct) ?? throw new NotFoundException("Handling list", listId);
        if (locked == 0) throw list.NotPickable();
        return list;
    }

    private async Task<PickResult?> ReplayAsync(PortalDbContext db, Guid listId, string key, RecordPick command, CancellationToken ct)
    {
        var earlier = await db.HandlingListPicks.AsNoTracking().Where(p => p.HandlingListId == listId && p.Key == key)
            .Select(p => new { p.Sku, p.Quantity, p.IsMissing, p.Answer }).FirstOrDefaultAsync(ct);
        if (earlier is null) return null;
        if (earlier.Sku != ShipmentLine.NormalizeSku(command.Sku) || earlier.Quantity != command.Quantity || earlier.IsMissing != command.Missing)
            throw new ConflictException("handling_list.key_reused", $"The key {key} was used for another pick on this list; send a new key for a new pick.");
        if (earlier.Answer is null) return null;
        return JsonSerializer.Deserialize<PickResult>(earlier.Answer, Json)! with { Replayed = true };
    }

    /// <summary>A SKU that is not on the list: says what the walk expects next, so the picker can correct the scan.</summary>
    private static async Task<ConflictException> WrongSkuAsync(PortalDbContext db, HandlingList list, string sku, IReadOnlyDictionary<string, int> walk, CancellationToken ct)
    {
        var left = await db.ShipmentUnits.AsNoTracking().Where(u => u.HandlingListId == list.Id && u.State == UnitState.Listed)
            .Select(u => new { u.Sku, u.Position }).Distinct().ToListAsync(ct);
        var next = left.OrderBy(u => u.Position is not null && walk.TryGetValue(u.Position, out var s) ? s : int.MaxValue)
            .ThenBy(u => u.Position, StringComparer.Ordinal).ThenBy(u => u.Sku, StringComparer.Ordinal).FirstOrDefault();
        return new ConflictException("handling_list.sku_not_on_list", next is null
            ? $"{sku} is not on {list.NumberText}, and nothing is left to pick on it."
            : $"{sku} is not on {list.NumberText}. Expected {next.Sku}{At(next.Position)}.");
    }

    private static string At(string? position) => position is null ? "" : $" at {position}";
}
