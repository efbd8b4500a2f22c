using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

public enum ShipmentType { Delivery, Collect, Internal }

public enum ShipmentDirection { Outbound, Inbound }

/// <summary>A shipment's status, derived from its units by <see cref="ShipmentStatusRule"/>; listed in the rule's precedence, lowest first.</summary>
public enum ShipmentStatus { Open, Listed, Picked, Packed, InTransit, Finished, Canceled }

/// <summary>What a status alone does not tell (spec §3.3).</summary>
[Flags]
public enum ShipmentWarnings
{
    None = 0,
    /// <summary>Units are boxed while others (not missing) are not yet.</summary>
    IncompleteAfterBoxing = 1,
    /// <summary>More units than the lines expect (overage).</summary>
    OverComplete = 2,
    /// <summary>Units marked missing.</summary>
    MissingUnits = 4,
}

/// <summary>What the sender or receiver end of a shipment is.</summary>
public enum PartyKind { Address, Location, ServicePoint }

/// <summary>
/// Goods moving from one place to another: to a customer (delivery), picked up by them (collect) or between locations
/// (internal); outbound from or inbound to its fulfilment <see cref="LocationId"/>. Every unit of every line is a row
/// (<see cref="ShipmentUnit"/>) that moves through listed → handled → boxed → in transit → finished, or missing. The
/// shipment's <see cref="Status"/> and <see cref="Warnings"/> are stored, so a list filters on an index, and kept by
/// the one rule (<see cref="ShipmentStatusRule"/>) every time its units change (<see cref="ShipmentProgressStore"/>).
/// Unit progress does not move <see cref="Version"/>: the version guards what staff edit, not the warehouse's work.
/// </summary>
[HistoryReaders(Access.LogisticsReadRoles)]
public sealed class Shipment : IVersioned
{
    public const string NumberPrefix = "SH";
    public const int ReferenceMaxLength = 64;
    public const int NameMaxLength = 120;
    public const int ServicePointMaxLength = 64;
    public const int ReasonMaxLength = 500;
    public const int MaxLines = 500;
    public const int MaxUnits = 10_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public long Number { get; set; }
    public ShipmentType Type { get; init; }
    public ShipmentDirection Direction { get; init; }
    /// <summary>The fulfilment location its units are picked at (outbound) or received at (inbound).</summary>
    public Guid LocationId { get; init; }

    public PartyKind FromKind { get; set; }
    public Guid? FromLocationId { get; set; }
    public string? FromServicePoint { get; set; }
    public string? FromName { get; set; }
    public string? FromLine1 { get; set; }
    public string? FromLine2 { get; set; }
    public string? FromCity { get; set; }
    public string? FromRegion { get; set; }
    public string? FromPostcode { get; set; }
    public string? FromCountryCode { get; set; }

    public PartyKind ToKind { get; set; }
    public Guid? ToLocationId { get; set; }
    public string? ToServicePoint { get; set; }
    public string? ToName { get; set; }
    public string? ToLine1 { get; set; }
    public string? ToLine2 { get; set; }
    public string? ToCity { get; set; }
    public string? ToRegion { get; set; }
    public string? ToPostcode { get; set; }
    public string? ToCountryCode { get; set; }

    public Guid? MethodId { get; set; }
    public string? OrderReference { get; set; }
    public Guid? OrganisationId { get; set; }
    public DateTimeOffset? ShipAt { get; set; }
    public DateTimeOffset? ExpectedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The sum of the lines' quantities: what the shipment expects.</summary>
    public int ExpectedUnits { get; set; }
    [NotAudited] public ShipmentStatus Status { get; set; }
    [NotAudited] public ShipmentWarnings Warnings { get; set; }
    /// <summary>
    /// <see cref="Warnings"/> is not None, stored so "with a warning" is an equality on an index (HasWarning, Number):
    /// a range on the flags made the planner walk the whole number index looking for the few that have one.
    /// </summary>
    [NotAudited] public bool HasWarning { get; set; }
    /// <summary>Every unit is boxed (or further) or accounted for as missing.</summary>
    [NotAudited] public bool IsComplete { get; set; }
    [NotAudited] public int UnitCount { get; set; }
    [NotAudited] public int HandledCount { get; set; }
    [NotAudited] public int MissingCount { get; set; }
    [NotAudited] public int BoxedCount { get; set; }
    /// <summary>The handling list its units are on, while they are on one (a shipment is on one list at a time).</summary>
    [NotAudited] public Guid? HandlingListId { get; set; }
    [NotAudited] public DateTimeOffset? ProgressAt { get; set; }

