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

    public static string OnSince(ModuleRow module) => module.IsOn
        ? $"On since {module.OnSince!.Value.ToLocalTime().ToString("d MMM yyyy", EnGb)} by {module.OnBy}"
        : "Off";
}
