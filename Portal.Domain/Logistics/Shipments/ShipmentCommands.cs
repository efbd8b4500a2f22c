using Portal.Domain.Common;

namespace Portal.Domain.Logistics;

/// <summary>The shipments list's filter: one record for the API, the list page's address and the CSV export.</summary>
public sealed record ShipmentQuery : ListQuery
{
    public ShipmentStatus? Status { get; init; }
    public ShipmentType? Type { get; init; }
    public ShipmentDirection? Direction { get; init; }
    public Guid? MethodId { get; init; }
    public Guid? LocationId { get; init; }
    public Guid? OrganisationId { get; init; }
    public Guid? HandlingListId { get; init; }
    /// <summary>Ship date from (inclusive).</summary>
    public DateTimeOffset? ShipFrom { get; init; }
    /// <summary>Ship date before (exclusive).</summary>
    public DateTimeOffset? ShipTo { get; init; }
    /// <summary>Only shipments with (true) or without (false) a warning.</summary>
    public bool? Warning { get; init; }
}

/// <summary>One end of a shipment: an address, one of Portal's locations, or a carrier's service point (with its address).</summary>
public sealed class PartyFields : IPostalAddress
{
    public PartyKind Kind { get; set; }
    public Guid? LocationId { get; set; }
    /// <summary>The carrier's reference of the service point (ServicePoint only).</summary>
    public string? ServicePoint { get; set; }
    public string? Name { get; set; }
    public string Line1 { get; set; } = "";
    public string? Line2 { get; set; }
    public string City { get; set; } = "";
    public string? Region { get; set; }
    public string Postcode { get; set; } = "";
    public string CountryCode { get; set; } = "";
}

public sealed record PartyRow(
    PartyKind Kind, Guid? LocationId, string? LocationName, string? ServicePoint, string? Name, string? Line1, string? Line2, string? City,
    string? Region, string? Postcode, string? CountryCode);

public sealed class ShipmentLineFields
{
    public string Sku { get; set; } = "";
    public string? Description { get; set; }
    public int Quantity { get; set; }
    /// <summary>Where to pick it; when empty, the SKU's default position at the location (if it has one).</summary>
    public string? Position { get; set; }
}

/// <summary>The header staff can edit until the shipment is in transit.</summary>
public class ShipmentHeaderFields
{
    public PartyFields From { get; set; } = new();
    public PartyFields To { get; set; } = new();
    public Guid? MethodId { get; set; }
    public string? OrderReference { get; set; }
    public Guid? OrganisationId { get; set; }
    public DateTimeOffset? ShipAt { get; set; }
    public DateTimeOffset? ExpectedAt { get; set; }
}

public sealed class CreateShipment : ShipmentHeaderFields
{
    public ShipmentType Type { get; set; } = ShipmentType.Delivery;
    public ShipmentDirection Direction { get; set; } = ShipmentDirection.Outbound;
    public Guid LocationId { get; set; }
    public List<ShipmentLineFields> Lines { get; set; } = [];
}

public sealed class UpdateShipment : ShipmentHeaderFields;

public sealed class CancelShipment
{
    public string? Reason { get; set; }
}

/// <summary>Marks units missing (not found) or clears the mark; by unit id.</summary>
public sealed class SetUnitsMissing
{
    public List<Guid> UnitIds { get; set; } = [];
    public bool Missing { get; set; } = true;
    public string? Reason { get; set; }
}

public sealed record ShipmentRow(
    Guid Id, string Number, ShipmentType Type, ShipmentDirection Direction, ShipmentStatus Status, ShipmentWarnings Warnings, bool IsComplete,
    Guid LocationId, string? LocationName, Guid? MethodId, string? MethodName, string? OrderReference, Guid? OrganisationId,
    string? OrganisationName, string? ToName, string? ToCity, string? ToCountryCode, DateTimeOffset? ShipAt, DateTimeOffset? ExpectedAt,
    int ExpectedUnits, int UnitCount, int HandledCount, int MissingCount, int BoxedCount, Guid? HandlingListId, DateTimeOffset CreatedAt,
    long Version);

public sealed record ShipmentLineRow(
    Guid Id, int LineNo, string Sku, string? Description, int Quantity, string? Position,
    int Listed, int Handled, int Missing, int Boxed, int InTransit, int Finished);

public sealed record ShipmentUnitRow(
    Guid Id, Guid LineId, string Sku, string? Position, UnitState State, bool IsOverage, Guid? HandlingListId, string? Label,
    string? PickedPosition, string? LotNumber, DateTimeOffset? ExpiresAt, DateTimeOffset? HandledAt, string? HandledBy,
    string? MissingReason, Guid? ParcelId, DateTimeOffset? BoxedAt, Guid? BackorderId);

public enum ShipmentAction { Edit, Cancel, MarkMissing, Backorder }

/// <summary>Another shipment named on this one's page: the one it is a backorder of, or a backorder of it.</summary>
public sealed record ShipmentLink(Guid Id, string Number, ShipmentStatus Status, int UnitCount);

public sealed record ShipmentDetails(
    ShipmentRow Shipment, PartyRow From, PartyRow To, DateTimeOffset? CanceledAt, string? CancelReason,
    IReadOnlyList<ShipmentLineRow> Lines, IReadOnlyList<ShipmentUnitRow> Units, IReadOnlyList<ShipmentAction> AllowedActions,
    ShipmentLink? BackorderOf, IReadOnlyList<ShipmentLink> Backorders);
