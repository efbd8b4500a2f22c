using System.Linq.Expressions;
using System.Text;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;
using Portal.Domain.Store;

namespace Portal.Domain.Invitations;

/// <summary>
/// Every invitation, of every kind: Admin and Staff create, correct, resend, revoke and complete; Viewers read; deletes are
/// Admin's. <see cref="VerifyAsync"/> is the invitee's (anonymous: the four key items are the credential).
/// </summary>
public sealed class InvitationService(
    IDbContextFactory<PortalDbContext> dbs,
    CurrentUserAccessor user, // the accessor itself: a verification is recorded as the invitee's doing
    TimeProvider clock,
    IOptions<InvitationOptions> options,
    OutboxSecretProtector secrets,
    IValidator<InvitationFields> createValidator,
    IValidator<UpdateInvitation> updateValidator,
    IValidator<VerifyInvitation> verifyValidator)
{
    /// <summary>How many invitations with the verified name are checked at most (newest first): each costs a slow hash.</summary>
    public const int MaxCandidates = 10;
    public const string VerificationFailedCode = "invitation.not_verified";
    public const string VerificationFailed =
        "These details do not match an open invitation. Check them and try again, or ask the person who invited you.";

    private static readonly SortMap<Invitation> Sorts = new SortMap<Invitation>("-createdAt")
        .Add("createdAt", i => i.CreatedAt).Add("updatedAt", i => i.UpdatedAt).Add("expiresAt", i => i.ExpiresAt)
        .Add("email", i => i.Email).Add("lastName", i => i.LastName).Add("state", i => i.State)
        .Add("verificationCount", i => i.VerificationCount);

    public async Task<PagedResult<InvitationSummary>> ListAsync(InvitationsQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var total = await Filter(db, query, now).CountAsync(ct);
        var items = await PageOf(db, query, now).Select(RowOf(db, now)).ToListAsync(ct);
        return new PagedResult<InvitationSummary>(items, query.Page, query.PageSize, total);
    }

    /// <summary>
    /// One page of the list. With several states chosen, each state's rows are read on their own — one index seek per state
    /// into <c>(State, sort field, Id)</c>, in the sort's order, at most as far as this page reaches — and only those few
    /// are merged and sorted (a UNION ALL). One OR over the states would leave the planner two bad choices: walk the sort
    /// index testing every row, or collect every row of the states and sort them all.
    /// </summary>
    internal IQueryable<Invitation> PageOf(PortalDbContext db, InvitationsQuery query, DateTimeOffset now)
    {
        var rows = Filter(db, query with { State = null }, now);
        if (ParseSet<InvitationState>(query.State, "state") is { } states)
        {
            var arms = StateTerms(states, now);
            var reach = query.Offset + query.PageSize;
            rows = arms.Count == 1 ? rows.Where(arms[0])
                : arms.Select(arm => Sorts.Apply(rows.Where(arm), query.Sort, i => i.Id).Take(reach)).Aggregate((a, b) => a.Concat(b));
        }
        return Sorts.Apply(rows, query.Sort, i => i.Id).Skip(query.Offset).Take(query.PageSize);
    }

    /// <summary>Every invitation the filter selects (paging ignored) as CSV, streamed from SQL; never a key item.</summary>
    public async Task ExportAsync(InvitationsQuery query, Stream output, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = Sorts.Apply(Filter(db, query, now), query.Sort, i => i.Id).Select(RowOf(db, now)).AsAsyncEnumerable();
        await CsvFiles.WriteAsync(output,
        [
            ("id", r => r.Id.ToString()), ("type", r => r.Kind.ToString()), ("state", r => Invitation.Describe(r.State)),
            ("firstName", r => r.FirstName), ("lastName", r => r.LastName), ("email", r => r.Email),
            ("organisation", r => r.OrganisationName), ("accountUri", r => r.AccountUri), ("inviter", r => r.InviterFullName),
            ("createdBy", r => r.CreatedBy), ("createdAt", r => r.CreatedAt.ToString("O")), ("expiresAt", r => r.ExpiresAt.ToString("O")),
            ("verificationCount", r => r.VerificationCount.ToString()), ("locked", r => r.Locked ? "true" : "false"),
            ("resendCount", r => r.ResendCount.ToString()),
        ], rows, ct);
    }

    public async Task<InvitationSummary> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Invitations.AsNoTracking().Where(i => i.Id == id).Select(RowOf(db, clock.GetUtcNow())).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Invitation", id);
    }

    /// <summary>The work-queue counts (the Dashboard's cards and the list's tabs).</summary>
    public async Task<InvitationCounts> CountsAsync(CancellationToken ct = default)
    {
        user.Require(Access.Read);
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var sent = await Filter(db, new InvitationsQuery { State = "sent" }, now).CountAsync(ct);
        var awaiting = await Filter(db, new InvitationsQuery { Queue = InvitationQueues.AwaitingCompletion }, now).CountAsync(ct);
        var expiring = await Filter(db, new InvitationsQuery { Queue = InvitationQueues.ExpiringSoon }, now).CountAsync(ct);
        var suspicious = await Filter(db, new InvitationsQuery { Queue = InvitationQueues.Suspicious }, now).CountAsync(ct);
        return new InvitationCounts(sent, awaiting, expiring, suspicious);
    }

    /// <summary>Creates a joint-owner or authorized-signer invitation and emails the invitee, in one save.</summary>
    public async Task<InvitationSummary> CreateAsync(InvitationFields command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await createValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var settings = options.Value;
        string target;
        if (command.Type == InvitationKind.AuthorizedSigner)
        {
            var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == command.OrganisationId, ct)
                ?? throw DomainValidationException.For("organisationId", "There is no such organisation.");
            org.EnsureEditable();
            target = org.Name;
        }
        else target = command.AccountUri!.Trim();
        var invitation = Invitation.CreateWithKeyItems(command, user.StaffUserId(), user.ActorName, now, settings.KeyItemsValidFor, settings.HashIterations);
        db.Invitations.Add(invitation);
        QueueEmail(db, invitation, target, token: null, now);
        await db.SaveChangesAsync(ct);
        return await GetAsync(invitation.Id, ct);
    }

    /// <summary>Corrects a sent invitation; a changed email address sends it again (to the new address).</summary>
    public async Task<InvitationSummary> UpdateAsync(Guid id, UpdateInvitation command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invitation = await LoadAsync(db, id, version, ct);
        command.NamesOptional = !invitation.HasKeyItems;
        await updateValidator.ValidateOrThrowAsync(command, ct);
        var now = clock.GetUtcNow();
        var settings = options.Value;
        if (invitation.Edit(command, now, settings.HashIterations))
        {
            await PurgeLinksAsync(db, invitation.Id, ct);
            // A member's link must go to the new address only: a fresh token, so the one sent to the old address stops working.
            var token = invitation.Kind == InvitationKind.Member ? invitation.NewLink() : null;
            QueueEmail(db, invitation, await TargetAsync(db, invitation, ct), token, now);
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<InvitationSummary> RevokeAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invitation = await LoadAsync(db, id, version, ct);
        invitation.Revoke(user.ActorName, clock.GetUtcNow());
        await PurgeLinksAsync(db, id, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Sends it again through the outbox: a new period, the lock lifted; at most <see cref="InvitationOptions.MaxResends"/> times.</summary>
    public async Task<InvitationSummary> ResendAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invitation = await LoadAsync(db, id, version, ct);
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var validFor = invitation.Kind == InvitationKind.Member ? settings.ValidFor : settings.KeyItemsValidFor;
        var token = invitation.Resend(now, validFor, settings.MaxResends);
        await PurgeLinksAsync(db, id, ct);
        QueueEmail(db, invitation, await TargetAsync(db, invitation, ct), token, now);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// Staff confirm an accepted invitation: an authorized signer becomes a member of the organisation with the Signer role
    /// (a change to the organisation, in its History); a joint owner is recorded against the account. One save.
    /// </summary>
    public async Task<InvitationSummary> CompleteAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invitation = await LoadAsync(db, id, version, ct);
        var now = clock.GetUtcNow();
        invitation.EnsureCan(InvitationAction.Complete, now);
        if (invitation.Kind == InvitationKind.AuthorizedSigner)
        {
            var org = await db.Organisations.Include(o => o.Members).FirstAsync(o => o.Id == invitation.OrganisationId, ct);
            if (org.Members.Any(m => m.Email == invitation.Email))
                throw new ConflictException("invitation.already_member", $"{invitation.Email} is already a member of {org.Name}.");
            var member = org.AddMember(invitation.Email, invitation.FirstName ?? "", invitation.LastName ?? "", MemberRole.Signer, now);
            invitation.Complete(user.ActorName, now, member.Id, null);
        }
        else
        {
            var owner = new JointOwner
            {
                AccountUri = invitation.AccountUri!, Email = invitation.Email, FirstName = invitation.FirstName ?? "",
                LastName = invitation.LastName ?? "", InvitationId = invitation.Id, AddedAt = now, AddedBy = user.ActorName,
            };
            db.JointOwners.Add(owner);
            invitation.Complete(user.ActorName, now, null, owner.Id);
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Data clean-up, Admin only (revoke is the normal way to cancel); any state.</summary>
    public async Task DeleteAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invitation = await LoadAsync(db, id, version, ct);
        await PurgeLinksAsync(db, id, ct);
        db.Invitations.Remove(invitation);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The invitee's four key items. Names are compared without regard to case, accents or surrounding spaces. Every
    /// invitation with the same name and identification counts the attempt; without an invitation id every matching sent
    /// one is accepted, with one only that one. A mismatch of any item, a locked, expired, revoked or unknown invitation all
    /// answer the same conflict, which never says which item was wrong. A concurrent change (a revoke) is checked again.
    /// </summary>
    public async Task<VerificationResult> VerifyAsync(VerifyInvitation command, CancellationToken ct = default)
    {
        await verifyValidator.ValidateOrThrowAsync(command, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await VerifyOnceAsync(command, ct);
            }
            catch (ConcurrencyException) when (attempt < 3)
            {
                // Someone changed one of these invitations meanwhile (revoked it, another verification): check against what is there now.
            }
        }
    }

    private async Task<VerificationResult> VerifyOnceAsync(VerifyInvitation command, CancellationToken ct)
    {
        var nameKey = InvitationSecrets.NameKey(command.FirstName, command.LastName);
        var identification = command.Identification.Trim();
        var secret = InvitationSecrets.NormalizeSecret(command.SharedSecret);
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var candidates = command.InvitationId is { } id
            ? db.Invitations.Where(i => i.Id == id && i.Kind != InvitationKind.Member)
            : db.Invitations.Where(i => i.NameKey == nameKey && i.Kind != InvitationKind.Member)
                .OrderByDescending(i => i.CreatedAt).Take(MaxCandidates);
        var accepted = new List<Invitation>();
        foreach (var invitation in await candidates.ToListAsync(ct))
            if (invitation.Verify(nameKey, identification, secret, named: command.InvitationId is not null, now)) accepted.Add(invitation);
        using (user.ActingFor("invitee", $"invitee:{command.FirstName.Trim()} {command.LastName.Trim()}"))
            await db.SaveChangesAsync(ct);
        if (accepted.Count == 0) throw new ConflictException(VerificationFailedCode, VerificationFailed);
        var targets = new List<AcceptedInvitation>();
        foreach (var invitation in accepted) targets.Add(new AcceptedInvitation(invitation.Id, invitation.Kind, await TargetAsync(db, invitation, ct)));
        return new VerificationResult(targets);
    }

    /// <summary>Forgets the link of every unsent email of the invitation (revoked, replaced, deleted, expired).</summary>
    public static async Task PurgeLinksAsync(PortalDbContext db, Guid invitationId, CancellationToken ct)
    {
        foreach (var email in await db.OutboxEmails.Where(o => o.SecretOwnerId == invitationId && o.ProtectedSecret != null).ToListAsync(ct))
            email.PurgeSecret();
    }

    private void QueueEmail(PortalDbContext db, Invitation invitation, string target, string? token, DateTimeOffset now)
    {
        var settings = options.Value;
        Email email = invitation.Kind == InvitationKind.Member
            ? new InvitationEmail(invitation.FirstName, target, invitation.Role ?? MemberRole.Member, settings.JoinLink(token!), invitation.ExpiresAt)
            : new KeyItemsInvitationEmail(invitation.FirstName ?? "", invitation.Kind, target, invitation.InviterFullName,
                settings.AcceptLink(invitation.Id), invitation.ExpiresAt);
        db.OutboxEmails.Add(OutboxEmail.Create(invitation.Email, email, now, secrets, invitation.Id));
    }

    private static async Task<string> TargetAsync(PortalDbContext db, Invitation invitation, CancellationToken ct) =>
        invitation.Kind == InvitationKind.Joint ? invitation.AccountUri ?? ""
            : await db.Organisations.Where(o => o.Id == invitation.OrganisationId).Select(o => o.Name).FirstAsync(ct);

    private static async Task<Invitation> LoadAsync(PortalDbContext db, Guid id, long version, CancellationToken ct)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("Invitation", id);
        invitation.EnsureVersion(version, id);
        return invitation;
    }

    /// <summary>The filter in SQL; each path has its index (see <see cref="InvitationConfiguration"/>).</summary>
    internal IQueryable<Invitation> Filter(PortalDbContext db, InvitationsQuery query, DateTimeOffset now)
    {
        IQueryable<Invitation> invitations = db.Invitations.AsNoTracking();
        if (ParseSet<InvitationState>(query.State, "state") is { } states) invitations = invitations.Where(InStates(states, now));
        if (ParseSet<InvitationKind>(query.Type, "type") is { } kinds) invitations = invitations.Where(i => kinds.Contains(i.Kind));
        if (query.OrganisationId is { } organisation) invitations = invitations.Where(i => i.OrganisationId == organisation);
        if (!string.IsNullOrWhiteSpace(query.AccountUri)) invitations = invitations.Where(i => i.AccountUri == query.AccountUri.Trim());
        if (!string.IsNullOrWhiteSpace(query.Name) && InvitationSecrets.NormalizeName(query.Name) is { Length: > 0 } from)
        {
            // A prefix of the folded name is the range [from, next): a seek into each key's index, case and accents ignored.
            var next = NextPrefix(from);
            invitations = invitations.Where(i => (string.Compare(i.FirstNameKey, from) >= 0 && string.Compare(i.FirstNameKey, next) < 0)
                || (string.Compare(i.LastNameKey, from) >= 0 && string.Compare(i.LastNameKey, next) < 0));
        }
        if (!string.IsNullOrWhiteSpace(query.Email))
            invitations = invitations.Where(i => EF.Functions.Like(i.Email, PagingExtensions.ContainsPattern(query.Email).TrimStart('%'), "\\"));
        if (query.ExpiringWithinDays is { } days)
        {
            if (days < 0) throw DomainValidationException.For("expiringWithinDays", "Give a number of days, 0 or more.");
            var until = now.AddDays(Math.Clamp(days, 0, 3650));
            invitations = invitations.Where(i => i.State == InvitationState.Sent && i.ExpiresAt > now && i.ExpiresAt <= until);
        }
        switch (query.Queue)
        {
            case null or "": break;
            case InvitationQueues.AwaitingCompletion:
                invitations = invitations.Where(i => i.State == InvitationState.Accepted && i.Kind != InvitationKind.Member);
                break;
            case InvitationQueues.ExpiringSoon:
                var soon = now.AddDays(7);
                invitations = invitations.Where(i => i.State == InvitationState.Sent && i.ExpiresAt > now && i.ExpiresAt <= soon);
                break;
            case InvitationQueues.Suspicious:
                var many = options.Value.SuspiciousVerifications;
                // Bounded above (neither count passes int.MaxValue): SQLite's planner, which keeps no histogram, takes a bounded
                // range for 16 times narrower than an open one, so it seeks both indexes instead of walking the sort's whole one.
                invitations = invitations.Where(i => (i.FailedVerifications >= Invitation.LockAfterFailures && i.FailedVerifications <= int.MaxValue)
                    || (i.VerificationCount >= many && i.VerificationCount <= int.MaxValue));
                break;
            default:
                throw DomainValidationException.For("queue", $"Choose one of: {string.Join(", ", InvitationQueues.All)}.");
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            invitations = invitations.Where(i => EF.Functions.Like(i.Email, pattern, "\\") || EF.Functions.Like(i.FirstName, pattern, "\\")
                || EF.Functions.Like(i.LastName, pattern, "\\") || EF.Functions.Like(i.InviterFullName, pattern, "\\"));
        }
        return invitations;
    }

    /// <summary>
    /// The states as of now as terms an index can seek: a stored state is <c>State = x</c>; sent is the not-yet-expired range
    /// of <c>(State, ExpiresAt)</c>; expired is the stored ones and, apart, the sent ones past it. Only the chosen states'
    /// terms are written (no <c>@sent AND …</c> switches: a term a parameter may turn off is one no planner can seek on).
    /// </summary>
    private static List<Expression<Func<Invitation, bool>>> StateTerms(IEnumerable<InvitationState> states, DateTimeOffset now)
    {
        var terms = new List<Expression<Func<Invitation, bool>>>();
        foreach (var state in states.Distinct())
            switch (state)
            {
                case InvitationState.Sent:
                    terms.Add(i => i.State == InvitationState.Sent && i.ExpiresAt > now);
                    break;
                case InvitationState.Expired:
                    terms.Add(i => i.State == InvitationState.Expired);
                    terms.Add(i => i.State == InvitationState.Sent && i.ExpiresAt <= now);
                    break;
                default:
                    terms.Add(i => i.State == state);
                    break;
            }
        return terms;
    }

    /// <summary>The terms joined by OR, for counts and the export: SQLite runs it as a multi-index OR, PostgreSQL as a BitmapOr.</summary>
    private static Expression<Func<Invitation, bool>> InStates(IEnumerable<InvitationState> states, DateTimeOffset now) =>
        StateTerms(states, now).Aggregate((any, term) => Expression.Lambda<Func<Invitation, bool>>(
            Expression.OrElse(any.Body, ReplacingExpressionVisitor.Replace(term.Parameters[0], any.Parameters[0], term.Body)), any.Parameters));

    /// <summary>
    /// The least string after every one that starts with <paramref name="prefix"/>, in code point order (the keys'
    /// collation): the prefix with its last character one higher (past the surrogates, which no whole character is).
    /// </summary>
    internal static string NextPrefix(string prefix)
    {
        var last = Rune.GetRuneAt(prefix, prefix.Length - (char.IsLowSurrogate(prefix[^1]) && prefix.Length > 1 ? 2 : 1));
        var stem = prefix[..^last.Utf16SequenceLength];
        return last.Value switch
        {
            0x10FFFF => stem + "\U0010FFFF\U0010FFFF", // a noncharacter no typed name holds: well past any it begins
            0xD7FF => stem + "\uE000",
            _ => stem + new Rune(last.Value + 1),
        };
    }

    /// <summary><c>sent|accepted</c> → the set; null for none; a 400 naming the field for an unknown value.</summary>
    private static List<T>? ParseSet<T>(string? text, string field) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var set = new List<T>();
        foreach (var part in text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<T>(part, ignoreCase: true, out var value) || !Enum.IsDefined(value) || int.TryParse(part, out _))
                throw DomainValidationException.For(field, $"Use one or more of {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}, separated by |.");
            set.Add(value);
        }
        return set.Count == 0 ? null : set;
    }

    private static Expression<Func<Invitation, InvitationSummary>> RowOf(PortalDbContext db, DateTimeOffset now) => i => new InvitationSummary(
        i.Id, i.Kind, i.State == InvitationState.Sent && i.ExpiresAt <= now ? InvitationState.Expired : i.State, i.Email, i.FirstName, i.LastName,
        i.OrganisationId, db.Organisations.Where(o => o.Id == i.OrganisationId).Select(o => o.Name).FirstOrDefault(), i.AccountUri, i.Role,
        i.InviterFullName, i.CreatedBy, i.CreatedAt, i.UpdatedAt, i.ExpiresAt, i.VerificationCount, i.FailedVerifications, i.ResendCount,
        i.AcceptedAt, i.CompletedAt, i.CompletedBy, i.RevokedAt, i.RevokedBy, i.Version);
}

public sealed record InvitationCounts(int Sent, int AwaitingCompletion, int ExpiringSoon, int Suspicious);
