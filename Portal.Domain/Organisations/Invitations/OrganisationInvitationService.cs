using System.Globalization;
using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Outbox;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// Member invitations by email. Admin and Staff invite, resend and revoke; Viewers read. The invitee is not a
/// staff user: the link's token is their only credential, so <see cref="FindForJoinAsync"/> and
/// <see cref="AcceptAsync"/> need no role, and accepting adds the member through the organisation.
/// </summary>
public sealed class OrganisationInvitationService(
    IDbContextFactory<PortalDbContext> dbs,
    CurrentUserAccessor user, // the accessor itself: an acceptance is recorded as the invitee's doing
    TimeProvider clock,
    IOptions<InvitationOptions> options,
    IValidator<CreateInvitation> inviteValidator,
    IValidator<AcceptInvitation> acceptValidator)
{
    private static readonly SortMap<OrganisationInvitation> Sorts = new SortMap<OrganisationInvitation>("-createdAt")
        .Add("createdAt", i => i.CreatedAt)
        .Add("expiresAt", i => i.ExpiresAt)
        .Add("email", i => i.Email)
        .Add("status", i => i.Status);

    public async Task<PagedResult<InvitationRow>> ListAsync(Guid organisationId, InvitationQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct)) throw NotFound(organisationId);
        var invitations = db.OrganisationInvitations.AsNoTracking().Where(i => i.OrganisationId == organisationId);
        if (!string.IsNullOrWhiteSpace(query.Q))
            invitations = invitations.Where(i => EF.Functions.Like(i.Email, PagingExtensions.ContainsPattern(query.Q), "\\"));
        if (query.Open == true) invitations = invitations.Where(i => i.Status == InvitationStatus.Pending);
        invitations = query.Status switch
        {
            null => invitations,
            InvitationStatus.Pending => invitations.Where(i => i.Status == InvitationStatus.Pending && i.ExpiresAt > now),
            InvitationStatus.Expired => invitations.Where(i => i.Status == InvitationStatus.Pending && i.ExpiresAt <= now),
            var status => invitations.Where(i => i.Status == status),
        };
        return await Sorts.Apply(invitations, query.Sort, i => i.Id).ToPageAsync(query, RowOf(now), ct);
    }

    public async Task<InvitationRow> GetAsync(Guid organisationId, Guid invitationId, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.OrganisationInvitations.AsNoTracking().Where(i => i.Id == invitationId && i.OrganisationId == organisationId)
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
        foreach (var pending in await db.OrganisationInvitations
                     .Where(i => i.OrganisationId == organisationId && i.Email == email && i.Status == InvitationStatus.Pending).ToListAsync(ct))
            pending.Revoke(user.ActorName, now);
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
        invitation.Revoke(user.ActorName, now);
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
        invitation.Revoke(user.ActorName, now);
        var fresh = Invite(db, org, invitation.Email, invitation.GivenName, invitation.FamilyName, invitation.Role, now);
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
        return new InvitationForJoin(org.Name, invitation.Email, invitation.GivenName, invitation.FamilyName, invitation.Role,
            invitation.StatusAt(clock.GetUtcNow()), invitation.ExpiresAt, org.Status == OrganisationStatus.Archived, org.IsMember);
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
        invitation.EnsureUsable(now);
        var org = await db.Organisations.Include(o => o.Members).FirstAsync(o => o.Id == invitation.OrganisationId, ct);
        if (org.Members.Any(m => m.Email == invitation.Email))
            throw new ConflictException("invitation.already_member", $"{invitation.Email} is already a member of {org.Name}.");
        var member = org.AddMember(invitation.Email, command.GivenName, command.FamilyName ?? "", invitation.Role, now);
        invitation.Accept(member.Id, now); // the member is a part: the store moves the organisation's version
        using (user.ActingFor($"invitation:{invitation.Id}", $"invitee:{invitation.Email}"))
            await db.SaveChangesAsync(ct);
        return new InvitationForJoin(org.Name, invitation.Email, member.GivenName, member.FamilyName, invitation.Role,
            InvitationStatus.Accepted, invitation.ExpiresAt, false, true);
    }

    private OrganisationInvitation Invite(PortalDbContext db, Organisation org, string email, string? givenName, string? familyName,
        MemberRole role, DateTimeOffset now)
    {
        var settings = options.Value;
        var (invitation, token) = OrganisationInvitation.Create(org.Id, email, givenName, familyName, role,
            user.StaffUserId(), user.ActorName, now, settings.ValidFor);
        db.OrganisationInvitations.Add(invitation);
        db.OutboxEmails.Add(OutboxEmail.Create(invitation.Email,
            new InvitationEmail(invitation.GivenName, org.Name, role, settings.JoinLink(token), invitation.ExpiresAt), now));
        return invitation;
    }

    private static async Task<OrganisationInvitation?> FindAsync(PortalDbContext db, string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = OrganisationInvitation.HashOf(token);
        var invitation = await db.OrganisationInvitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invitation is not null && invitation.Matches(token) ? invitation : null;
    }

    private static async Task<(Organisation, OrganisationInvitation)> LoadAsync(PortalDbContext db, Guid organisationId, Guid invitationId,
        long version, CancellationToken ct)
    {
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct) ?? throw NotFound(organisationId);
        var invitation = await db.OrganisationInvitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.OrganisationId == organisationId, ct)
            ?? throw new NotFoundException("Invitation", invitationId);
        invitation.EnsureVersion(version, invitationId);
        return (org, invitation);
    }


    private static InvitationRow Row(OrganisationInvitation i, DateTimeOffset now) => RowOf(now).Compile()(i);

    private static Expression<Func<OrganisationInvitation, InvitationRow>> RowOf(DateTimeOffset now) => i => new InvitationRow(
        i.Id, i.OrganisationId, i.Email, i.GivenName, i.FamilyName, i.Role,
        i.Status == InvitationStatus.Pending && i.ExpiresAt <= now ? InvitationStatus.Expired : i.Status,
        i.InvitedBy, i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.RevokedAt, i.Version);

    private static NotFoundException NotFound(Guid id) => new("Organisation", id);
}
