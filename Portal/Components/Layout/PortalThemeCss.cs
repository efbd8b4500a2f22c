using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>
/// The theme's CSS (MudBlazor's palette, typography and layout variables, scrollbar and chart styles), rendered once
/// per process for light and dark by MudBlazor's own <see cref="MudThemeProvider"/> and then shared by every circuit.
/// A MudThemeProvider in the layout would build a new ~23 KB string per circuit (and watch the OS colour scheme over
/// JS interop); the theme is static, so MainLayout renders one of these two strings instead. The markup is the same,
/// so dark mode still comes from the server on the first paint.
/// </summary>
public static class PortalThemeCss
{
    private static readonly Lazy<(MarkupString Light, MarkupString Dark)> Css = new(Render);

    public static MarkupString For(bool dark) => dark ? Css.Value.Dark : Css.Value.Light;

    private static (MarkupString, MarkupString) Render()
    {
        using var services = new ServiceCollection().AddLogging().AddSingleton<IJSRuntime, NoJavaScript>().BuildServiceProvider();
        using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        MarkupString Html(bool dark) => new(renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = PortalTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
            }));
            return output.ToHtmlString();
        }).GetAwaiter().GetResult());
        return (Html(dark: false), Html(dark: true));
    }

    /// <summary>The static render never calls script; MudThemeProvider only asks for the runtime.</summary>
    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => throw new InvalidOperationException("No script while rendering the theme CSS.");
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
    }
}
