using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Invitations;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;
using Portal.Tests.Components.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

public sealed partial class InvitationServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private OrganisationService Orgs => _store.Get<OrganisationService>();
    private OrganisationInvitationService Invitations => _store.Get<OrganisationInvitationService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(s => s.Configure<InvitationOptions>(o => o.BaseUrl = "https://portal.example/"));
        _store.ActAs(Roles.Staff, email: "sam@test.example");
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static CreateInvitation Invite(string email = "Bea.Baker@Example.com ", MemberRole role = MemberRole.Member) =>
        new() { Email = email, GivenName = "Bea", Role = role };

    private static AcceptInvitation Names(string given = "Beatrice", string? family = "Baker") => new() { GivenName = given, FamilyName = family };

    /// <summary>The token of the newest invitation email to <paramref name="to"/>, read from the link in the outbox.</summary>
    private async Task<string> TokenSentToAsync(string to = "bea.baker@example.com")
    {
        await using var db = await _store.DbAsync();
        var email = await db.OutboxEmails.Where(e => e.To == to).OrderByDescending(e => e.Id).FirstAsync();
        return JoinLink().Match(email.Revealed(_store.Get<OutboxSecretProtector>())).Groups[1].Value;
    }

    [GeneratedRegex(@"https://portal\.example/invitations/accept/([A-Za-z0-9_-]{43})\n")]
    private static partial Regex JoinLink();

    [Fact]
    public async Task Invite_EmailsAOneTimeLink_InTheSameTransaction_AndKeepsOnlyAHashOfItsToken()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");

        var invitation = await Invitations.InviteAsync(org.Id, Invite(role: MemberRole.Admin));

        Assert.Equal(("bea.baker@example.com", MemberRole.Admin, InvitationStatus.Pending, "sam@test.example"),
            (invitation.Email, invitation.Role, invitation.Status, invitation.InvitedBy));
        Assert.Equal(_store.Clock.GetUtcNow().AddDays(7), invitation.ExpiresAt);
        await using var db = await _store.DbAsync();
        var email = Assert.Single(db.OutboxEmails);
        Assert.Equal("bea.baker@example.com", email.To);
        Assert.Equal("You are invited to join Up Marden Farms", email.Subject);
        Assert.Contains("as an admin", email.TextBody);
        Assert.Contains("expires on 30 November 2026 at 09:00 UTC", email.TextBody);
        var token = await TokenSentToAsync();
        Assert.Equal(32, Base64UrlDecodedLength(token));

        var stored = await db.Invitations.SingleAsync();
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), stored.TokenHash);
        var raw = await RawRowsAsync(db, "Invitations");
        Assert.DoesNotContain(token, await RawRowsAsync(db, "OutboxEmails")); // the link waits encrypted, and only until sent
        Assert.DoesNotContain(token, raw);
        Assert.DoesNotContain(token, await RawRowsAsync(db, "AuditEntries"));
        Assert.Equal(org.Version, (await Orgs.GetAsync(org.Id)).Organisation.Version); // inviting does not change the organisation
    }

    [Fact]
    public async Task Accept_AddsTheMemberThroughTheOrganisation_AndUsesTheLinkUp()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        await Invitations.InviteAsync(org.Id, Invite());
        var token = await TokenSentToAsync();
        _store.ActAsAnonymous(); // the invitee is nobody Portal knows

        var preview = await Invitations.FindForJoinAsync(token);
        Assert.Equal(("Up Marden Farms", "bea.baker@example.com", MemberRole.Member, InvitationStatus.Pending), (preview!.OrganisationName, preview.Email, preview.Role, preview.Status));
        await Invitations.AcceptAsync(token, Names());

        _store.ActAs(Roles.Viewer);
        var after = await Orgs.GetAsync(org.Id);
        var member = Assert.Single(after.Members, m => m.Email == "bea.baker@example.com");
        Assert.Equal(("Beatrice", "Baker", MemberRole.Member), (member.GivenName, member.FamilyName, member.Role));
        Assert.Equal(org.Version + 1, after.Organisation.Version);
        var row = Assert.Single((await Invitations.ListAsync(org.Id, new InvitationQuery())).Items);
        Assert.Equal(InvitationStatus.Accepted, row.Status);
        Assert.Equal(_store.Clock.GetUtcNow(), row.AcceptedAt);

        _store.ActAsAnonymous();
        var again = await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(token, Names()));
        Assert.Equal("invitation.already_used", again.Code);
        Assert.Equal(InvitationStatus.Accepted, (await Invitations.FindForJoinAsync(token))!.Status);
    }

    [Fact]
    public async Task An_acceptance_is_audited_as_the_invitees_doing_and_shows_in_the_organisations_history()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var invitation = await Invitations.InviteAsync(org.Id, Invite());
        var token = await TokenSentToAsync();
        _store.ActAsAnonymous();

        await Invitations.AcceptAsync(token, Names());

        Assert.Equal(CurrentUserAccessor.SystemName, _store.User.Name); // acting for the invitee ended with the save
        await using var db = await _store.DbAsync();
        var entries = await db.AuditEntries.Where(e => e.ActorId == $"invitation:{invitation.Id}").ToListAsync();
        Assert.Equal([nameof(Invitation), nameof(OrganisationMember)], entries.Select(e => e.EntityType).Distinct().Order());
        Assert.All(entries, e => Assert.Equal("invitee:bea.baker@example.com", e.Actor));
        Assert.DoesNotContain(db.AuditEntries, e => e.Actor == CurrentUserAccessor.SystemName);

        _store.ActAs(Roles.Viewer);
        var history = await _store.Get<AuditService>().HistoryAsync(nameof(Organisation), org.Id.ToString(), new ListQuery());
        Assert.Contains(history.Items, e => e is { EntityType: nameof(OrganisationMember), Actor: "invitee:bea.baker@example.com" });
    }

    [Fact]
    public async Task A_link_expires_after_seven_days_by_the_clock()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        await Invitations.InviteAsync(org.Id, Invite());
        var token = await TokenSentToAsync();

        _store.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(InvitationStatus.Pending, (await Invitations.FindForJoinAsync(token))!.Status);
        _store.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(InvitationStatus.Expired, (await Invitations.FindForJoinAsync(token))!.Status);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(token, Names()));
        Assert.Equal("invitation.expired", error.Code);
        Assert.DoesNotContain((await Orgs.GetAsync(org.Id)).Members, m => m.Email == "bea.baker@example.com");
        Assert.Equal(InvitationStatus.Expired, Assert.Single((await Invitations.ListAsync(org.Id, new InvitationQuery { Status = InvitationStatus.Expired })).Items).Status);
        Assert.Empty((await Invitations.ListAsync(org.Id, new InvitationQuery { Status = InvitationStatus.Pending })).Items);
        Assert.Single((await Invitations.ListAsync(org.Id, new InvitationQuery { Open = true })).Items);
    }

    [Fact]
    public async Task How_long_a_link_works_is_configurable()
    {
        await using var store = await TestStore.CreateAsync(s => s.Configure<InvitationOptions>(o => o.ValidFor = TimeSpan.FromHours(48)));
        store.ActAs(Roles.Staff);
        var org = await store.Get<OrganisationService>().CreateAsync("Up Marden Farms");

        var invitation = await store.Get<OrganisationInvitationService>().InviteAsync(org.Id, Invite());

        Assert.Equal(store.Clock.GetUtcNow().AddHours(48), invitation.ExpiresAt);
        await using var db = await store.DbAsync();
        Assert.Contains("http://localhost:5080/invitations/accept/", (await db.OutboxEmails.SingleAsync()).Revealed(store.Get<OutboxSecretProtector>())); // the default base URL
    }

    [Fact]
    public async Task A_revoked_link_no_longer_works()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var invitation = await Invitations.InviteAsync(org.Id, Invite());
        var token = await TokenSentToAsync();

        var revoked = await Invitations.RevokeAsync(org.Id, invitation.Id, invitation.Version);

        Assert.Equal(InvitationStatus.Revoked, revoked.Status);
        var error = await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(token, Names()));
        Assert.Equal("invitation.revoked", error.Code);
        var twice = await Assert.ThrowsAsync<ConflictException>(() => Invitations.RevokeAsync(org.Id, invitation.Id, revoked.Version));
        Assert.Equal("invitation.revoked", twice.Code);
        var resend = await Assert.ThrowsAsync<ConflictException>(() => Invitations.ResendAsync(org.Id, invitation.Id, revoked.Version));
        Assert.Equal("invitation.revoked", resend.Code);
    }

    [Fact]
    public async Task Resend_withdraws_the_old_link_and_emails_a_new_one_with_a_fresh_expiry()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var first = await Invitations.InviteAsync(org.Id, Invite());
        var oldToken = await TokenSentToAsync();
        _store.Clock.Advance(TimeSpan.FromDays(8)); // expired: resending is how staff give a new chance

        var fresh = await Invitations.ResendAsync(org.Id, first.Id, first.Version);

        var newToken = await TokenSentToAsync();
        Assert.NotEqual(oldToken, newToken);
        Assert.NotEqual(first.Id, fresh.Id);
        Assert.Equal(_store.Clock.GetUtcNow().AddDays(7), fresh.ExpiresAt);
        Assert.Equal(("Bea", MemberRole.Member), (fresh.GivenName, fresh.Role));
        await using (var db = await _store.DbAsync()) Assert.Equal(2, await db.OutboxEmails.CountAsync());
        Assert.Equal(InvitationStatus.Revoked, (await Invitations.FindForJoinAsync(oldToken))!.Status);
        await Invitations.AcceptAsync(newToken, Names());
        var accepted = await Invitations.ListAsync(org.Id, new InvitationQuery { Status = InvitationStatus.Accepted });
        Assert.Equal(fresh.Id, Assert.Single(accepted.Items).Id);
        var afterUse = await Assert.ThrowsAsync<ConflictException>(() => Invitations.ResendAsync(org.Id, fresh.Id, accepted.Items[0].Version));
        Assert.Equal("invitation.already_used", afterUse.Code);
    }

    [Fact]
    public async Task Inviting_a_pending_email_again_replaces_the_old_invitation()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var first = await Invitations.InviteAsync(org.Id, Invite());
        var oldToken = await TokenSentToAsync();

        var second = await Invitations.InviteAsync(org.Id, Invite("bea.baker@example.com", MemberRole.Admin));

        var open = await Invitations.ListAsync(org.Id, new InvitationQuery { Open = true });
        Assert.Equal(second.Id, Assert.Single(open.Items).Id);
        Assert.Equal(InvitationStatus.Revoked, (await Invitations.ListAsync(org.Id, new InvitationQuery { Status = InvitationStatus.Revoked })).Items.Single(i => i.Id == first.Id).Status);
        Assert.Equal("invitation.revoked", (await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(oldToken, Names()))).Code);
    }

    [Theory]
    [InlineData("email", "not-an-email", MemberRole.Member)]
    [InlineData("email", "", MemberRole.Member)]
    [InlineData("role", "bea@example.com", MemberRole.Owner)]
    [InlineData("givenName", "bea@example.com", MemberRole.Member)]
    public async Task Invite_with_bad_input_is_a_field_error_and_sends_nothing(string field, string email, MemberRole role)
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var command = Invite(email, role);
        if (field == "givenName") command.GivenName = new string('a', 101);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Invitations.InviteAsync(org.Id, command));

        Assert.Equal([field], error.Errors.Keys);
        await using var db = await _store.DbAsync();
        Assert.Empty(db.OutboxEmails);
        Assert.Empty(db.Invitations);
    }

    [Fact]
    public async Task Inviting_an_existing_member_is_a_field_error()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms"); // its owner is olive@example.com

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Invitations.InviteAsync(org.Id, Invite("Olive@Example.com")));

        Assert.Contains("already a member", error.Errors["email"][0]);
    }

    [Fact]
    public async Task Accepting_needs_a_first_name_and_an_unknown_link_is_not_found()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        await Invitations.InviteAsync(org.Id, Invite());
        var token = await TokenSentToAsync();
        _store.ActAsAnonymous();

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Invitations.AcceptAsync(token, Names(" ", null)));
        Assert.Equal(["givenName"], error.Errors.Keys);
        Assert.Null(await Invitations.FindForJoinAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        Assert.Null(await Invitations.FindForJoinAsync(""));
        await Assert.ThrowsAsync<NotFoundException>(() => Invitations.AcceptAsync("no-such-token", Names()));
        Assert.Equal(InvitationStatus.Pending, (await Invitations.FindForJoinAsync(token))!.Status);
    }

    [Fact]
    public async Task An_archived_organisation_takes_no_invitations_and_its_links_stop_working()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var invitation = await Invitations.InviteAsync(org.Id, Invite());
        var token = await TokenSentToAsync();
        await Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "Closed down", Version = org.Version });

        Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(() => Invitations.InviteAsync(org.Id, Invite("new@example.com")))).Code);
        Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(() => Invitations.RevokeAsync(org.Id, invitation.Id, invitation.Version))).Code);
        Assert.True((await Invitations.FindForJoinAsync(token))!.OrganisationArchived);
        Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(() => Invitations.AcceptAsync(token, Names()))).Code);
    }

    [Fact]
    public async Task A_stale_invitation_version_is_a_concurrency_conflict()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var invitation = await Invitations.InviteAsync(org.Id, Invite());

        await Assert.ThrowsAsync<ConcurrencyException>(() => Invitations.RevokeAsync(org.Id, invitation.Id, invitation.Version + 1));
        await Assert.ThrowsAsync<NotFoundException>(() => Invitations.RevokeAsync(Guid.CreateVersion7(), invitation.Id, invitation.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => Invitations.RevokeAsync(org.Id, Guid.CreateVersion7(), invitation.Version));
    }

    [Fact]
    public async Task Viewers_read_invitations_but_cannot_invite_resend_or_revoke()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var invitation = await Invitations.InviteAsync(org.Id, Invite());

        _store.ActAs(Roles.Viewer);
        Assert.Single((await Invitations.ListAsync(org.Id, new InvitationQuery())).Items);
        await Assert.ThrowsAsync<ForbiddenException>(() => Invitations.InviteAsync(org.Id, Invite("new@example.com")));
        await Assert.ThrowsAsync<ForbiddenException>(() => Invitations.RevokeAsync(org.Id, invitation.Id, invitation.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => Invitations.ResendAsync(org.Id, invitation.Id, invitation.Version));
        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => Invitations.ListAsync(org.Id, new InvitationQuery()));
    }

    [Fact]
    public async Task The_audit_trail_records_the_invitation_and_the_new_member_but_never_the_token()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var invitation = await Invitations.InviteAsync(org.Id, Invite());
        var token = await TokenSentToAsync();
        _store.ActAsAnonymous();
        await Invitations.AcceptAsync(token, Names());

        _store.ActAs(Roles.Admin);
        var audit = _store.Get<AuditService>();
        var history = await audit.HistoryAsync(nameof(Invitation), invitation.Id.ToString(), new ListQuery());
        Assert.Equal([AuditActions.Updated, AuditActions.Created], history.Items.Select(e => e.Action));
        Assert.Equal(AuditInterceptor.Redacted, history.Items[1].Changes.Single(c => c.Field == "tokenHash").To);
        Assert.Contains(history.Items[0].Changes, c => c.Field == "state" && c.From == "Sent" && c.To == "Accepted");
        var members = await audit.ListAsync(new AuditQuery { EntityType = nameof(OrganisationMember), Q = "bea.baker@example.com" });
        Assert.Single(members.Items, e => e.Action == AuditActions.Created);
    }

    private static int Base64UrlDecodedLength(string token) =>
        Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - token.Length % 4) % 4)).Length;

    private static async Task<string> RawRowsAsync(Microsoft.EntityFrameworkCore.DbContext db, string table)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            for (var i = 0; i < reader.FieldCount; i++)
                values.Add(reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] b ? Convert.ToBase64String(b) + "|" + Encoding.UTF8.GetString(b) : reader.GetValue(i).ToString()!);
        return string.Join("|", values);
    }
}
