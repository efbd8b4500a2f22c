using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Outbox;
using Portal.Tests.Support;
using static Portal.Tests.Support.DomainData;

namespace Portal.Tests.Domain.Admin;

public sealed class StaffUserCreateTests
{
    [Fact]
    public async Task Create_StoresUserWithRolesAsEntered_NameTrimmed()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<StaffUserService>();

        var created = await service.CreateAsync(NewStaffUser("Grace.Hopper@Example.COM", "  Grace Hopper ", Roles.Viewer, Roles.Staff));

        var read = await service.GetAsync(created.Id);
        Assert.Equal("Grace.Hopper@Example.COM", read.Email);
        Assert.Equal("Grace Hopper", read.DisplayName);
        Assert.Equal([Roles.Staff, Roles.Viewer], read.Roles);
        Assert.False(read.IsDisabled);
        Assert.Equal(1, read.Version);
        Assert.Equal(store.Clock.GetUtcNow(), read.CreatedAt);
    }

    [Fact]
    public async Task Create_NormalizesEmailForLookup()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);

        var created = await store.AddStaffUserAsync("Grace.Hopper@Example.com", "Grace Hopper");

        var stored = await store.LoadStaffUserAsync(created.Id);
        Assert.Equal("GRACE.HOPPER@EXAMPLE.COM", stored.NormalizedEmail);
        Assert.Equal("GRACE.HOPPER@EXAMPLE.COM", stored.NormalizedUserName);
    }

    [Fact]
    public async Task Create_StoresAHashThatVerifies_NotThePassword()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);

        var created = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper");

        var stored = await store.LoadStaffUserAsync(created.Id);
        Assert.NotNull(stored.PasswordHash);
        Assert.DoesNotContain(StrongPassword, stored.PasswordHash);
        var hasher = store.Get<IPasswordHasher<StaffUser>>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(stored, stored.PasswordHash, StrongPassword));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(stored, stored.PasswordHash, StrongPassword + "x"));
    }

    [Fact]
    public async Task Create_QueuesAWelcomeEmailToTheNewUser()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);

        await store.AddStaffUserAsync("grace@example.com", "Grace Hopper");

        await using var db = await store.DbAsync();
        var email = Assert.Single(await db.OutboxEmails.ToListAsync());
        Assert.Equal("grace@example.com", email.To);
        Assert.Equal(OutboxStatus.Pending, email.Status);
        Assert.Contains("Grace Hopper", email.TextBody);
        Assert.DoesNotContain(StrongPassword, email.TextBody);
    }

    [Fact]
    public async Task Create_WithEmailAlreadyTakenInAnotherCase_IsValidationErrorOnEmail()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        await store.AddStaffUserAsync("grace@example.com", "Grace Hopper");

        var ex = await Assert.ThrowsAsync<DomainValidationException>(
            () => store.AddStaffUserAsync("GRACE@example.com", "Another Grace"));

        Assert.Contains("email", ex.Errors.Keys);
        await using var db = await store.DbAsync();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(1, await db.OutboxEmails.CountAsync());
    }

    [Theory]
    [InlineData("empty name", "displayName")]
    [InlineData("blank name", "displayName")]
    [InlineData("1000-character name", "displayName")]
    [InlineData("empty email", "email")]
    [InlineData("email without @", "email")]
    [InlineData("email without a dot in the domain", "email")]
    [InlineData("email with a space", "email")]
    [InlineData("short password", "password")]
    [InlineData("password without a digit", "password")]
    [InlineData("password without upper case", "password")]
    [InlineData("password without lower case", "password")]
    [InlineData("password of repeated characters", "password")]
    [InlineData("unknown role", "roles")]
    [InlineData("no role", "roles")]
    public async Task Create_WithBadInput_IsErrorOnThatFieldAndStoresNothing(string badInput, string field)
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var command = NewStaffUser("grace@example.com", "Grace Hopper", Roles.Staff);
        switch (badInput)
        {
            case "empty name": command.DisplayName = ""; break;
            case "blank name": command.DisplayName = "   "; break;
            case "1000-character name": command.DisplayName = new string('a', 1000); break;
            case "empty email": command.Email = ""; break;
            case "email without @": command.Email = "grace.example.com"; break;
            case "email without a dot in the domain": command.Email = "grace@example"; break;
            case "email with a space": command.Email = "grace hopper@example.com"; break;
            case "short password": command.Password = "Short-1a"; break;
            case "password without a digit": command.Password = "Correct-Horse-Battery"; break;
            case "password without upper case": command.Password = "correct-horse-42"; break;
            case "password without lower case": command.Password = "CORRECT-HORSE-42"; break;
            case "password of repeated characters": command.Password = "Aa1Aa1Aa1Aa1Aa1"; break;
            case "unknown role": command.Roles = [Roles.Staff, "Superuser"]; break;
            case "no role": command.Roles = []; break;
            default: throw new ArgumentOutOfRangeException(nameof(badInput));
        }

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => store.Get<StaffUserService>().CreateAsync(command));

        Assert.Equal([field], ex.Errors.Keys);
        Assert.NotEmpty(ex.Errors[field]);
        await using var db = await store.DbAsync();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.OutboxEmails.CountAsync());
    }
}
