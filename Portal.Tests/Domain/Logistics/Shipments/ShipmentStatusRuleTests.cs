using CsCheck;
using Portal.Domain.Logistics;

namespace Portal.Tests.Domain.Logistics.Shipments;

/// <summary>The one rule from units to a shipment's status (spec §3.3): precedence, warnings and completeness.</summary>
public sealed class ShipmentStatusRuleTests
{
    private static readonly UnitState[] States = Enum.GetValues<UnitState>();
    private static readonly Gen<UnitState> State = Gen.Int[0, States.Length - 1].Select(i => States[i]);
    private static readonly Gen<(int Expected, UnitState[] Units)> Shipment =
        Gen.Select(State.Array[0, 12], Gen.Int[0, 3], (units, extra) => (Math.Max(0, units.Length - extra), units));

    private static ShipmentProgress Derive(int expected, IEnumerable<UnitState> units, bool canceled = false) =>
        ShipmentStatusRule.Derive(UnitCounts.Of(expected, units), canceled);

    /// <summary>How far a unit has come; missing stands beside listed (it was looked for).</summary>
    private static int Stage(UnitState s) => s switch
    {
        UnitState.Open => 0, UnitState.Listed or UnitState.Missing => 1, UnitState.Handled => 2, UnitState.Boxed => 3, UnitState.InTransit => 4, _ => 5,
    };

    [Theory]
    [InlineData("", ShipmentStatus.Open)]
    [InlineData("Open,Open", ShipmentStatus.Open)]
    [InlineData("Open,Listed", ShipmentStatus.Listed)]
    [InlineData("Listed,Missing", ShipmentStatus.Listed)]
    [InlineData("Missing,Missing", ShipmentStatus.Listed)]
    [InlineData("Listed,Handled", ShipmentStatus.Picked)]
    [InlineData("Handled,Boxed", ShipmentStatus.Packed)]
    [InlineData("Boxed,InTransit", ShipmentStatus.InTransit)]
    [InlineData("InTransit,Finished", ShipmentStatus.InTransit)]
    [InlineData("Finished,Finished", ShipmentStatus.Finished)]
    [InlineData("Finished,Missing", ShipmentStatus.Finished)]
    [InlineData("Open,Finished", ShipmentStatus.InTransit)]
    public void Status_IsTheFurthestStageAnyUnitReached_FinishedOnlyWhenEveryFoundUnitIs(string units, ShipmentStatus expected)
    {
        var states = units.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<UnitState>).ToList();
        Assert.Equal(expected, Derive(states.Count, states).Status);
    }

    [Fact]
    public void Canceled_WinsOverEveryOtherState() =>
        Shipment.Sample(s => Derive(s.Expected, s.Units, canceled: true).Status == ShipmentStatus.Canceled);

    [Fact]
    public void MovingOneUnitFurther_NeverMovesTheStatusBack() =>
        Gen.Select(Shipment, Gen.Int[0, 11], State).Sample((s, index, to) =>
        {
            if (s.Units.Length == 0) return true;
            var i = index % s.Units.Length;
            if (Stage(to) < Stage(s.Units[i]) || s.Units[i] == UnitState.Missing || to == UnitState.Missing) return true;
            var before = Derive(s.Expected, s.Units).Status;
            var moved = s.Units.ToArray();
            moved[i] = to;
            return Derive(s.Expected, moved).Status >= before;
        });

    [Fact]
    public void Status_FollowsThePrecedence() =>
        Shipment.Sample(s =>
        {
            var status = Derive(s.Expected, s.Units).Status;
            var found = s.Units.Where(u => u != UnitState.Missing).ToList();
            var expected =
                found.Count > 0 && found.All(u => u == UnitState.Finished) ? ShipmentStatus.Finished
                : s.Units.Any(u => u is UnitState.InTransit or UnitState.Finished) ? ShipmentStatus.InTransit
                : s.Units.Any(u => u == UnitState.Boxed) ? ShipmentStatus.Packed
                : s.Units.Any(u => u == UnitState.Handled) ? ShipmentStatus.Picked
                : s.Units.Any(u => u is UnitState.Listed or UnitState.Missing) ? ShipmentStatus.Listed
                : ShipmentStatus.Open;
            return status == expected;
        });

    [Fact]
    public void Warnings_SayWhatIsBehind() =>
        Shipment.Sample(s =>
        {
            var w = Derive(s.Expected, s.Units).Warnings;
            var boxed = s.Units.Any(u => Stage(u) >= 3);
            var behind = s.Units.Any(u => u is UnitState.Open or UnitState.Listed or UnitState.Handled);
            return w.HasFlag(ShipmentWarnings.IncompleteAfterBoxing) == (boxed && behind)
                && w.HasFlag(ShipmentWarnings.OverComplete) == (s.Units.Length > s.Expected)
                && w.HasFlag(ShipmentWarnings.MissingUnits) == s.Units.Contains(UnitState.Missing);
        });

    [Fact]
    public void Complete_WhenEveryUnitIsBoxedOrFurther_OrMissing() =>
        Shipment.Sample(s => Derive(s.Expected, s.Units).IsComplete
            == (s.Units.Length > 0 && s.Units.All(u => u is UnitState.Missing || Stage(u) >= 3)));

    [Fact]
    public void TheOrderOfUnits_DoesNotMatter() =>
        Gen.Select(Shipment, Gen.Int).Sample((s, seed) =>
        {
            var random = new Random(seed);
            var shuffled = s.Units.OrderBy(_ => random.Next()).ToArray();
            return Derive(s.Expected, s.Units) == Derive(s.Expected, shuffled);
        });
}
