using Bunit;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Common;

namespace Portal.Tests.Components.Shared;

/// <summary>
/// The one form-dialog save: a field the validator refuses keeps the dialog open and calls nothing; the server's field
/// error shows under its field; a save closes with the dialog's result; a stale save closes after the stale dialog.
/// </summary>
public sealed class FormDialogTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public sealed class Probe
    {
        public string Name { get; set; } = "";
    }

    private sealed class ProbeValidator : AbstractValidator<Probe>
    {
        public ProbeValidator() => RuleFor(p => p.Name).NotEmpty().WithMessage("Enter a name.");
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IValidator<Probe>, ProbeValidator>();

    private int _saves;

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync(
        Func<Task> save, bool closeWhenStale = true)
    {
        var provider = RenderDialogProvider();
        Render<MudSnackbarProvider>();
        var parameters = new DialogParameters<FormDialogProbe>
        {
            { d => d.Save, async () => { _saves++; await save(); } }, { d => d.Stale, ("StaffUser", Guid.CreateVersion7().ToString()) },
            { d => d.CloseWhenStale, closeWhenStale },
        };
        var dialog = await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<FormDialogProbe>("Probe", parameters));
        provider.WaitForAssertion(() => Assert.Contains("Save", provider.Markup), Wait);
        return (provider, dialog);
    }

    private IReadOnlyList<string> Snackbars => [.. Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "")];

    [Fact]
    public async Task A_field_the_validator_refuses_keeps_it_open_and_saves_nothing()
    {
        var (provider, dialog) = await OpenAsync(() => Task.CompletedTask);

        Button(provider, "Save").Click();

        provider.WaitForAssertion(() => Assert.Contains("Enter a name.", FieldText(InputLabelled(provider, "Name"))), Wait);
        Assert.Equal(0, _saves);
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task A_field_error_from_the_server_shows_under_its_field_and_keeps_it_open()
    {
        var (provider, dialog) = await OpenAsync(() => throw DomainValidationException.For("name", "That name is taken."));
        InputLabelled(provider, "Name").Input("Taken");

        Button(provider, "Save").Click();

        provider.WaitForAssertion(() => Assert.Contains("That name is taken.", FieldText(InputLabelled(provider, "Name"))), Wait);
        Assert.Equal(1, _saves);
        Assert.False(dialog.Result.IsCompleted);
        Assert.DoesNotContain("Saved.", Snackbars);
        Assert.False(Button(provider, "Save").HasAttribute("disabled")); // no longer busy: it can be saved again
    }

    [Fact]
    public async Task A_save_closes_it_with_the_dialogs_result()
    {
        var (provider, dialog) = await OpenAsync(() => Task.CompletedTask);
        InputLabelled(provider, "Name").Input("Fine");

        Button(provider, "Save").Click();

        var result = await dialog.Result.WaitAsync(Wait);
        Assert.Equal("the result", result!.Data);
        Assert.Contains("Saved.", Snackbars);
        Assert.Equal(1, _saves);
    }

    [Fact]
    public async Task While_saving_the_save_button_is_busy_and_a_second_click_saves_nothing()
    {
        var release = new TaskCompletionSource();
        var (provider, dialog) = await OpenAsync(() => release.Task);
        InputLabelled(provider, "Name").Input("Slow");

        Button(provider, "Save").Click();
        provider.WaitForAssertion(() => Assert.True(Button(provider, "Save").HasAttribute("disabled")), Wait);
        await provider.InvokeAsync(() => provider.FindComponent<FormDialog<Probe>>().Instance.SubmitAsync());
        await provider.InvokeAsync(release.SetResult);

        await dialog.Result.WaitAsync(Wait);
        Assert.Equal(1, _saves);
    }

    [Fact]
    public async Task A_stale_save_closes_it_after_the_stale_change_dialog()
    {
        var (provider, dialog) = await OpenAsync(() => throw new ConcurrencyException("StaffUser", "42", 1, 2));
        InputLabelled(provider, "Name").Input("Late");

        Button(provider, "Save").Click();

        provider.WaitForAssertion(() => Assert.Contains("Someone else changed this", provider.FindAll(".mud-dialog-title").Select(t => t.TextContent.Trim())), Wait);
        Assert.False(dialog.Result.IsCompleted); // not before the person has read what happened
        Button(provider, "Reload the latest").Click();
        var result = await dialog.Result.WaitAsync(Wait);
        Assert.Equal(UiFeedback.Outcome.Stale, result!.Data);
    }

    [Fact]
    public async Task A_stale_save_of_a_dialog_that_stays_when_stale_keeps_it_open()
    {
        var (provider, dialog) = await OpenAsync(() => throw new ConcurrencyException("StaffUser", "42", 1, 2), closeWhenStale: false);
        InputLabelled(provider, "Name").Input("Late");

        Button(provider, "Save").Click();
        provider.WaitForAssertion(() => Assert.Contains("Someone else changed this", provider.FindAll(".mud-dialog-title").Select(t => t.TextContent.Trim())), Wait);
        Button(provider, "Reload the latest").Click();

        provider.WaitForAssertion(() => Assert.Single(provider.FindAll(".mud-dialog")), Wait);
        Assert.False(dialog.Result.IsCompleted);
    }
}
