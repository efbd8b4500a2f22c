using System.Text.RegularExpressions;
using Portal.Domain.Organisations;

namespace Portal.Features.Organisations;

/// <summary>How the Domains tab shows colours: only checked values reach a style attribute.</summary>
public static partial class WhiteLabelText
{
    /// <summary>The colour when it is a valid <c>#RRGGBB</c> (so only checked values reach a style attribute), else null.</summary>
    public static string? ValidColour(string? colour)
    {
        var value = WhiteLabelDomain.NormalizeColour(colour);
        return HexColour().IsMatch(value) ? value : null;
    }

    /// <summary>Black or white, whichever reads better on <paramref name="colour"/> (WCAG relative luminance).</summary>
    public static string TextOn(string colour)
    {
        double Channel(int offset)
        {
            var c = Convert.ToInt32(colour.Substring(offset, 2), 16) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var luminance = 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
        return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? "#000000" : "#FFFFFF";
    }

    [GeneratedRegex("^#[0-9A-F]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColour();
}
