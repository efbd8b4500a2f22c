using QRCoder;

namespace Portal.Features.AgentConnections;

/// <summary>A connect link as a QR code (QRCoder): PNG for download and phones, SVG for the page (sharp at any size).</summary>
public static class ConnectQrCode
{
    // Medium error correction: a printed code survives a smudge; the oob URLs are a few hundred characters.
    private static QRCodeData Data(string url) => QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);

    public static byte[] Png(string url, int pixelsPerModule = 8) => new PngByteQRCode(Data(url)).GetGraphic(pixelsPerModule);

    public static string Svg(string url) =>
        new SvgQRCode(Data(url)).GetGraphic(new System.Drawing.Size(320, 320), "#000000", "#ffffff", drawQuietZones: true,
            sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
}
