using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Support.DomainData;

namespace Portal.Tests.Domain.Admin;

public sealed class StaffUserPermissionTests
{
    public static TheoryData<string, string> RolesAndActions()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in new[] { Roles.Staff, Roles.Viewer, Roles.Warehouse })
        foreach (var action in new[] { "list", "get", "create", "update", "disable", "enable", "reset password" })
            data.Add(role, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndActions))]
    public async Task AdminOnlyAction_ByNonAdmin_IsForbiddenAndChangesNothing(string role, string action)
    {
        await using var store = await TestStore.CreateAsync();
        var target = await store.SeedStaffUserAsync("target@example.com", "Target", Roles.Staff);
        store.ActAs(role);
        var service = store.Get<StaffUserService>();

        await Assert.ThrowsAsync<ForbiddenException>(() => action switch
        {
            "list" => service.ListAsync(new StaffUserQuery()),
            "get" => service.GetAsync(target.Id),
            "create" => service.CreateAsync(NewStaffUser("new@example.com", "New", Roles.Admin)),
            "update" => service.UpdateAsync(target.Id, new UpdateStaffUser { DisplayName = "Hacked", Roles = [Roles.Admin], Version = target.Version }),
            "disable" => service.SetDisabledAsync(target.Id, true, target.Version),
            "enable" => service.SetDisabledAsync(target.Id, false, target.Version),
            "reset password" => service.ResetPasswordAsync(target.Id, new ResetStaffUserPassword { NewPassword = "Hijacked-Pass-99", Version = target.Version }),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        });

        await using var db = await store.DbAsync();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(target.Version, (await store.LoadStaffUserAsync(target.Id)).Version);
    }

    [Fact]
    public async Task Create_WhenNotSignedIn_IsForbidden()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAsAnonymous();

        await Assert.ThrowsAsync<ForbiddenException>(() => store.AddStaffUserAsync("new@example.com", "New", Roles.Admin));
    }

    [Fact]
    public async Task Get_OwnAccount_IsAllowedWithoutAdmin()
    {
        await using var store = await TestStore.CreateAsync();
        var me = await store.SeedStaffUserAsync("me@example.com", "Me", Roles.Viewer);
        store.ActAs(Roles.Viewer, me.Id, me.Email);

        var read = await store.Get<StaffUserService>().GetAsync(me.Id);

        Assert.Equal("me@example.com", read.Email);
    }
}
