using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Portal.Components.Layout;

/// <summary>
/// MudIcon's markup (<c>&lt;svg class=… viewBox="0 0 24 24"&gt;</c> around a MudBlazor icon's paths) as one shared
/// string per (icon, classes): one markup frame where it is rendered, instead of a MudIcon component (or an element
/// with its attribute frames) kept per circuit.
/// </summary>
public static class SvgIcon
{
    public const string Default = "mud-icon-root mud-svg-icon mud-icon-size-medium";

    private static readonly ConcurrentDictionary<(string Icon, string Classes), MarkupString> Cache = new();

    public static MarkupString Of(string icon, string classes = Default) =>
        Cache.GetOrAdd((icon, classes), key => new MarkupString(
            $"""<svg class="{key.Classes}" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img">{key.Icon}</svg>"""));
}
