using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components.Shared;
using Portal.Domain.Admin;
using Portal.Domain.Common;

namespace Portal.Tests.Components.Shared;

/// <summary>UiFeedback's mapping of domain errors, the stale-save dialog without history rights, and the History tab.</summary>
public sealed class SharedFeedbackTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private UiFeedback Ui => Services.GetRequiredService<UiFeedback>();

    [Fact]
    public async Task A_conflict_without_a_record_to_show_is_a_warning_snackbar()
    {
        var snackbars = Render<MudSnackbarProvider>();

        var outcome = await snackbars.InvokeAsync(() =>
            Ui.RunAsync(() => throw new ConcurrencyException("StaffUser", "42", 1, 2), success: "Saved."));

        Assert.Equal(UiFeedback.Outcome.Stale, outcome);
        snackbars.WaitForAssertion(() => Assert.Contains("was changed by someone else", snackbars.Markup), Wait);
        Assert.Contains("Reload to see the latest.", snackbars.Markup);
        Assert.DoesNotContain("Saved.", snackbars.Markup);
    }

    [Fact]
    public async Task Validation_errors_with_no_field_on_the_form_become_snackbars()
    {
        var snackbars = Render<MudSnackbarProvider>();

        var outcome = await snackbars.InvokeAsync(() => Ui.RunAsync(
            () => throw DomainValidationException.For("role", "Role must be one of: Admin."),
            fieldErrors: ex => [.. ex.Errors.SelectMany(e => e.Value)]));

        Assert.Equal(UiFeedback.Outcome.Failed, outcome);
        snackbars.WaitForAssertion(() => Assert.Contains("Role must be one of: Admin.", snackbars.Markup), Wait);
    }

    [Fact]
    public async Task An_unexpected_error_shows_an_error_id_and_no_exception_text()
    {
        var snackbars = Render<MudSnackbarProvider>();

        var outcome = await snackbars.InvokeAsync(() => Ui.RunAsync(() => throw new InvalidOperationException("secret internals")));

        Assert.Equal(UiFeedback.Outcome.Failed, outcome);
        snackbars.WaitForAssertion(() => Assert.Contains("Something went wrong and nothing was saved. Error id:", snackbars.Markup), Wait);
        Assert.DoesNotContain("secret internals", snackbars.Markup);
    }

    [Fact]
    public async Task The_stale_dialog_for_someone_who_may_not_read_history_shows_the_message_alone()
    {
        var user = await CreateUserAsync("Pat", "pat@example.com");
        ActAs(Guid.CreateVersion7(), Roles.Staff, "staff@test.example");
        var provider = RenderDialogProvider();
        var dialogs = Services.GetRequiredService<IDialogService>();

        await provider.InvokeAsync(() => dialogs.ShowAsync<StaleChangeDialog>("Someone else changed this", new DialogParameters<StaleChangeDialog>
        {
            { d => d.EntityType, nameof(StaffUser) }, { d => d.EntityId, user.Id.ToString() }, { d => d.Message, "It changed." },
        }));

        provider.WaitForAssertion(() => Assert.Contains("It changed.", provider.Markup), Wait);
        Assert.Contains("Your change was not saved", provider.Markup);
        Assert.DoesNotContain("The latest change", provider.Markup);
    }

    [Fact]
    public async Task The_history_tab_lists_a_records_changes_newest_first()
    {
        var user = await CreateUserAsync("Pat Original", "pat@example.com", Roles.Warehouse);
        await Users.UpdateAsync(user.Id, new UpdateStaffUser { DisplayName = "Pat Renamed", Roles = [Roles.Warehouse], Version = user.Version });

        var cut = Render<HistoryTab>(p => p.Add(h => h.EntityType, nameof(StaffUser)).Add(h => h.EntityId, user.Id.ToString()));

        cut.WaitForAssertion(() => Assert.Contains("Display name: Pat Original → Pat Renamed", cut.FindAll("tbody tr").First().TextContent), Wait);
        Assert.Contains(AdminEmail, cut.FindAll("tbody tr").First().TextContent);
    }

    [Fact]
    public void The_history_tab_of_a_record_without_changes_says_so()
    {
        var cut = Render<HistoryTab>(p => p.Add(h => h.EntityType, nameof(StaffUser)).Add(h => h.EntityId, Guid.CreateVersion7().ToString()));

        cut.WaitForAssertion(() => Assert.Contains("No changes recorded yet.", cut.Markup), Wait);
    }
}
