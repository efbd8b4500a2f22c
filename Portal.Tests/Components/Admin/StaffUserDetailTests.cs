using Bunit;
using Portal.Domain.Common;
using Portal.Features.Admin;

namespace Portal.Tests.Components.Admin;

/// <summary>The detail page offers only the actions that make sense for this user and this viewer.</summary>
public sealed class StaffUserDetailTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static List<string> Actions(IRenderedComponent<StaffUserDetail> cut) =>
        cut.FindAll(".page-actions button").Select(b => b.TextContent.Trim()).ToList();

    private IRenderedComponent<StaffUserDetail> RenderFor(Guid id)
    {
        RenderDialogProvider();
        return Render<StaffUserDetail>(p => p.Add(d => d.Id, id));
    }

    [Fact]
    public async Task An_admin_viewing_themself_is_not_offered_disable()
    {
        var me = await CreateUserAsync("Ada Admin", "ada@example.com", Roles.Admin);
        ActAs(me.Id, Roles.Admin, "ada@example.com");

        var cut = RenderFor(me.Id);

        cut.WaitForAssertion(() => Assert.Contains("Edit", Actions(cut)), Wait);
        Assert.Equal(["Edit", "Reset password"], Actions(cut));
    }

    [Fact]
    public async Task An_admin_viewing_another_active_user_is_offered_disable()
    {
        var other = await CreateUserAsync("Wes Warehouse", "wes@example.com", Roles.Warehouse);

        var cut = RenderFor(other.Id);

        cut.WaitForAssertion(() => Assert.Equal(["Edit", "Reset password", "Disable"], Actions(cut)), Wait);
        Assert.Contains("wes@example.com", cut.Find("dl.facts").TextContent);
    }

    [Fact]
    public async Task A_disabled_user_is_offered_enable()
    {
        var other = await CreateUserAsync("Wes Warehouse", "wes@example.com", Roles.Warehouse);
        await Users.SetDisabledAsync(other.Id, true, other.Version);

        var cut = RenderFor(other.Id);

        cut.WaitForAssertion(() => Assert.Equal(["Edit", "Reset password", "Enable"], Actions(cut)), Wait);
        Assert.Contains("Disabled", cut.Find("dl.facts").TextContent);
    }

    [Fact]
    public void An_unknown_id_shows_the_not_found_message()
    {
        var cut = RenderFor(Guid.CreateVersion7());

        cut.WaitForAssertion(() =>
            Assert.Contains("This staff user does not exist.", cut.Find(".mud-alert").TextContent), Wait);
        Assert.Empty(Actions(cut));
    }
}
