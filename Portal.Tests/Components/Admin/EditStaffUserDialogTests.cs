using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Features.Admin;

namespace Portal.Tests.Components.Admin;

/// <summary>Saving from a stale copy shows what changed meanwhile and overwrites nothing.</summary>
public sealed class EditStaffUserDialogTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(StaffUserRow user)
    {
        var provider = RenderDialogProvider();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<EditStaffUserDialog> { { d => d.User, user }, { d => d.IsMe, false } };
        await provider.InvokeAsync(() => dialogs.ShowAsync<EditStaffUserDialog>($"Edit {user.DisplayName}", parameters));
        provider.WaitForAssertion(() => Assert.Contains("Save", provider.Markup), Wait);
        return provider;
    }

    [Fact]
    public async Task A_stale_save_shows_the_stale_change_dialog_with_the_latest_change_and_keeps_the_other_edit()
    {
        var stale = await CreateUserAsync("Pat Original", "pat@example.com", Roles.Warehouse);
        // Someone else renames Pat after this Admin read the row.
        ActAs(Guid.CreateVersion7(), Roles.Admin, "bob@test.example");
        await Users.UpdateAsync(stale.Id, new UpdateStaffUser { DisplayName = "Pat by Bob", Roles = [Roles.Warehouse], Version = stale.Version });
        ActAs(AdminId, Roles.Admin, AdminEmail);

        var dialog = await OpenAsync(stale);
        InputLabelled(dialog, "Name").Input("Pat by Admin");
        Button(dialog, "Save").Click();

        dialog.WaitForAssertion(() =>
        {
            var titles = dialog.FindAll(".mud-dialog-title").Select(t => t.TextContent.Trim());
            Assert.Contains("Someone else changed this", titles);
        }, Wait);
        dialog.WaitForAssertion(() =>
        {
            var markup = dialog.Markup;
            Assert.Contains("Your change was not saved", markup);
            Assert.Contains("The latest change", markup);
            Assert.Contains("bob@test.example", markup);
            var changes = dialog.FindAll(".change-list li").Select(li => li.TextContent.Trim()).ToList();
            Assert.True(changes.Contains("Display name: Pat Original → Pat by Bob"), string.Join(" | ", changes) + "\n" + dialog.Find(".mud-dialog-content").TextContent);
        }, Wait);

        await using var db = await DbAsync();
        var stored = await db.Users.SingleAsync(u => u.Id == stale.Id);
        Assert.Equal("Pat by Bob", stored.DisplayName);

        // "Reload the latest" closes both dialogs.
        Button(dialog, "Reload the latest").Click();
        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll(".mud-dialog")), Wait);
    }

    [Fact]
    public async Task A_current_save_is_stored_and_closes_the_dialog()
    {
        var user = await CreateUserAsync("Pat Original", "pat@example.com", Roles.Warehouse);

        var dialog = await OpenAsync(user);
        InputLabelled(dialog, "Name").Input("Pat Renamed");
        Button(dialog, "Save").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll(".mud-dialog")), Wait);
        await using var db = await DbAsync();
        Assert.Equal("Pat Renamed", (await db.Users.SingleAsync(u => u.Id == user.Id)).DisplayName);
    }
}
