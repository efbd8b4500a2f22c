namespace Portal.Domain.Logistics;

/// <summary>How many units of a shipment are in each state, and how many its lines expect.</summary>
public readonly record struct UnitCounts(
    int Expected, int Open = 0, int Listed = 0, int Handled = 0, int Boxed = 0, int InTransit = 0, int Finished = 0, int Missing = 0)
{
    public int Total => Open + Listed + Handled + Boxed + InTransit + Finished + Missing;

    public static UnitCounts Of(int expected, IEnumerable<UnitState> states) =>
        states.Aggregate(new UnitCounts(expected), (c, s) => c.With(s, 1));

    public UnitCounts With(UnitState state, int count) => state switch
    {
        UnitState.Open => this with { Open = Open + count },
        UnitState.Listed => this with { Listed = Listed + count },
        UnitState.Handled => this with { Handled = Handled + count },
        UnitState.Boxed => this with { Boxed = Boxed + count },
        UnitState.InTransit => this with { InTransit = InTransit + count },
        UnitState.Finished => this with { Finished = Finished + count },
        UnitState.Missing => this with { Missing = Missing + count },
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}

/// <summary>A shipment's derived status and what it warns about.</summary>
public sealed record ShipmentProgress(ShipmentStatus Status, ShipmentWarnings Warnings, bool IsComplete);

/// <summary>
/// The one rule that turns a shipment's units into its status (spec §3.3), in precedence order
/// Canceled &gt; Finished &gt; In transit &gt; Packed &gt; Picked &gt; Listed &gt; Open:
/// canceled when the shipment is; finished when every unit that is not missing is finished; otherwise the furthest stage
/// any unit has reached (a missing unit counts as listed: it was looked for). Warnings say what is behind: units boxed
/// while others are not (incomplete after boxing), more units than the lines expect (over-complete), and missing units.
/// Pure: the store calls it whenever units change and keeps its answer on the shipment.
/// </summary>
public static class ShipmentStatusRule
{
    public static ShipmentProgress Derive(UnitCounts c, bool canceled)
    {
        var live = c.Total - c.Missing;
        var boxedOrFurther = c.Boxed + c.InTransit + c.Finished;
        var notYetBoxed = c.Open + c.Listed + c.Handled;

        var warnings = ShipmentWarnings.None;
        if (boxedOrFurther > 0 && notYetBoxed > 0) warnings |= ShipmentWarnings.IncompleteAfterBoxing;
        if (c.Total > c.Expected) warnings |= ShipmentWarnings.OverComplete;
        if (c.Missing > 0) warnings |= ShipmentWarnings.MissingUnits;

        var status =
            canceled ? ShipmentStatus.Canceled
            : live > 0 && c.Finished == live ? ShipmentStatus.Finished
            : c.InTransit + c.Finished > 0 ? ShipmentStatus.InTransit
            : boxedOrFurther > 0 ? ShipmentStatus.Packed
            : c.Handled > 0 ? ShipmentStatus.Picked
            : c.Listed + c.Missing > 0 ? ShipmentStatus.Listed
            : ShipmentStatus.Open;

        return new ShipmentProgress(status, warnings, IsComplete: c.Total > 0 && notYetBoxed == 0);
    }
}
