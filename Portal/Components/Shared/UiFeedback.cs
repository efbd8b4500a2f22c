using MudBlazor;
using Portal.Domain.Common;

namespace Portal.Components.Shared;

/// <summary>
/// The one save pattern of the UI: run a service call and turn a domain error into what a user understands —
/// field messages on the form, the stale-save dialog, or a snackbar. Never a stack trace.
/// </summary>
public sealed class UiFeedback(ISnackbar snackbar, IDialogService dialogs, ILogger<UiFeedback> log)
{
    public enum Outcome { Done, Failed, Stale }

    /// <param name="fieldErrors">Receives validation errors that belong on the form's fields; others become a snackbar.</param>
    /// <param name="stale">Entity type and id for the stale-save dialog; without it a stale save is a snackbar.</param>
    public async Task<Outcome> RunAsync(Func<Task> action, string? success = null,
        Func<DomainValidationException, IReadOnlyList<string>>? fieldErrors = null, (string Type, string Id)? stale = null)
    {
        try
        {
            await action();
            if (success is not null) snackbar.Add(success, Severity.Success);
            return Outcome.Done;
        }
        catch (DomainValidationException ex)
        {
            var unplaced = fieldErrors?.Invoke(ex) ?? ex.Errors.SelectMany(e => e.Value).ToList();
            foreach (var message in unplaced) snackbar.Add(message, Severity.Error);
            return Outcome.Failed;
        }
        catch (ConcurrencyException ex)
        {
            if (stale is { } s)
            {
                var parameters = new DialogParameters<StaleChangeDialog>
                {
                    { d => d.EntityType, s.Type }, { d => d.EntityId, s.Id }, { d => d.Message, ex.Message },
                };
                var dialog = await dialogs.ShowAsync<StaleChangeDialog>("Someone else changed this", parameters);
                await dialog.Result;
            }
            else snackbar.Add(ex.Message + " Reload to see the latest.", Severity.Warning);
            return Outcome.Stale;
        }
        catch (DomainException ex) // not found, conflict, forbidden: the message is written for people
        {
            snackbar.Add(ex.Message, Severity.Error);
            return Outcome.Failed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var id = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            log.LogError(ex, "Unexpected error in a UI action (error id {ErrorId})", id);
            snackbar.Add($"Something went wrong and nothing was saved. Error id: {id}", Severity.Error);
            return Outcome.Failed;
        }
    }

    public void Info(string message) => snackbar.Add(message, Severity.Info);

    public void Error(string message) => snackbar.Add(message, Severity.Error);
}