    public DateTimeOffset? CanceledAt { get; set; }
    public string? CancelReason { get; set; }
    /// <summary>The shipment whose missing units this one sends again, when it is a backorder.</summary>
    public Guid? BackorderOfId { get; init; }
    public List<ShipmentLine> Lines { get; init; } = [];
    public List<ShipmentUnit> Units { get; init; } = [];
    public long Version { get; set; }

    public string NumberText => LogisticsNumber.Format(NumberPrefix, Number);

    /// <summary>Staff may change its header (method, addressing, dates, references) until it is in transit.</summary>
    public bool IsEditable => Status is not (ShipmentStatus.Canceled or ShipmentStatus.InTransit or ShipmentStatus.Finished);

    public void EnsureEditable()
    {
        if (Status == ShipmentStatus.Canceled) throw new ConflictException("shipment.canceled", $"{NumberText} is canceled and can no longer be changed.");
        if (Status is ShipmentStatus.InTransit or ShipmentStatus.Finished)
            throw new ConflictException("shipment.in_transit", $"{NumberText} is {Describe(Status)}; it can no longer be changed.");
    }

    public static string Describe(ShipmentStatus status) => status switch
    {
        ShipmentStatus.InTransit => "in transit",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>A SKU and how many of it, where it is normally picked; each of its units is a <see cref="ShipmentUnit"/>.</summary>
[HistoryReaders(Access.LogisticsReadRoles)]
public sealed class ShipmentLine : IAggregatePart
{
    public const int SkuMaxLength = 64;
    public const int DescriptionMaxLength = 200;
    public const int MaxQuantity = 10_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ShipmentId { get; init; }
    public int LineNo { get; init; }
    public required string Sku { get; init; }
    public string? Description { get; init; }
    public int Quantity { get; init; }
    public string? Position { get; set; }
    Guid IFiledUnderAggregate.AggregateId => ShipmentId;

    /// <summary>SKUs compare as scanned: trimmed, upper case.</summary>
    public static string NormalizeSku(string sku) => sku.Trim().ToUpperInvariant();
}

/// <summary>Where one unit is in its journey (spec §3.2). <see cref="Missing"/> stands beside the others: a unit not found.</summary>
public enum UnitState { Open, Listed, Handled, Boxed, InTransit, Finished, Missing }

/// <summary>
/// One unit of a shipment line. Its state changes by conditional updates (a unit is claimed only from the state it is
/// expected in), so two pickers or a retried request never move it twice. Not audited row by row: the pick, the parcel
/// and the shipment record who did what.
/// </summary>
[NotAudited]
public sealed class ShipmentUnit
{
    public const int LotMaxLength = 64;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ShipmentId { get; init; }
    public Guid LineId { get; init; }
    public Guid LocationId { get; init; }
    public required string Sku { get; init; }
    public string? Position { get; set; }
    /// <summary>A unit beyond what the lines expect (found, or received extra).</summary>
    public bool IsOverage { get; init; }
    public UnitState State { get; set; }
    public Guid? HandlingListId { get; set; }
    /// <summary>The tote or slot of its shipment on the list (A, B, …).</summary>
    public string? Label { get; set; }
    public Guid? PickId { get; set; }
    public string? PickedPosition { get; set; }
    public string? LotNumber { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public string? HandledBy { get; set; }
    public string? MissingReason { get; set; }
    public Guid? ParcelId { get; set; }
    public DateTimeOffset? BoxedAt { get; set; }
    /// <summary>A missing unit sent again: the backorder shipment that carries it now (it stays missing here).</summary>
    public Guid? BackorderId { get; set; }
}
