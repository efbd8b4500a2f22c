using System.Globalization;
using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Invitations;
using Portal.Domain.Outbox;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// Member invitations by email: the <see cref="InvitationKind.Member"/> kind of the one <see cref="Invitation"/> (its table,
/// lifecycle and History), seen from the organisation with the member-facing status (pending = sent). Admin and Staff invite, resend and revoke; Viewers read. The invitee is not a
/// staff user: the link's token is their only credential, so <see cref="FindForJoinAsync"/> and
/// <see cref="AcceptAsync"/> need no role, and accepting adds the member through the organisation.
/// </summary>
public sealed class OrganisationInvitationService(
    IDbContextFactory<PortalDbContext> dbs,
    CurrentUserAccessor user, // the accessor itself: an acceptance is recorded as the invitee's doing
    TimeProvider clock,
    IOptions<InvitationOptions> options,
    OutboxSecretProtector secrets,
    IValidator<CreateInvitation> inviteValidator,
    IValidator<AcceptInvitation> acceptValidator)
{
    private static readonly SortMap<Invitation> Sorts = new SortMap<Invitation>("-createdAt")
        .Add("createdAt", i => i.CreatedAt)
        .Add("expiresAt", i => i.ExpiresAt)
        .Add("email", i => i.Email)
        .Add("status", i => i.State);

    public async Task<PagedResult<InvitationRow>> ListAsync(Guid organisationId, InvitationQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct)) throw NotFound(organisationId);
        var invitations = db.Invitations.AsNoTracking().Where(i => i.OrganisationId == organisationId && i.Kind == InvitationKind.Member);
        if (!string.IsNullOrWhiteSpace(query.Q))
            invitations = invitations.Where(i => EF.Functions.Like(i.Email, PagingExtensions.ContainsPattern(query.Q), "\\"));
        // Open: what staff may still resend or revoke here (expired ones too: resending one sends a fresh invitation).
        if (query.Open == true) invitations = invitations.Where(i => i.State == InvitationState.Sent || i.State == InvitationState.Expired);
        invitations = query.Status switch
        {
            null => invitations,
            InvitationStatus.Pending => invitations.Where(i => i.State == InvitationState.Sent && i.ExpiresAt > now),
            InvitationStatus.Expired => invitations.Where(i => (i.State == InvitationState.Sent && i.ExpiresAt <= now) || i.State == InvitationState.Expired),
            InvitationStatus.Accepted => invitations.Where(i => i.State == InvitationState.Accepted),
            _ => invitations.Where(i => i.State == InvitationState.Revoked),
        };
        return await Sorts.Apply(invitations, query.Sort, i => i.Id).ToPageAsync(query, RowOf(now), ct);
    }

    public async Task<InvitationRow> GetAsync(Guid organisationId, Guid invitationId, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Invitations.AsNoTracking().Where(i => i.Id == invitationId && i.OrganisationId == organisationId && i.Kind == InvitationKind.Member)
            .Select(RowOf(clock.GetUtcNow())).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Invitation", invitationId);
    }

    /// <summary>
    /// Invites a person and emails them the link, in one transaction. A pending invitation to the same address is
    /// replaced (revoked), so only the newest link works.
    /// </summary>
    public async Task<InvitationRow> InviteAsync(Guid organisationId, CreateInvitation command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await inviteValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await db.Organisations.Include(o => o.Members).FirstOrDefaultAsync(o => o.Id == organisationId, ct) ?? throw NotFound(organisationId);
        org.EnsureEditable();
        var email = OrganisationMember.NormalizeEmail(command.Email);
        if (org.Members.Any(m => m.Email == email))
            throw DomainValidationException.For("email", $"{email} is already a member of {org.Name}.");
        var now = clock.GetUtcNow();
        foreach (var pending in await db.Invitations
                     .Where(i => i.OrganisationId == organisationId && i.Kind == InvitationKind.Member && i.Email == email && i.State == InvitationState.Sent)
                     .ToListAsync(ct))
            await WithdrawAsync(db, pending, now, ct);
        var invitation = Invite(db, org, email, command.GivenName, command.FamilyName, command.Role, now);
        await db.SaveChangesAsync(ct);
        return Row(invitation, now);
    }

    public async Task<InvitationRow> RevokeAsync(Guid organisationId, Guid invitationId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (org, invitation) = await LoadAsync(db, organisationId, invitationId, version, ct);
        org.EnsureEditable();
        var now = clock.GetUtcNow();
        await WithdrawAsync(db, invitation, now, ct);
        await db.SaveChangesAsync(ct);
        return Row(invitation, now);
    }

    /// <summary>Withdraws the old link and sends a new one (with a fresh expiry); returns the new invitation.</summary>
    public async Task<InvitationRow> ResendAsync(Guid organisationId, Guid invitationId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (org, invitation) = await LoadAsync(db, organisationId, invitationId, version, ct);
        org.EnsureEditable();
        var now = clock.GetUtcNow();
        await WithdrawAsync(db, invitation, now, ct);
        var fresh = Invite(db, org, invitation.Email, invitation.FirstName, invitation.LastName, invitation.Role ?? MemberRole.Member, now);
        await db.SaveChangesAsync(ct);
        return Row(fresh, now);
    }

    /// <summary>The invitation behind a link, for the join page; null when no invitation has that token.</summary>
    public async Task<InvitationForJoin?> FindForJoinAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invitation = await FindAsync(db, token, ct);
        if (invitation is null) return null;
        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == invitation.OrganisationId)
            .Select(o => new { o.Name, o.Status, IsMember = o.Members.Any(m => m.Email == invitation.Email) }).FirstAsync(ct);
        return new InvitationForJoin(org.Name, invitation.Email, invitation.FirstName, invitation.LastName, invitation.Role ?? MemberRole.Member,
            StatusOf(invitation.State, invitation.ExpiresAt, clock.GetUtcNow()), invitation.ExpiresAt, org.Status == OrganisationStatus.Archived, org.IsMember);
    }

    /// <summary>
    /// The invitee accepts: they become a member (a change to the organisation, so its version moves and it is
    /// audited) and the link is used up. Unknown links are not found; used, withdrawn or expired ones are conflicts.
    /// </summary>
    public async Task<InvitationForJoin> AcceptAsync(string token, AcceptInvitation command, CancellationToken ct = default)
    {
        await acceptValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invitation = await FindAsync(db, token, ct) ?? throw new NotFoundException("Invitation", "(link)");
        var now = clock.GetUtcNow();
        EnsureUsable(invitation, now);
        var org = await db.Organisations.Include(o => o.Members).FirstAsync(o => o.Id == invitation.OrganisationId, ct);
        if (org.Members.Any(m => m.Email == invitation.Email))
            throw new ConflictException("invitation.already_member", $"{invitation.Email} is already a member of {org.Name}.");
        var member = org.AddMember(invitation.Email, command.GivenName, command.FamilyName ?? "", invitation.Role ?? MemberRole.Member, now);
        invitation.Accept(now, member.Id); // the member is a part: the store moves the organisation's version
        using (user.ActingFor($"invitation:{invitation.Id}", $"invitee:{invitation.Email}"))
            await db.SaveChangesAsync(ct);
        return new InvitationForJoin(org.Name, invitation.Email, member.GivenName, member.FamilyName, invitation.Role ?? MemberRole.Member,
            InvitationStatus.Accepted, invitation.ExpiresAt, false, true);
    }

    private Invitation Invite(PortalDbContext db, Organisation org, string email, string? givenName, string? familyName,
        MemberRole role, DateTimeOffset now)
    {
        var settings = options.Value;
        var (invitation, token) = Invitation.CreateMember(org.Id, email, givenName, familyName, role,
            user.StaffUserId(), user.ActorName, now, settings.ValidFor);
        db.Invitations.Add(invitation);
        db.OutboxEmails.Add(OutboxEmail.Create(invitation.Email,
            new InvitationEmail(invitation.FirstName, org.Name, role, settings.JoinLink(token), invitation.ExpiresAt), now, secrets, invitation.Id));
        return invitation;
    }

    private static async Task<Invitation?> FindAsync(PortalDbContext db, string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = Invitation.HashOfToken(token);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash && i.Kind == InvitationKind.Member, ct);
        return invitation is not null && invitation.MatchesToken(token) ? invitation : null;
    }

    /// <summary>
    /// Withdraws a pending (or expired) member invitation and forgets the link of its unsent email. An expired one is
    /// withdrawn too, so it stops being listed as open; the one lifecycle's revoke covers the sent one.
    /// </summary>
    private async Task WithdrawAsync(PortalDbContext db, Invitation invitation, DateTimeOffset now, CancellationToken ct)
    {
        switch (StatusOf(invitation.State, invitation.ExpiresAt, now))
        {
            case InvitationStatus.Accepted:
                throw new ConflictException("invitation.already_used", $"The invitation to {invitation.Email} was accepted; it can no longer be withdrawn or sent again.");
            case InvitationStatus.Revoked:
                throw new ConflictException("invitation.revoked", $"The invitation to {invitation.Email} was already withdrawn.");
        }
        invitation.Withdraw(user.ActorName, now);
        await InvitationService.PurgeLinksAsync(db, invitation.Id, ct);
    }

    /// <summary>A link works once, until it expires, and not after it was withdrawn.</summary>
    public static void EnsureUsable(Invitation invitation, DateTimeOffset now)
    {
        switch (StatusOf(invitation.State, invitation.ExpiresAt, now))
        {
            case InvitationStatus.Accepted:
                throw new ConflictException("invitation.already_used", "This invitation has already been used.");
            case InvitationStatus.Revoked:
                throw new ConflictException("invitation.revoked", "This invitation was withdrawn.");
            case InvitationStatus.Expired:
                throw new ConflictException("invitation.expired", $"This invitation expired on {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        }
    }

    /// <summary>The member-facing status of the one lifecycle's state: sent is pending; a sent one past its expiry is expired.</summary>
    public static InvitationStatus StatusOf(InvitationState state, DateTimeOffset expiresAt, DateTimeOffset now) =>
        Invitation.StateAt(state, expiresAt, now) switch
        {
            InvitationState.Sent => InvitationStatus.Pending,
            InvitationState.Accepted or InvitationState.Completed => InvitationStatus.Accepted,
            InvitationState.Revoked => InvitationStatus.Revoked,
            _ => InvitationStatus.Expired,
        };

    private static async Task<(Organisation, Invitation)> LoadAsync(PortalDbContext db, Guid organisationId, Guid invitationId,
        long version, CancellationToken ct)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct) ?? throw NotFound(organisationId);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.OrganisationId == organisationId && i.Kind == InvitationKind.Member, ct)
            ?? throw new NotFoundException("Invitation", invitationId);
        invitation.EnsureVersion(version, invitationId);
        return (org, invitation);
    }


    private static InvitationRow Row(Invitation i, DateTimeOffset now) => RowOf(now).Compile()(i);

    private static Expression<Func<Invitation, InvitationRow>> RowOf(DateTimeOffset now) => i => new InvitationRow(
        i.Id, i.OrganisationId!.Value, i.Email, i.FirstName, i.LastName, i.Role ?? MemberRole.Member,
        i.State == InvitationState.Sent && i.ExpiresAt > now ? InvitationStatus.Pending
            : i.State == InvitationState.Sent || i.State == InvitationState.Expired ? InvitationStatus.Expired
            : i.State == InvitationState.Revoked ? InvitationStatus.Revoked : InvitationStatus.Accepted,
        i.CreatedBy, i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.RevokedAt, i.Version);

    private static NotFoundException NotFound(Guid id) => new("Organisation", id);
}
