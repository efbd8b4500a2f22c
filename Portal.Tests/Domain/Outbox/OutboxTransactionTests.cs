using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Outbox;

/// <summary>An email is written in the same transaction as the change that causes it: both or neither.</summary>
public sealed class OutboxTransactionTests
{
    [Fact]
    public async Task CreatingAStaffUser_WithATakenEmail_QueuesNoEmail()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);

        await Assert.ThrowsAsync<DomainValidationException>(() => store.AddStaffUserAsync("grace@example.com", "Impostor", Roles.Admin));

        await using var db = await store.DbAsync();
        var email = Assert.Single(await db.OutboxEmails.ToListAsync());
        Assert.Contains("Grace Hopper", email.TextBody);
    }

    [Theory]
    [InlineData("AspNetUserRoles")]
    [InlineData("AuditEntries")]
    [InlineData("OutboxEmails")]
    public async Task CreatingAStaffUser_WhenPartOfTheSaveFails_LeavesNoUserNoEmailAndNoAudit(string failingTable)
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        await FailInsertsIntoAsync(store, failingTable);

        await Assert.ThrowsAsync<DbUpdateException>(() => store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff));

        await using var db = await store.DbAsync();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.UserRoles.CountAsync());
        Assert.Equal(0, await db.OutboxEmails.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task ResettingAPassword_WhenTheSaveFails_QueuesNoEmailAndKeepsThePassword()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        var hashBefore = (await store.LoadStaffUserAsync(grace.Id)).PasswordHash;
        await FailInsertsIntoAsync(store, "AuditEntries");

        await Assert.ThrowsAsync<DbUpdateException>(() => store.Get<StaffUserService>().ResetPasswordAsync(grace.Id,
            new ResetStaffUserPassword { NewPassword = "Brand-New-Secret-7", Version = grace.Version }));

        await using var db = await store.DbAsync();
        Assert.Equal(1, await db.OutboxEmails.CountAsync()); // the welcome email only
        Assert.Equal(hashBefore, (await store.LoadStaffUserAsync(grace.Id)).PasswordHash);
    }

    private static async Task FailInsertsIntoAsync(TestStore store, string table)
    {
        await using var db = await store.DbAsync();
        // Table names come from the test's own data, never from input.
        var sql = TestDatabase.IsPostgres
            ? $"CREATE FUNCTION fail_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$; " +
              $"CREATE TRIGGER fail_{table} BEFORE INSERT ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION fail_{table}();"
            : $"CREATE TRIGGER fail_{table} BEFORE INSERT ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'forced failure'); END;";
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
