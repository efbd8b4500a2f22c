using System.Globalization;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Features.Organisations;

/// <summary>How the Modules tab words prices and switches.</summary>
public static class ModuleText
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"£49.00" (<see cref="Portal.Domain.Common.Money.ToString"/>); a module without a price is "Included".</summary>
    public static string Money(Money amount) => amount.IsZero ? "Included" : amount.ToString();

    public static string Price(ModuleRow module) =>
        module.MonthlyPrice.IsZero ? "Included" : $"{Money(module.MonthlyPrice)} a month";

    /// <summary>Whether staff switched it on, and whether a subscription's plan grants it (ending that never switches staff's off).</summary>
    public static string OnSince(ModuleRow module) => (module.IsOn, module.GrantedByPlan) switch
    {
        (true, null) => $"On since {module.OnSince!.Value.ToLocalTime().ToString("d MMM yyyy", EnGb)} by {module.OnBy}",
        (true, { } plan) => $"On since {module.OnSince!.Value.ToLocalTime().ToString("d MMM yyyy", EnGb)} by {module.OnBy}; also from the plan {plan}",
        (false, { } plan) => $"On from the plan {plan} (staff have not switched it on)",
        _ => "Off",
    };
}
