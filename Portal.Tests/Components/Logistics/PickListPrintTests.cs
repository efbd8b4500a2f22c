using Bunit;
using Portal.Features.Logistics;
using ZXing;
using ZXing.OneD;

namespace Portal.Tests.Components.Logistics;

public sealed class PickListPrintTests : PickScreenTest
{
    [Fact]
    public async Task ThePrintView_ListsTheLinesInWalkOrder_WithPositionAndSkuAsCode128()
    {
        var location = await AddLocationAsync("Leeds DC", "P1", "P2");
        var list = await AddListAsync(location.Location.Id, null, [("SKU-B", 2, "P2"), ("SKU-A", 1, "P1")], [("SKU-B", 1, "P2")]);

        RenderPopoverProvider();
        var cut = Render<PickListPrint>(p => p.Add(x => x.Id, list.List.Id));

        var rows = cut.WaitForElements("[data-testid=pick-sheet-line]");
        Assert.Equal(["P1", "P2"], rows.Select(r => r.QuerySelectorAll(".pick-sheet-text")[0].TextContent).ToArray());
        Assert.Contains("A × 2, B × 1", rows[1].TextContent);
        // Every position and SKU is a barcode, and the barcode is that text's Code 128 (bars as ZXing encodes it).
        var barcodes = rows[1].QuerySelectorAll("svg.barcode");
        Assert.Equal(2, barcodes.Length);
        Assert.Null(barcodes[0].GetAttribute("style")); // the CSP allows no inline style
        var bars = new Code128Writer().encode("P2", BarcodeFormat.CODE_128, 0, 0);
        var darkModules = Enumerable.Range(0, bars.Width).Count(x => bars[x, 0]);
        var drawn = barcodes[0].QuerySelectorAll("rect").Sum(r => int.Parse(r.GetAttribute("width")!));
        Assert.Equal(darkModules, drawn);
        Assert.NotEqual(barcodes[0].InnerHtml, barcodes[1].InnerHtml);
    }
}
