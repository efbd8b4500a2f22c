using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using ZXing;
using ZXing.Common;

namespace Portal.Features.Logistics;

/// <summary>Code 128 barcodes as inline SVG, drawn by ZXing.Net's SVG writer, for the print views.</summary>
public static partial class Barcodes
{
    /// <summary>
    /// The barcode of <paramref name="text"/> as an <c>&lt;svg&gt;</c> element (no XML prolog; no style attribute, which
    /// the content security policy would refuse: the white ground comes from the page's CSS class <c>barcode</c>).
    /// </summary>
    public static MarkupString Code128(string text)
    {
        var writer = new BarcodeWriterSvg
        {
            Format = BarcodeFormat.CODE_128,
            // A quiet zone of 10 modules each side: a scanner needs it to find where the code starts.
            Options = new EncodingOptions { Height = 40, Margin = 10, PureBarcode = true },
        };
        var svg = writer.Write(text).Content;
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
        svg = StyleAttribute().Replace(svg, "", 1);
        return new MarkupString(svg.Replace("<svg ", "<svg class=\"barcode\" aria-hidden=\"true\" preserveAspectRatio=\"none\" ", StringComparison.Ordinal));
    }

    [GeneratedRegex("""\sstyle="[^"]*"\s*""")]
    private static partial Regex StyleAttribute();
}
