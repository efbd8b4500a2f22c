using Portal.Domain.Common;
using Portal.Domain.Logistics;

namespace Portal.Features.Logistics;

/// <summary>The words and role checks the Logistics pages share, so a status reads the same on every screen.</summary>
public static class LogisticsText
{
    /// <summary>Staff (and Admin) plan: make lists, cancel shipments, change locations and methods. Viewers only read.</summary>
    public static bool CanPlan(ICurrentUser user) => user.Has(Access.LogisticsPlan);

    public static string StatusText(ShipmentStatus status) => status switch
    {
        ShipmentStatus.InTransit => "In transit",
        _ => status.ToString(),
    };

    public static string StateText(HandlingListState state) => state switch
    {
        HandlingListState.InProgress => "In progress",
        HandlingListState.OnHold => "On hold",
        _ => state.ToString(),
    };

    public static string UnitStateText(UnitState state) => state switch
    {
        UnitState.InTransit => "In transit",
        _ => state.ToString(),
    };

    public static string TypeText(ShipmentType type) => type.ToString();

    /// <summary>Each warning of a shipment in words (spec §3.3), none when it has none.</summary>
    public static IReadOnlyList<string> WarningTexts(ShipmentWarnings warnings)
    {
        var texts = new List<string>();
        if (warnings.HasFlag(ShipmentWarnings.IncompleteAfterBoxing)) texts.Add("Incomplete");
        if (warnings.HasFlag(ShipmentWarnings.OverComplete)) texts.Add("Over-complete");
        if (warnings.HasFlag(ShipmentWarnings.MissingUnits)) texts.Add("Missing units");
        return texts;
    }

    /// <summary>What each warning means, for the badge's tooltip.</summary>
    public static string WarningHelp(string warning) => warning switch
    {
        "Incomplete" => "Some units are boxed while others are not yet.",
        "Over-complete" => "More units than the lines expect.",
        _ => "Some units were not found.",
    };

    /// <summary>Tote labels A, B, … Z, AA, AB, … in the order the list gives them.</summary>
    public static IEnumerable<string> ToteLabels() => HandlingList.Labels();

    public static string When(DateTimeOffset? at) => at is { } t ? t.ToLocalTime().ToString("g") : "—";

    public static string Day(DateTimeOffset? at) => at is { } t ? t.ToLocalTime().ToString("d") : "—";
}
