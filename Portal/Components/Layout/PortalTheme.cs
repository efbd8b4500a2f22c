using MudBlazor;

namespace Portal.Components.Layout;

public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fbf", Secondary = "#6a4fb3", AppbarBackground = "#173a6b", Background = "#f6f7f9",
            TextSecondary = "rgba(0,0,0,0.64)",
            // Darker than MudBlazor's defaults so status text (chips, alerts) reaches 4.5:1 on white and on the chips' own
            // tint of it (the "Active" chip was 4.44:1 at #2e7d32).
            Success = "#276f2b", Warning = "#a35200", Error = "#c62828", Info = "#1565c0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb0ff", Secondary = "#b9a4f5", AppbarBackground = "#111827", Background = "#161a20", Surface = "#1e232b",
            DrawerBackground = "#1a1f26", TextSecondary = "rgba(255,255,255,0.72)",
            // Lighter than MudBlazor's dark defaults (#0a85ff, #f64e62) so alert and chip text reaches 4.5:1 on its own tint.
            Info = "#5caaff", Error = "#ff7a87",
            // The dark palette's colours are light, so text on a filled button or chip in them is dark (white on #7fb0ff was 2.2:1).
            PrimaryContrastText = "#111827", SecondaryContrastText = "#111827", InfoContrastText = "#111827",
            SuccessContrastText = "#111827", WarningContrastText = "#111827", ErrorContrastText = "#111827",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
