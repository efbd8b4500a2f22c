using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

/// <summary>A handling list's state; <see cref="HandlingList.LegalFrom"/> says which action may move it from which.</summary>
public enum HandlingListState { Open, Assigned, InProgress, OnHold, Finished, Cancelled }

public enum HandlingListAction { Assign, Take, Unassign, Hold, Release, Finish, Cancel }

/// <summary>
/// Shipments batched for one walk through a location: each shipment has a tote label (A, B, …, unique on the list) and its
/// units are picked line by line in walk order. <c>open → assigned → in progress ⇄ on hold → finished</c>, or
/// <c>cancelled</c> (its units go back to unlisted). A pick moves units, not the list: the list's <see cref="Version"/>
/// moves when staff change it and when its state changes, not with every unit picked, so a picker's scans never make a
/// planner's page stale.
/// </summary>
[HistoryReaders(Access.LogisticsReadRoles)]
public sealed class HandlingList : IVersioned
{
    public const string NumberPrefix = "HL";
    public const int LabelMaxLength = 8;
    public const int ReasonMaxLength = 500;
    public const int MaxShipments = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public long Number { get; set; }
    public Guid LocationId { get; init; }
    /// <summary>Outbound lists are picked; inbound lists sort received goods into positions.</summary>
    public bool IsOutbound { get; init; } = true;
    public HandlingListState State { get; private set; } = HandlingListState.Open;
    public HandlingListState? StateBeforeHold { get; private set; }
    public string? HoldReason { get; private set; }
    /// <summary>The staff user the list is assigned to (the spec's <c>sub</c>).</summary>
    public Guid? PickerId { get; private set; }
    public string? PickerName { get; private set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }
    [NotAudited] public int UnitCount { get; set; }
    [NotAudited] public int HandledCount { get; set; }
    [NotAudited] public int MissingCount { get; set; }
    [NotAudited] public DateTimeOffset? LastPickAt { get; set; }
    public List<HandlingListShipment> Shipments { get; init; } = [];
    public long Version { get; set; }

    public string NumberText => LogisticsNumber.Format(NumberPrefix, Number);

    /// <summary>The states a list can be picked in.</summary>
    public static readonly HandlingListState[] Pickable = [HandlingListState.Open, HandlingListState.Assigned, HandlingListState.InProgress];

    /// <summary>The states a list leaves for in progress with its first pick.</summary>
    public static readonly HandlingListState[] Starting = [HandlingListState.Open, HandlingListState.Assigned];

    /// <summary>The lifecycle in one table: which action may move the list from which state.</summary>
    private static readonly Dictionary<HandlingListAction, HandlingListState[]> LegalFrom = new()
    {
        [HandlingListAction.Assign] = [HandlingListState.Open, HandlingListState.Assigned, HandlingListState.InProgress, HandlingListState.OnHold],
        [HandlingListAction.Take] = [HandlingListState.Open, HandlingListState.Assigned, HandlingListState.InProgress, HandlingListState.OnHold],
        [HandlingListAction.Unassign] = [HandlingListState.Assigned, HandlingListState.InProgress, HandlingListState.OnHold],
        [HandlingListAction.Hold] = [HandlingListState.Open, HandlingListState.Assigned, HandlingListState.InProgress],
        [HandlingListAction.Release] = [HandlingListState.OnHold],
        [HandlingListAction.Finish] = [HandlingListState.Open, HandlingListState.Assigned, HandlingListState.InProgress],
        [HandlingListAction.Cancel] = [HandlingListState.Open, HandlingListState.Assigned, HandlingListState.InProgress, HandlingListState.OnHold],
    };

    public bool Can(HandlingListAction action) => LegalFrom[action].Contains(State);

    public void Assign(Guid pickerId, string pickerName)
    {
        EnsureLegal(HandlingListAction.Assign);
        PickerId = pickerId;
        PickerName = pickerName;
        if (State == HandlingListState.Open) State = HandlingListState.Assigned;
        if (StateBeforeHold == HandlingListState.Open) StateBeforeHold = HandlingListState.Assigned;
    }

    public void Unassign()
    {
        EnsureLegal(HandlingListAction.Unassign);
        if (PickerId is null) throw new ConflictException("handling_list.not_assigned", $"{NumberText} is not assigned to anyone.");
        PickerId = null;
        PickerName = null;
        if (State == HandlingListState.Assigned) State = HandlingListState.Open;
        if (StateBeforeHold == HandlingListState.Assigned) StateBeforeHold = HandlingListState.Open;
    }

