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
            // Darker than MudBlazor's defaults so status text (chips, alerts) reaches 4.5:1 on white.
            Success = "#2e7d32", Warning = "#a35200", Error = "#c62828", Info = "#1565c0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb0ff", Secondary = "#b9a4f5", AppbarBackground = "#111827", Background = "#161a20", Surface = "#1e232b",
            DrawerBackground = "#1a1f26", TextSecondary = "rgba(255,255,255,0.72)",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
