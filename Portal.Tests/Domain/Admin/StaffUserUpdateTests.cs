using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Admin;

public sealed class StaffUserUpdateTests
{
    [Fact]
    public async Task Update_ChangesNameAndRoles()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Viewer);
        var service = store.Get<StaffUserService>();

        var updated = await service.UpdateAsync(grace.Id, new UpdateStaffUser
        {
            DisplayName = " Rear Admiral Hopper ", Roles = [Roles.Staff, Roles.Warehouse], Version = grace.Version,
        });

        var read = await service.GetAsync(grace.Id);
        Assert.Equal("Rear Admiral Hopper", read.DisplayName);
        Assert.Equal([Roles.Staff, Roles.Warehouse], read.Roles);
        Assert.Equal(updated.Version, read.Version);
        Assert.Equal(grace.Version + 1, read.Version);
    }

    [Fact]
    public async Task Update_ChangingRoles_ChangesSecurityStampSoSessionsEnd()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Viewer);
        var before = (await store.LoadStaffUserAsync(grace.Id)).SecurityStamp;

        await store.Get<StaffUserService>().UpdateAsync(grace.Id, new UpdateStaffUser
        {
            DisplayName = "Grace Hopper", Roles = [Roles.Staff], Version = grace.Version,
        });

        Assert.NotEqual(before, (await store.LoadStaffUserAsync(grace.Id)).SecurityStamp);
    }

    [Fact]
    public async Task Update_ChangingOnlyTheName_KeepsSessions()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Viewer);
        var before = (await store.LoadStaffUserAsync(grace.Id)).SecurityStamp;

        await store.Get<StaffUserService>().UpdateAsync(grace.Id, new UpdateStaffUser
        {
            DisplayName = "Grace B. Hopper", Roles = [Roles.Viewer], Version = grace.Version,
        });

        var after = await store.LoadStaffUserAsync(grace.Id);
        Assert.Equal("Grace B. Hopper", after.DisplayName);
        Assert.Equal(before, after.SecurityStamp);
    }

    [Fact]
    public async Task Update_RemovingOwnAdminRole_IsConflict()
    {
        await using var store = await TestStore.CreateAsync();
        var me = await store.SeedStaffUserAsync("me@example.com", "Me", Roles.Admin);
        await store.SeedStaffUserAsync("other-admin@example.com", "Other Admin", Roles.Admin);
        store.ActAs(Roles.Admin, me.Id, me.Email);
        var service = store.Get<StaffUserService>();

        var ex = await Assert.ThrowsAsync<ConflictException>(() => service.UpdateAsync(me.Id, new UpdateStaffUser
        {
            DisplayName = "Me", Roles = [Roles.Staff], Version = me.Version,
        }));

        Assert.Equal("staff_user.self_demotion", ex.Code);
        var read = await service.GetAsync(me.Id);
        Assert.Equal([Roles.Admin], read.Roles);
        Assert.Equal(me.Version, read.Version);
    }

    [Fact]
    public async Task Update_RemovingAdminFromTheLastActiveAdmin_IsConflict()
    {
        await using var store = await TestStore.CreateAsync();
        var onlyAdmin = await store.SeedStaffUserAsync("admin@example.com", "Only Admin", Roles.Admin);
        store.ActAs(Roles.Admin); // e.g. an Entra admin who is not a local staff user
        var service = store.Get<StaffUserService>();

        var ex = await Assert.ThrowsAsync<ConflictException>(() => service.UpdateAsync(onlyAdmin.Id, new UpdateStaffUser
        {
            DisplayName = "Only Admin", Roles = [Roles.Viewer], Version = onlyAdmin.Version,
        }));

        Assert.Equal("staff_user.last_admin", ex.Code);
        Assert.Equal([Roles.Admin], (await service.GetAsync(onlyAdmin.Id)).Roles);
    }

    [Fact]
    public async Task Update_RemovingAdmin_WhenTheOtherAdminIsDisabled_IsConflict()
    {
        await using var store = await TestStore.CreateAsync();
        var first = await store.SeedStaffUserAsync("first@example.com", "First Admin", Roles.Admin);
        var second = await store.SeedStaffUserAsync("second@example.com", "Second Admin", Roles.Admin);
        store.ActAs(Roles.Admin);
        var service = store.Get<StaffUserService>();
        await service.SetDisabledAsync(second.Id, true, second.Version);

        var ex = await Assert.ThrowsAsync<ConflictException>(() => service.UpdateAsync(first.Id, new UpdateStaffUser
        {
            DisplayName = "First Admin", Roles = [Roles.Staff], Version = first.Version,
        }));

        Assert.Equal("staff_user.last_admin", ex.Code);
    }

    [Fact]
    public async Task Update_RemovingAdmin_WhenAnotherActiveAdminRemains_Succeeds()
    {
        await using var store = await TestStore.CreateAsync();
        var first = await store.SeedStaffUserAsync("first@example.com", "First Admin", Roles.Admin);
        await store.SeedStaffUserAsync("second@example.com", "Second Admin", Roles.Admin);
        store.ActAs(Roles.Admin);
        var service = store.Get<StaffUserService>();

        await service.UpdateAsync(first.Id, new UpdateStaffUser { DisplayName = "First", Roles = [Roles.Staff], Version = first.Version });

        Assert.Equal([Roles.Staff], (await service.GetAsync(first.Id)).Roles);
    }

    [Fact]
    public async Task Update_WithInvalidInput_IsFieldErrorAndChangesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Viewer);
        var service = store.Get<StaffUserService>();

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => service.UpdateAsync(grace.Id, new UpdateStaffUser
        {
            DisplayName = "", Roles = ["Root"], Version = grace.Version,
        }));

        Assert.Equal(["displayName", "roles"], ex.Errors.Keys.Order());
        var read = await service.GetAsync(grace.Id);
        Assert.Equal("Grace Hopper", read.DisplayName);
        Assert.Equal(grace.Version, read.Version);
    }

    [Fact]
    public async Task Update_UnknownUser_IsNotFound()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);

        await Assert.ThrowsAsync<NotFoundException>(() => store.Get<StaffUserService>().UpdateAsync(Guid.CreateVersion7(),
            new UpdateStaffUser { DisplayName = "Nobody", Roles = [Roles.Viewer], Version = 1 }));
    }
}
