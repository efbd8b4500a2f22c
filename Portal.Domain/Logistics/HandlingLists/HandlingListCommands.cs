using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

public sealed record HandlingListQuery : ListQuery
{
    public HandlingListState? State { get; init; }
    public Guid? LocationId { get; init; }
    public Guid? PickerId { get; init; }
    /// <summary>The picker's queue: lists assigned to the caller or to nobody, that can be picked now (not on hold, finished or cancelled).</summary>
    public bool? Mine { get; init; }
    /// <summary>Due before this time (exclusive).</summary>
    public DateTimeOffset? DueBefore { get; init; }
    /// <summary>Finished at or after this time (the board's "finished today").</summary>
    public DateTimeOffset? FinishedFrom { get; init; }
}

/// <summary>A person a list can be assigned to.</summary>
public sealed record PickerRow(Guid Id, string DisplayName, string Email);

/// <summary>
/// A new list: either the chosen <see cref="Shipments"/> (each with an optional tote label; A, B, C… are given to the
/// rest) or a <see cref="Rule"/> that chooses them.
/// </summary>
public sealed class CreateHandlingList
{
    public List<ListShipment>? Shipments { get; set; }
    public HandlingListRule? Rule { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>Assign it straight away to this picker (a staff user with the Warehouse role).</summary>
    public Guid? PickerId { get; set; }
}

public sealed record ListShipment(Guid Id, string? Label = null);

/// <summary>"Open shipments at location X due by D, at most N", oldest ship date first.</summary>
public sealed record HandlingListRule(Guid LocationId, DateTimeOffset? DueBy = null, int Max = 20, Guid? MethodId = null);

/// <summary>A state action (PUT /handling-lists/{id}/state): the action and what it needs.</summary>
public sealed class ChangeHandlingListState
{
    /// <summary>Required (a request without one is a 400 on <c>action</c>, not a default action).</summary>
    public HandlingListAction? Action { get; set; }
    /// <summary>Assign: the picker.</summary>
    public Guid? PickerId { get; set; }
    /// <summary>Hold: why (required). Cancel: why (optional).</summary>
    public string? Reason { get; set; }
    public long? Version { get; set; }
}

/// <summary>
/// One scan or tap of the pick screen (PUT /handling-lists/{id}/items): <see cref="Quantity"/> units of <see cref="Sku"/>
/// picked, or not found when <see cref="Missing"/>. <see cref="Key"/> is the client's idempotency key, the same on every
/// retry of the request.
/// </summary>
public sealed class RecordPick
{
    public string Key { get; set; } = "";
    public string Sku { get; set; } = "";
    public int Quantity { get; set; } = 1;
    /// <summary>The line's position (as scanned, or the line being worked); empty for the first line of the SKU in walk order.</summary>
    public string? Position { get; set; }
    /// <summary>The position actually picked from, when the picker overrode the planned one.</summary>
    public string? UsedPosition { get; set; }
    /// <summary>Only units of the shipment in this tote.</summary>
    public string? Label { get; set; }
    public bool Missing { get; set; }
    public string? Reason { get; set; }
    public string? LotNumber { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}

public sealed record HandlingListRow(
    Guid Id, string Number, Guid LocationId, string? LocationName, bool IsOutbound, HandlingListState State, string? HoldReason,
    Guid? PickerId, string? PickerName, DateTimeOffset? DueAt, int ShipmentCount, int UnitCount, int HandledCount, int MissingCount,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Version)
{
    public int LeftCount => UnitCount - HandledCount - MissingCount;
}

public sealed record ListShipmentRow(Guid ShipmentId, string Number, string Label, ShipmentStatus Status, int UnitCount, int HandledCount, int MissingCount);

/// <summary>How many of a line go into one tote, and how far that is.</summary>
public sealed record PickTote(string Label, Guid ShipmentId, int Quantity, int Handled, int Missing)
{
    public int Left => Quantity - Handled - Missing;
}

/// <summary>
/// A pick line: the units of one SKU at one position, in the walk's order (<see cref="Rank"/>, from the position's
/// <c>sorting</c>; a position the location does not know comes last), split by tote.
/// </summary>
public sealed record PickLine(
    int Rank, string? Position, string Sku, string? Description, int Quantity, int Handled, int Missing, IReadOnlyList<PickTote> Totes)
{
    public int Left => Quantity - Handled - Missing;
}

public sealed record PickRow(Guid Id, string Key, string Sku, string? Position, string? UsedPosition, int Quantity, bool IsMissing, string? Reason,
    string? LotNumber, DateTimeOffset? ExpiresAt, DateTimeOffset At, string By, DateTimeOffset? UndoneAt);

public sealed record HandlingListDetails(
    HandlingListRow List, string? CancelReason, IReadOnlyList<ListShipmentRow> Shipments, IReadOnlyList<PickLine> Lines,
    IReadOnlyList<HandlingListAction> AllowedActions, IReadOnlyList<PickRow> RecentPicks);

/// <summary>Where the units of one pick went: how many into which tote.</summary>
public sealed record PickAllocation(string Label, Guid ShipmentId, int Quantity);

/// <summary>
/// The answer to a pick, the same for every retry of its key (<see cref="Replayed"/> tells a retry): what was recorded,
/// into which totes, and where the list and the line stand after it.
/// </summary>
public sealed record PickResult(
    Guid PickId, string Key, string Sku, string? Position, int Quantity, bool Missing, IReadOnlyList<PickAllocation> Totes,
    int LineLeft, int ListUnits, int ListHandled, int ListMissing, HandlingListState State, bool Undone, bool Replayed)
{
    public int ListLeft => ListUnits - ListHandled - ListMissing;
}
