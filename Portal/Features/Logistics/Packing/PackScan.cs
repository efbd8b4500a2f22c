using System.Text.RegularExpressions;
using Portal.Domain.Common;
using Portal.Domain.Logistics;

namespace Portal.Features.Logistics;

/// <summary>
/// What a code scanned at the packing station names: a shipment (<c>SH-000123</c>), a handling list (<c>HL-000042</c>,
/// the barcode on the printed pick list), a tote of a list (<c>HL-000042/A</c>, or a list and then its label), or a unit
/// (its id). Anything else is a SKU. Pure, so the station's two pages and the tests read scans the same way.
/// </summary>
public abstract partial record PackScan
{
    public sealed record ShipmentNumber(string Number) : PackScan;
    public sealed record ListNumber(string Number) : PackScan;
    public sealed record Tote(string List, string Label) : PackScan;
    public sealed record Unit(Guid Id) : PackScan;
    public sealed record Sku(string Code) : PackScan;

    public static PackScan Parse(string code)
    {
        var text = code.Trim();
        if (Guid.TryParse(text, out var id)) return new Unit(id);
        if (NumberIn(ShipmentPattern(), text) is { } shipment) return new ShipmentNumber(LogisticsNumber.Format(Shipment.NumberPrefix, shipment));
        var tote = TotePattern().Match(text);
        if (tote.Success && long.TryParse(tote.Groups[1].Value, out var list))
            return new Tote(LogisticsNumber.Format(HandlingList.NumberPrefix, list), tote.Groups[2].Value.ToUpperInvariant());
        if (NumberIn(ListPattern(), text) is { } only) return new ListNumber(LogisticsNumber.Format(HandlingList.NumberPrefix, only));
        return new Sku(ShipmentLine.NormalizeSku(text));
    }

    private static long? NumberIn(Regex pattern, string text) =>
        pattern.Match(text) is { Success: true } m && long.TryParse(m.Groups[1].Value, out var n) ? n : null;

    [GeneratedRegex(@"^SH-?0*(\d{1,12})$", RegexOptions.IgnoreCase)]
    private static partial Regex ShipmentPattern();

    [GeneratedRegex(@"^HL-?0*(\d{1,12})$", RegexOptions.IgnoreCase)]
    private static partial Regex ListPattern();

    /// <summary>A list number, a separator (slash, space, dash or colon) and the tote's label (up to 8 characters).</summary>
    [GeneratedRegex(@"^HL-?0*(\d{1,12})\s*[/:\s-]\s*([A-Za-z0-9-]{1,8})$", RegexOptions.IgnoreCase)]
    private static partial Regex TotePattern();
}
