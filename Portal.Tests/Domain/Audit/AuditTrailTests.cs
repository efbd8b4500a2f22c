using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Audit;

/// <summary>Rule 6: every change writes who, when, what and which fields, with secrets redacted.</summary>
public sealed class AuditTrailTests
{
    [Fact]
    public async Task CreatingAStaffUser_RecordsWhoCreatedItAndItsFields()
    {
        await using var store = await TestStore.CreateAsync();
        var actorId = store.ActAs(Roles.Admin, email: "boss@example.com");
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);

        var history = await store.Get<AuditService>().HistoryAsync(nameof(StaffUser), grace.Id.ToString(), new ListQuery());

        var created = Assert.Single(history.Items, e => e.Action == AuditActions.Created);
        Assert.Equal("boss@example.com", created.Actor);
        Assert.Equal(nameof(StaffUser), created.EntityType);
        Assert.Equal(grace.Id.ToString(), created.EntityId);
        Assert.Equal(store.Clock.GetUtcNow(), created.At);
        Assert.Equal("grace@example.com", To(created, "email"));
        Assert.Equal("Grace Hopper", To(created, "displayName"));
        await using var db = await store.DbAsync();
        Assert.Equal(actorId.ToString(), (await db.AuditEntries.SingleAsync(a => a.Id == created.Id)).ActorId);
    }

    [Fact]
    public async Task CreatingAStaffUser_RecordsEachRoleAsRoleAdded()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff, Roles.Viewer);

        var history = await store.Get<AuditService>().HistoryAsync(nameof(StaffUser), grace.Id.ToString(), new ListQuery());

        var added = history.Items.Where(e => e.Action == AuditActions.RoleAdded).Select(e => To(e, "role")).Order();
        Assert.Equal([Roles.Staff, Roles.Viewer], added);
    }

    [Fact]
    public async Task UpdatingAStaffUser_RecordsOnlyTheChangedFieldsWithBeforeAndAfter()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        store.Clock.Advance(TimeSpan.FromHours(1));
        store.ActAs(Roles.Admin, email: "editor@example.com");

        await store.Get<StaffUserService>().UpdateAsync(grace.Id, new UpdateStaffUser
        {
            DisplayName = "Grace B. Hopper", Roles = [Roles.Staff], Version = grace.Version,
        });

        var history = await store.Get<AuditService>().HistoryAsync(nameof(StaffUser), grace.Id.ToString(), new ListQuery());
        var updated = Assert.Single(history.Items, e => e.Action == AuditActions.Updated);
        Assert.Equal("editor@example.com", updated.Actor);
        Assert.Equal(store.Clock.GetUtcNow(), updated.At);
        var change = Assert.Single(updated.Changes);
        Assert.Equal(new AuditChange("displayName", "Grace Hopper", "Grace B. Hopper"), change);
        Assert.Equal(history.Items[0], updated); // newest first
    }

    [Fact]
    public async Task ChangingRoles_RecordsRoleAddedAndRoleRemovedOnTheStaffUser()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff, Roles.Viewer);
        store.Clock.Advance(TimeSpan.FromMinutes(5));

        await store.Get<StaffUserService>().UpdateAsync(grace.Id, new UpdateStaffUser
        {
            DisplayName = "Grace Hopper", Roles = [Roles.Viewer, Roles.Warehouse], Version = grace.Version,
        });

        var later = await store.Get<AuditService>().ListAsync(new AuditQuery
        {
            EntityType = nameof(StaffUser), EntityId = grace.Id.ToString(), From = store.Clock.GetUtcNow(),
        });
        Assert.Equal([Roles.Warehouse], later.Items.Where(e => e.Action == AuditActions.RoleAdded).Select(e => To(e, "role")));
        Assert.Equal([Roles.Staff], later.Items.Where(e => e.Action == AuditActions.RoleRemoved).Select(e => From(e, "role") ?? To(e, "role")));
        // The sign-out that a role change causes shows only as a redacted change.
        var updated = Assert.Single(later.Items, e => e.Action == AuditActions.Updated);
        Assert.Equal(new AuditChange("securityStamp", AuditInterceptor.Redacted, AuditInterceptor.Redacted), Assert.Single(updated.Changes));
    }

    [Fact]
    public async Task Secrets_AppearOnlyRedacted()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var grace = await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        await store.Get<StaffUserService>().ResetPasswordAsync(grace.Id,
            new ResetStaffUserPassword { NewPassword = "Brand-New-Secret-7", Version = grace.Version });
        var stored = await store.LoadStaffUserAsync(grace.Id);

        var history = await store.Get<AuditService>().HistoryAsync(nameof(StaffUser), grace.Id.ToString(), new ListQuery());

        var created = Assert.Single(history.Items, e => e.Action == AuditActions.Created);
        Assert.Equal(AuditInterceptor.Redacted, To(created, "passwordHash"));
        Assert.Equal(AuditInterceptor.Redacted, To(created, "securityStamp"));
        var reset = Assert.Single(history.Items, e => e.Action == AuditActions.Updated);
        Assert.Contains(new AuditChange("passwordHash", AuditInterceptor.Redacted, AuditInterceptor.Redacted), reset.Changes);
        Assert.Contains(new AuditChange("securityStamp", AuditInterceptor.Redacted, AuditInterceptor.Redacted), reset.Changes);
        await using var db = await store.DbAsync();
        var raw = await db.AuditEntries.Select(a => a.Changes).ToListAsync();
        Assert.DoesNotContain(raw, json => json.Contains(stored.PasswordHash!) || json.Contains(stored.SecurityStamp!));
        Assert.DoesNotContain(raw, json => json.Contains("Brand-New-Secret-7") || json.Contains(DomainData.StrongPassword));
    }

    [Fact]
    public async Task ApiKeyHash_AppearsOnlyRedacted_AndThePlaintextNever()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var key = await store.Get<ApiKeyService>().CreateAsync(new CreateApiKey { Name = "Billing sync", Role = Roles.Staff });

        var history = await store.Get<AuditService>().HistoryAsync(nameof(ApiKey), key.Key.Id.ToString(), new ListQuery());

        var created = Assert.Single(history.Items);
        Assert.Equal(AuditInterceptor.Redacted, To(created, "hash"));
        Assert.Equal(key.Key.Prefix, To(created, "prefix"));
        var secretPart = key.Plaintext[$"ptl_{key.Key.Prefix}_".Length..]; // the secret may itself contain '_'
        await using var db = await store.DbAsync();
        var stored = await db.ApiKeys.SingleAsync();
        var raw = await db.AuditEntries.Select(a => a.Changes).ToListAsync();
        Assert.DoesNotContain(raw, json => json.Contains(secretPart) || json.Contains(Convert.ToBase64String(stored.Hash)));
    }

    [Fact]
    public async Task RevokingAKey_IsAudited_UsingIt_IsNoChange_ButItsFirstUseOfTheDay_IsASecurityEvent()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();
        var key = await service.CreateAsync(new CreateApiKey { Name = "Billing sync", Role = Roles.Staff });
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        await service.AuthenticateAsync(key.Plaintext);
        store.Clock.Advance(TimeSpan.FromMinutes(2));
        await service.AuthenticateAsync(key.Plaintext); // the same day: last-used moves, nothing is recorded
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        await service.RevokeAsync(key.Key.Id, key.Key.Version);

        var history = await store.Get<AuditService>().HistoryAsync(nameof(ApiKey), key.Key.Id.ToString(), new ListQuery());

        Assert.Equal([AuditActions.Updated, SecurityEvents.ApiKeyUsed, AuditActions.Created], history.Items.Select(e => e.Action));
        Assert.Equal("revokedAt", Assert.Single(history.Items[0].Changes).Field);
        Assert.Equal("api-key:Billing sync", history.Items[1].Actor);
        Assert.DoesNotContain(history.Items.SelectMany(e => e.Changes), c => c.Field == "lastUsedAt");
    }

    [Fact]
    public async Task AFailedSave_LeavesNoAuditEntry()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        await store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        await using var db = await store.DbAsync();
        var before = await db.AuditEntries.CountAsync();

        await Assert.ThrowsAsync<DomainValidationException>(() => store.AddStaffUserAsync("grace@example.com", "Grace Again", Roles.Staff));

        Assert.Equal(before, await db.AuditEntries.CountAsync());
    }

    private static string? To(AuditRow row, string field) => row.Changes.Single(c => c.Field == field).To;
    private static string? From(AuditRow row, string field) => row.Changes.Single(c => c.Field == field).From;
}
