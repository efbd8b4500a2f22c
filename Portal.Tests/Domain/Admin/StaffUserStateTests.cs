using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Outbox;
using Portal.Tests.Support;
using static Portal.Tests.Support.DomainData;

namespace Portal.Tests.Domain.Admin;

/// <summary>Disable, enable and password reset.</summary>
public sealed class StaffUserStateTests
{
    [Fact]
    public async Task Disable_MarksDisabledAndChangesSecurityStamp()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        var stampBefore = (await store.LoadStaffUserAsync(grace.Id)).SecurityStamp;

        var row = await store.Get<StaffUserService>().SetDisabledAsync(grace.Id, true, grace.Version);

        Assert.True(row.IsDisabled);
        var stored = await store.LoadStaffUserAsync(grace.Id);
        Assert.True(stored.IsDisabled);
        Assert.NotEqual(stampBefore, stored.SecurityStamp);
        Assert.Equal(grace.Version + 1, stored.Version);
    }

    [Fact]
    public async Task Disable_OwnAccount_IsConflict()
    {
        await using var store = await TestStore.CreateAsync();
        var me = await store.SeedStaffUserAsync("me@example.com", "Me", Roles.Admin);
        await store.SeedStaffUserAsync("other@example.com", "Other Admin", Roles.Admin);
        store.ActAs(Roles.Admin, me.Id, me.Email);

        var ex = await Assert.ThrowsAsync<ConflictException>(() => store.Get<StaffUserService>().SetDisabledAsync(me.Id, true, me.Version));

        Assert.Equal("staff_user.self_disable", ex.Code);
        Assert.False((await store.LoadStaffUserAsync(me.Id)).IsDisabled);
    }

    [Fact]
    public async Task Disable_WhenAlreadyDisabled_IsConflict()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        var service = store.Get<StaffUserService>();
        var disabled = await service.SetDisabledAsync(grace.Id, true, grace.Version);

        var ex = await Assert.ThrowsAsync<ConflictException>(() => service.SetDisabledAsync(grace.Id, true, disabled.Version));

        Assert.Equal("staff_user.already_disabled", ex.Code);
        Assert.Equal(disabled.Version, (await store.LoadStaffUserAsync(grace.Id)).Version);
    }

    [Fact]
    public async Task Disable_TheLastActiveAdmin_IsConflict()
    {
        await using var store = await TestStore.CreateAsync();
        var onlyAdmin = await store.SeedStaffUserAsync("admin@example.com", "Only Admin", Roles.Admin);
        store.ActAs(Roles.Admin);

        var ex = await Assert.ThrowsAsync<ConflictException>(
            () => store.Get<StaffUserService>().SetDisabledAsync(onlyAdmin.Id, true, onlyAdmin.Version));

        Assert.Equal("staff_user.last_admin", ex.Code);
        Assert.False((await store.LoadStaffUserAsync(onlyAdmin.Id)).IsDisabled);
    }

    [Fact]
    public async Task Enable_ReenablesAndLiftsLockout()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        var service = store.Get<StaffUserService>();
        await service.SetDisabledAsync(grace.Id, true, grace.Version);
        var version = await LockOutAsync(store, grace.Id);
        Assert.True((await service.GetAsync(grace.Id)).IsLockedOut);

        var row = await service.SetDisabledAsync(grace.Id, false, version);

        Assert.False(row.IsDisabled);
        Assert.False(row.IsLockedOut);
        var stored = await store.LoadStaffUserAsync(grace.Id);
        Assert.False(stored.IsDisabled);
        Assert.Null(stored.LockoutEnd);
        Assert.Equal(0, stored.AccessFailedCount);
    }

    [Fact]
    public async Task Enable_WhenNotDisabled_IsConflict()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);

        var ex = await Assert.ThrowsAsync<ConflictException>(
            () => store.Get<StaffUserService>().SetDisabledAsync(grace.Id, false, grace.Version));

        Assert.Equal("staff_user.not_disabled", ex.Code);
    }

    [Fact]
    public async Task ResetPassword_SetsAVerifyingHash_LiftsLockout_AndQueuesAnEmail()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin, email: "boss@example.com");
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        var version = await LockOutAsync(store, grace.Id);
        var before = await store.LoadStaffUserAsync(grace.Id);
        const string newPassword = "Brand-New-Secret-7";

        await store.Get<StaffUserService>().ResetPasswordAsync(grace.Id, new ResetStaffUserPassword { NewPassword = newPassword, Version = version });

        var after = await store.LoadStaffUserAsync(grace.Id);
        var hasher = store.Get<IPasswordHasher<StaffUser>>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(after, after.PasswordHash!, newPassword));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(after, after.PasswordHash!, StrongPassword));
        Assert.DoesNotContain(newPassword, after.PasswordHash!);
        Assert.Null(after.LockoutEnd);
        Assert.Equal(0, after.AccessFailedCount);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);

        await using var db = await store.DbAsync();
        var resetMail = Assert.Single(await db.OutboxEmails.Where(o => o.Subject.Contains("password")).ToListAsync());
        Assert.Equal("grace@example.com", resetMail.To);
        Assert.Equal(OutboxStatus.Pending, resetMail.Status);
        Assert.Contains("boss@example.com", resetMail.TextBody);
        Assert.DoesNotContain(newPassword, resetMail.TextBody);
    }

    [Fact]
    public async Task ResetPassword_WithAWeakPassword_IsErrorOnNewPasswordAndKeepsTheOldOne()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        var hashBefore = (await store.LoadStaffUserAsync(grace.Id)).PasswordHash;

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => store.Get<StaffUserService>()
            .ResetPasswordAsync(grace.Id, new ResetStaffUserPassword { NewPassword = "password", Version = grace.Version }));

        Assert.Equal(["newPassword"], ex.Errors.Keys);
        Assert.Equal(hashBefore, (await store.LoadStaffUserAsync(grace.Id)).PasswordHash);
        await using var db = await store.DbAsync();
        Assert.Equal(1, await db.OutboxEmails.CountAsync()); // only the welcome email
    }

    /// <summary>Simulates failed sign-ins that locked the account for an hour; returns the new version.</summary>
    private static async Task<long> LockOutAsync(TestStore store, Guid id)
    {
        await using var db = await store.DbAsync();
        var user = await db.Users.SingleAsync(u => u.Id == id);
        user.AccessFailedCount = 5;
        user.LockoutEnd = store.Clock.GetUtcNow().AddHours(1);
        await db.SaveChangesAsync();
        return user.Version;
    }
}
