using MudBlazor;

namespace Portal.Components.Shared;

/// <summary>The tabs of a record page (an organisation, a shipment, an invoice…): outlined, rounded, padded panels, only the open one rendered.</summary>
public sealed class RecordTabs : MudTabs
{
    public RecordTabs()
    {
        Outlined = true;
        Rounded = true;
        ApplyEffectsToContainer = true;
        TabPanelsClass = "pa-4";
        KeepPanelsAlive = false;
    }
}
