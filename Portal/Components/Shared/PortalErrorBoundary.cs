using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace Portal.Components.Shared;

/// <summary>Catches a page's unexpected error, logs it under an id the user can quote, and keeps the shell usable.</summary>
public sealed class PortalErrorBoundary : ErrorBoundary
{
    [Inject] private ILogger<PortalErrorBoundary> Log { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private string _errorId = "";

    protected override Task OnErrorAsync(Exception exception)
    {
        _errorId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        Log.LogError(exception, "Unhandled error on {Page} (error id {ErrorId})", Navigation.Uri, _errorId);
        return Task.CompletedTask;
    }

    protected override void OnParametersSet()
    {
        Recover(); // navigating to another page clears the error
        base.OnParametersSet();
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }
        builder.OpenElement(1, "div");
        builder.AddAttribute(2, "class", "error-panel");
        builder.AddAttribute(3, "role", "alert");
        builder.OpenElement(4, "h1");
        builder.AddContent(5, "Something went wrong on this page");
        builder.CloseElement();
        builder.OpenElement(6, "p");
        builder.AddContent(7, "Nothing you saved before this was lost. Try again, or reload the page. If it keeps happening, send this error id to support: ");
        builder.OpenElement(8, "code");
        builder.AddContent(9, _errorId);
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(10, "a");
        builder.AddAttribute(11, "href", Navigation.Uri);
        builder.AddContent(12, "Reload this page");
        builder.CloseElement();
        builder.CloseElement();
    }
}