    public void Hold(string reason)
    {
        EnsureLegal(HandlingListAction.Hold);
        StateBeforeHold = State;
        HoldReason = reason.Trim();
        State = HandlingListState.OnHold;
    }

    public void Release()
    {
        EnsureLegal(HandlingListAction.Release);
        State = StateBeforeHold ?? (PickerId is null ? HandlingListState.Open : HandlingListState.Assigned);
        StateBeforeHold = null;
        HoldReason = null;
    }

    /// <summary>The first pick starts the list (<see cref="PickService"/> does it in SQL; this is the same move for seeded lists).</summary>
    internal void Start(DateTimeOffset now)
    {
        if (State is HandlingListState.Open or HandlingListState.Assigned) State = HandlingListState.InProgress;
        StartedAt ??= now;
    }

    /// <summary>Only when every unit is handled or missing: the picker confirms the walk is done (nothing finishes a list by itself).</summary>
    public void Finish(int unitsLeft, DateTimeOffset now)
    {
        EnsureLegal(HandlingListAction.Finish);
        if (unitsLeft > 0)
            throw new ConflictException("handling_list.units_left", $"{unitsLeft} unit(s) of {NumberText} are still to be picked or marked missing.");
        State = HandlingListState.Finished;
        FinishedAt = now;
    }

    public void Cancel(string? reason, DateTimeOffset now)
    {
        EnsureLegal(HandlingListAction.Cancel);
        State = HandlingListState.Cancelled;
        CancelledAt = now;
        CancelReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        StateBeforeHold = null;
    }

    /// <summary>Why a list that cannot be picked cannot: finished, cancelled or on hold.</summary>
    public ConflictException NotPickable() => State switch
    {
        HandlingListState.Finished => new ConflictException("handling_list.finished", $"{NumberText} is finished; nothing more can be picked on it."),
        HandlingListState.Cancelled => new ConflictException("handling_list.cancelled", $"{NumberText} was cancelled; its units are no longer to be picked."),
        _ => new ConflictException("handling_list.on_hold", $"{NumberText} is on hold ({HoldReason}); release it to pick."),
    };

    private void EnsureLegal(HandlingListAction action)
    {
        if (LegalFrom[action].Contains(State)) return;
        if (State is HandlingListState.Finished or HandlingListState.Cancelled) throw NotPickable();
        throw new ConflictException(action switch
        {
            HandlingListAction.Release => "handling_list.not_on_hold",
            HandlingListAction.Hold => "handling_list.on_hold",
            _ => "handling_list.illegal_transition",
        }, $"{NumberText} cannot {action.ToString().ToLowerInvariant()} while {Describe(State)}.");
    }

    public static string Describe(HandlingListState state) => state switch
    {
        HandlingListState.InProgress => "in progress",
        HandlingListState.OnHold => "on hold",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>Tote labels in order: A … Z, AA, AB, …</summary>
    public static IEnumerable<string> Labels()
    {
        for (var n = 1; ; n++)
        {
            var label = "";
            for (var i = n; i > 0; i = (i - 1) / 26) label = (char)('A' + (i - 1) % 26) + label;
            yield return label;
        }
    }
}

/// <summary>A shipment on a list with its tote label.</summary>
[HistoryReaders(Access.LogisticsReadRoles)]
public sealed class HandlingListShipment : IAggregatePart
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid HandlingListId { get; init; }
    public Guid ShipmentId { get; init; }
    public required string Label { get; init; }
    Guid IFiledUnderAggregate.AggregateId => HandlingListId;
}

/// <summary>
/// One pick (or "not found") request as it was recorded: its idempotency key is unique on the list, so a retried request
/// finds it and gets the first answer back (<see cref="Answer"/>) instead of picking again. It is the audit record of
/// the units it moved (filed under the list's History).
/// </summary>
[HistoryReaders(Access.LogisticsReadRoles)]
public sealed class HandlingListPick : IFiledUnderAggregate
{
    public const int KeyMaxLength = 64;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid HandlingListId { get; init; }
    public required string Key { get; init; }
    public required string Sku { get; init; }
    public string? Position { get; init; }
    public string? UsedPosition { get; init; }
    public int Quantity { get; init; }
    public bool IsMissing { get; init; }
    public string? Reason { get; init; }
    public string? LotNumber { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset At { get; init; }
    public string? ById { get; init; }
    public required string By { get; init; }
    public DateTimeOffset? UndoneAt { get; set; }
    /// <summary>The answer the request got, as JSON, given again to a retry.</summary>
    [NotAudited] public string? Answer { get; set; }
    Guid IFiledUnderAggregate.AggregateId => HandlingListId;
}
