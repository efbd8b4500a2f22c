using Portal.Domain.Logistics;

namespace Portal.Features.Logistics;

/// <summary>One step in a shipment's timeline: how many units did what, by whom and when.</summary>
public sealed record TimelineEntry(DateTimeOffset? At, string What, int Units, string? Who, string? Detail);

/// <summary>
/// A shipment's units told as a timeline: listed, handled, missing, boxed, in transit, finished. Units that moved
/// together (same step, person, minute and detail) are one entry, so a pick of five is one line, not five.
/// </summary>
public static class ShipmentTimeline
{
    public static IReadOnlyList<TimelineEntry> Of(ShipmentDetails shipment, HandlingListRow? list, IReadOnlyList<ParcelRow> parcels)
    {
        var parcelsById = parcels.ToDictionary(p => p.Id);
        var steps = new List<(DateTimeOffset? At, string What, string? Who, string? Detail)>();
        foreach (var unit in shipment.Units)
        {
            if (unit.State == UnitState.Open) continue;
            if (unit.HandlingListId is not null)
                steps.Add((list?.CreatedAt, "Listed", null, list is null ? $"tote {unit.Label}" : $"{list.Number}, tote {unit.Label}"));
            if (unit.State == UnitState.Missing)
            {
                steps.Add((unit.HandledAt, "Missing", unit.HandledBy, unit.MissingReason));
                continue;
            }
            if (unit.HandledAt is { } handled)
                steps.Add((handled, "Handled", unit.HandledBy, unit.PickedPosition is { } p && p != unit.Position ? $"from {p}" : unit.Position is { } at ? $"at {at}" : null));
            var parcel = unit.ParcelId is { } pid && parcelsById.TryGetValue(pid, out var found) ? found : null;
            if (unit.BoxedAt is { } boxed) steps.Add((boxed, "Boxed", null, parcel?.Name));
            if (unit.State is UnitState.InTransit or UnitState.Finished) steps.Add((parcel?.InTransitAt, "In transit", null, parcel?.TrackingCode ?? parcel?.Name));
            if (unit.State == UnitState.Finished) steps.Add((parcel?.FinishedAt, "Finished", null, parcel?.Name));
        }
        var entries = steps
            .GroupBy(s => (At: s.At is { } t ? new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, t.Offset) : (DateTimeOffset?)null, s.What, s.Who, s.Detail))
            .Select(g => new TimelineEntry(g.Min(s => s.At), g.Key.What, g.Count(), g.Key.Who, g.Key.Detail))
            .OrderBy(e => e.At ?? DateTimeOffset.MaxValue).ThenBy(e => Order(e.What))
            .ToList();
        if (shipment.CanceledAt is { } canceled)
            entries.Add(new TimelineEntry(canceled, "Canceled", shipment.Units.Count, null, shipment.CancelReason));
        return entries;
    }

    private static int Order(string what) => what switch
    {
        "Listed" => 0, "Handled" => 1, "Missing" => 2, "Boxed" => 3, "In transit" => 4, _ => 5,
    };
}
