using Microsoft.AspNetCore.Components;

namespace Portal.Features.Organisations;

/// <summary>
/// A tab of the organisation page. It reads its part of the organisation when the organisation it shows is new or
/// its version moved (every change to a part moves the organisation's version), not on every render of the page; after
/// a change it raises <see cref="Changed"/> so the page reloads the organisation, and with it the tab.
/// </summary>
public abstract class OrganisationTab : ComponentBase
{
    [Parameter] public bool CanWrite { get; set; }
    /// <summary>Raised after a change, so the page reloads the organisation (and with it this tab, at the new version).</summary>
    [Parameter] public EventCallback Changed { get; set; }

    /// <summary>The organisation the tab shows and its version as the page has it.</summary>
    protected abstract (Guid Id, long Version) Shown { get; }

    private (Guid Id, long Version)? _loaded;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == Shown) return;
        _loaded = Shown;
        await LoadAsync();
    }

    /// <summary>Reads the tab's part of the organisation.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;
}
