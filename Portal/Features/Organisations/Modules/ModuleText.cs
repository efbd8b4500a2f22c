using System.Globalization;
using Portal.Domain.Organisations;

namespace Portal.Features.Organisations;

/// <summary>How the Modules tab words prices and switches.</summary>
public static class ModuleText
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"£49.00"; a module without a price is "Included".</summary>
    public static string Money(long minor, string currency) => minor == 0
        ? "Included"
        : currency == "GBP" ? (minor / 100m).ToString("C", EnGb) : $"{minor / 100m:0.00} {currency}";

    public static string Price(ModuleRow module) =>
        module.MonthlyPriceMinor == 0 ? "Included" : $"{Money(module.MonthlyPriceMinor, module.Currency)} a month";

    public static string OnSince(ModuleRow module) => module.IsOn
        ? $"On since {module.OnSince!.Value.ToLocalTime().ToString("d MMM yyyy", EnGb)} by {module.OnBy}"
        : "Off";
}
