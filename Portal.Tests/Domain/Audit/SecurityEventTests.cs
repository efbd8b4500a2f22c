using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;
using Portal.Tests.Components.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Audit;

/// <summary>Which saved changes are security events, what each records, and who may read them.</summary>
public sealed class SecurityEventTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private AuditService Audit => _store.Get<AuditService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Admin, email: "ada@example.com");
        _store.User.Origin = new RequestOrigin("198.51.100.4", "Mozilla/5.0 " + new string('x', 400));
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<List<AuditEntry>> EntriesAsync(string entityType, string entityId)
    {
        await using var db = await _store.DbAsync();
        return await db.AuditEntries.Where(a => a.EntityType == entityType && a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task APasswordReset_IsTaggedPasswordSet_ARename_IsAnOrdinaryChange()
    {
        var grace = await _store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        var renamed = await _store.Get<StaffUserService>().UpdateAsync(grace.Id, new UpdateStaffUser { DisplayName = "Grace B. Hopper", Roles = [Roles.Staff], Version = grace.Version });
        await _store.Get<StaffUserService>().ResetPasswordAsync(grace.Id, new ResetStaffUserPassword { NewPassword = "Another-Horse-43", Version = renamed.Version });

        var entries = await EntriesAsync(nameof(StaffUser), grace.Id.ToString());
        Assert.Equal([(AuditActions.Created, null), (AuditActions.RoleAdded, SecurityEvents.RoleChanged), (AuditActions.Updated, null), (AuditActions.Updated, SecurityEvents.PasswordSet)],
            entries.Select(e => (e.Action, e.SecurityEvent)));
        var reset = entries[^1];
        Assert.Equal(("198.51.100.4", RequestOrigin.UserAgentMaxLength), (reset.ClientAddress, reset.UserAgent!.Length));
        Assert.DoesNotContain("Another-Horse", reset.Changes);
        Assert.Null(entries[2].ClientAddress); // an ordinary change records no origin
    }

    [Fact]
    public async Task AKeyRevoke_IsOneEntry_TheChange_TaggedApiKeyRevoked()
    {
        var key = await _store.Get<ApiKeyService>().CreateAsync(new CreateApiKey { Name = "Billing sync", Role = Roles.Viewer });
        _store.Clock.Advance(TimeSpan.FromMinutes(1));
        await _store.Get<ApiKeyService>().RevokeAsync(key.Key.Id, key.Key.Version);

        var entries = await EntriesAsync(nameof(ApiKey), key.Key.Id.ToString());
        Assert.Equal([(AuditActions.Created, SecurityEvents.ApiKeyCreated), (AuditActions.Updated, SecurityEvents.ApiKeyRevoked)],
            entries.Select(e => (e.Action, e.SecurityEvent)));
        Assert.All(entries, e => Assert.Equal(("ada@example.com", "198.51.100.4"), (e.Actor, e.ClientAddress)));
    }

    [Fact]
    public async Task FailedSignIns_RecordTheAttemptedEmailNormalised_AndNoPassword()
    {
        _store.ActAsAnonymous();
        await _store.Get<SecurityEventLog>().SignInFailedAsync("  Mallory@Example.COM ", null, SecurityEventLog.Reasons.UnknownEmail);

        _store.ActAs(Roles.Admin);
        var failed = Assert.Single((await Audit.ListAsync(new AuditQuery { Kind = SecurityEvents.SignInFailed })).Items);
        Assert.Equal(("mallory@example.com", nameof(StaffUser), SecurityEventLog.UnknownAccount, SecurityEvents.SignInFailed, "198.51.100.4"),
            (failed.Actor, failed.EntityType, failed.EntityId, failed.Action, failed.ClientAddress));
        Assert.Equal(_store.Clock.GetUtcNow(), failed.At);
    }

    [Fact]
    public async Task AnInvitationLink_IsHiddenInTheOutboxList_AndShowingIt_IsASecretRevealedEvent_ForAdminsOnly()
    {
        var org = await _store.Get<OrganisationService>().CreateAsync("Up Marden Farms");
        await _store.Get<OrganisationInvitationService>().InviteAsync(org.Id, new CreateInvitation { Email = "bea@example.com" });
        await using var db = await _store.DbAsync();
        var stored = await db.OutboxEmails.SingleAsync(e => e.To == "bea@example.com");
        var link = System.Text.RegularExpressions.Regex.Match(stored.Revealed(_store.Get<OutboxSecretProtector>()), @"\S+/invitations/accept/\S+").Value;
        Assert.NotEmpty(link);
        var outbox = _store.Get<OutboxService>();

        var listed = Assert.Single((await outbox.ListAsync(new OutboxQuery { Q = "bea@" })).Items);
        Assert.True(listed.HidesSecret);
        Assert.DoesNotContain(link, listed.TextBody);
        Assert.Contains(OutboxEmail.HiddenSecret, listed.TextBody);
        Assert.Empty((await Audit.ListAsync(new AuditQuery { Kind = SecurityEvents.SecretRevealed })).Items);

        Assert.Contains(link, await outbox.RevealAsync(listed.Id));

        var shown = Assert.Single((await Audit.ListAsync(new AuditQuery { Kind = SecurityEvents.SecretRevealed })).Items);
        Assert.Equal((nameof(OutboxEmail), listed.Id.ToString(), "ada@example.com", "198.51.100.4"), (shown.EntityType, shown.EntityId, shown.Actor, shown.ClientAddress));
        Assert.DoesNotContain(shown.Changes, c => c.To?.Contains("/invitations/accept/") == true);
        _store.ActAs(Roles.Staff);
        await Assert.ThrowsAsync<ForbiddenException>(() => outbox.RevealAsync(listed.Id));
    }

    [Fact]
    public async Task TheAuditList_FiltersBySecurityAndKind_RefusesAnUnknownKind_AndIsForAdminsOnly()
    {
        var grace = await _store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);
        await _store.Get<StaffUserService>().SetDisabledAsync(grace.Id, true, grace.Version);

        Assert.Equal([SecurityEvents.UserDisabled, SecurityEvents.RoleChanged],
            (await Audit.ListAsync(new AuditQuery { Security = true })).Items.Select(e => e.SecurityEvent));
        Assert.All((await Audit.ListAsync(new AuditQuery { Security = false })).Items, e => Assert.Null(e.SecurityEvent));
        Assert.Equal(grace.Id.ToString(), Assert.Single((await Audit.ListAsync(new AuditQuery { Kind = SecurityEvents.UserDisabled })).Items).EntityId);
        var bad = await Assert.ThrowsAsync<DomainValidationException>(() => Audit.ListAsync(new AuditQuery { Kind = "Teleported" }));
        Assert.Contains("kind", bad.Errors.Keys);

        foreach (var role in new[] { Roles.Staff, Roles.Viewer, Roles.Warehouse })
        {
            _store.ActAs(role);
            await Assert.ThrowsAsync<ForbiddenException>(() => Audit.ListAsync(new AuditQuery { Security = true }));
        }
    }
}
