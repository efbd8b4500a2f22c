using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Admin;

namespace Portal.Tests.Components.Admin;

/// <summary>The new-staff-user dialog explains what is wrong under each field and creates nobody until it is right.</summary>
public sealed class CreateStaffUserDialogTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var provider = RenderDialogProvider();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<CreateStaffUserDialog>("New staff user"));
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("input[type=password]")), Wait);
        return provider;
    }

    private async Task<int> StoredUsersAsync()
    {
        await using var db = await DbAsync();
        return await db.Users.CountAsync();
    }

    [Fact]
    public async Task Shows_a_message_under_each_wrong_field_and_creates_nobody()
    {
        var dialog = await OpenAsync();

        InputLabelled(dialog, "Name").Input("");
        InputLabelled(dialog, "Email").Input("not-an-address");
        InputLabelled(dialog, "First password").Input("Short1");
        Button(dialog, "Create").Click();

        dialog.WaitForAssertion(() =>
        {
            Assert.Contains("Enter a name.", FieldText(InputLabelled(dialog, "Name")));
            Assert.Contains("Enter an email address like name@example.com.", FieldText(InputLabelled(dialog, "Email")));
            Assert.Contains("A password needs at least 12 characters.", FieldText(InputLabelled(dialog, "First password")));
        }, Wait);
        Assert.Equal(0, await StoredUsersAsync());
        Assert.NotEmpty(dialog.FindAll(".mud-dialog")); // still open
    }

    [Fact]
    public async Task Shows_the_servers_duplicate_email_error_under_the_email_field()
    {
        await CreateUserAsync("Taken Person", "taken@example.com");
        var dialog = await OpenAsync();

        InputLabelled(dialog, "Name").Input("Second Person");
        InputLabelled(dialog, "Email").Input("Taken@Example.com");
        InputLabelled(dialog, "First password").Input("Correct-Horse-42");
        Button(dialog, "Create").Click();

        dialog.WaitForAssertion(() =>
            Assert.Contains("A staff user with this email address already exists.", FieldText(InputLabelled(dialog, "Email"))), Wait);
        Assert.DoesNotContain("already exists", FieldText(InputLabelled(dialog, "Name")));
        Assert.Equal(1, await StoredUsersAsync());
        Assert.NotEmpty(dialog.FindAll(".mud-dialog"));

        // The server's message belongs to the value it was about: changing the email clears it.
        InputLabelled(dialog, "Email").Input("free@example.com");
        dialog.WaitForAssertion(() =>
            Assert.DoesNotContain("already exists", FieldText(InputLabelled(dialog, "Email"))), Wait);
    }

    [Fact]
    public async Task Creates_the_user_and_closes_when_everything_is_right()
    {
        var dialog = await OpenAsync();

        InputLabelled(dialog, "Name").Input("New Person");
        InputLabelled(dialog, "Email").Input("new.person@example.com");
        InputLabelled(dialog, "First password").Input("Correct-Horse-42");
        Button(dialog, "Create").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll(".mud-dialog")), Wait);
        await using var db = await DbAsync();
        var stored = Assert.Single(await db.Users.ToListAsync());
        Assert.Equal("New Person", stored.DisplayName);
        Assert.Equal("new.person@example.com", stored.Email);
    }
}
