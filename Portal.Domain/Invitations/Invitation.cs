using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Domain.Invitations;

/// <summary>
/// <see cref="Member"/>: a person invited by email to become a member of an organisation (the one-time <c>/join/{token}</c>
/// link is the credential). <see cref="Joint"/> and <see cref="AuthorizedSigner"/>: the spec's invitations, accepted by
/// typing the four key items (first name, last name, last four digits of a government ID, a shared secret).
/// </summary>
public enum InvitationKind { Member, Joint, AuthorizedSigner }

/// <summary>The spec's states. A member invitation stops at <see cref="Accepted"/>: accepting its link makes the member.</summary>
public enum InvitationState { Sent, Accepted, Completed, Revoked, Expired }

/// <summary>What staff, the invitee or the clock do to an invitation; <see cref="Invitation.Next"/> says where each leads.</summary>
public enum InvitationAction { Revoke, Resend, Edit, Accept, Complete, Expire }

/// <summary>
/// One invitation of any kind, with one lifecycle (<see cref="Next"/> is its whole transition table). Its own aggregate with
/// its own <see cref="Version"/>; one for an organisation (a member or a signer) is filed under that organisation's History.
/// The key items are kept only as salted slow hashes (<see cref="InvitationSecrets"/>); a member link's token only as its
/// SHA-256 hash (256 random bits need no slow hash).
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class Invitation : IVersioned, IFiledUnderAggregate
{
    Guid IFiledUnderAggregate.AggregateId => OrganisationId ?? Id;
    public const int TokenBytes = 32;
    public const int NameMaxLength = OrganisationMember.NameMaxLength;
    public const int EmailMaxLength = Organisation.EmailMaxLength;
    public const int AccountUriMaxLength = 500;
    public const int InviterMaxLength = 200;
    public const int SecretMinLength = 8;
    public const int SecretMaxLength = 200;
    public const int HashMaxLength = 200;
    /// <summary>Failed verifications on one invitation before it is locked (a resend lifts the lock).</summary>
    public const int LockAfterFailures = 5;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public InvitationKind Kind { get; init; }
    public InvitationState State { get; private set; } = InvitationState.Sent;
    /// <summary>A member's or an authorized signer's organisation.</summary>
    public Guid? OrganisationId { get; init; }
    /// <summary>A joint owner's account (an absolute URI).</summary>
    public string? AccountUri { get; init; }
    /// <summary>Trimmed and lower-cased.</summary>
    public required string Email { get; set; }
    public string? FirstName { get => _firstName; set { _firstName = value; FirstNameKey = SearchKey(value); } }
    public string? LastName { get => _lastName; set { _lastName = value; LastNameKey = SearchKey(value); } }
    private string? _firstName, _lastName;
    /// <summary>
    /// The first and last name as verification compares them (<see cref="InvitationSecrets.NormalizeName"/>), for every kind:
    /// the list's <c>name</c> filter is a prefix range on them, which an index of either provider can seek.
    /// </summary>
    [NotAudited] public string? FirstNameKey { get; private set; }
    [NotAudited] public string? LastNameKey { get; private set; }
    /// <summary>First and last name as verification compares them (<see cref="InvitationSecrets.NameKey"/>); null for a member.</summary>
    public string? NameKey { get; private set; }
    /// <summary>A member's role once joined (Member or Admin); an authorized signer becomes a Signer.</summary>
    public MemberRole? Role { get; init; }
    [Secret] public byte[]? TokenHash { get; private set; }
    [Secret] public string? IdentificationHash { get; private set; }
    [Secret] public string? SharedSecretHash { get; private set; }
    public required string InviterFullName { get; set; }
    public Guid? CreatedById { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public int VerificationCount { get; private set; }
    public int FailedVerifications { get; private set; }
    public DateTimeOffset? LastVerificationAt { get; private set; }
    public int ResendCount { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    /// <summary>The member it became (a member invitation once accepted, a signer once completed).</summary>
    public Guid? MemberId { get; private set; }
    /// <summary>The joint-owner record it became.</summary>
    public Guid? JointOwnerId { get; private set; }
    public long Version { get; set; }

    public bool HasKeyItems => Kind != InvitationKind.Member;
    public bool IsLocked => FailedVerifications >= LockAfterFailures;

    /// <summary>The state as of <paramref name="now"/>: a sent invitation past its expiry is expired even before the job marks it.</summary>
    public InvitationState StateAt(DateTimeOffset now) => StateAt(State, ExpiresAt, now);

    public static InvitationState StateAt(InvitationState state, DateTimeOffset expiresAt, DateTimeOffset now) =>
        state == InvitationState.Sent && now >= expiresAt ? InvitationState.Expired : state;

    /// <summary>
    /// The transition table (the spec's §3.1): revoke, resend, edit and accept only from <c>sent</c>; complete only from
    /// <c>accepted</c>, and never for a member (accepting its link already made the member); null: not allowed.
    /// </summary>
    public static InvitationState? Next(InvitationKind kind, InvitationState from, InvitationAction action) => (from, action) switch
    {
        (InvitationState.Sent, InvitationAction.Revoke) => InvitationState.Revoked,
        (InvitationState.Sent, InvitationAction.Resend) => InvitationState.Sent,
        (InvitationState.Sent, InvitationAction.Edit) => InvitationState.Sent,
        (InvitationState.Sent, InvitationAction.Accept) => InvitationState.Accepted,
        (InvitationState.Sent, InvitationAction.Expire) => InvitationState.Expired,
        (InvitationState.Accepted, InvitationAction.Complete) when kind != InvitationKind.Member => InvitationState.Completed,
        _ => null,
    };

    /// <summary>The actions legal now (the detail page's buttons, the API's links).</summary>
    public static IReadOnlyList<InvitationAction> ActionsAt(InvitationKind kind, InvitationState state) =>
        [.. new[] { InvitationAction.Revoke, InvitationAction.Resend, InvitationAction.Edit, InvitationAction.Complete }
            .Where(a => Next(kind, state, a) is not null)];

    /// <summary>Throws the 409 when <paramref name="action"/> is not legal now.</summary>
    public void EnsureCan(InvitationAction action, DateTimeOffset now) => Move(action, now);

    private InvitationState Move(InvitationAction action, DateTimeOffset now)
    {
        var from = StateAt(now);
        if (Next(Kind, from, action) is { } to) return to;
        throw action switch
        {
            InvitationAction.Complete when Kind == InvitationKind.Member => new ConflictException("invitation.no_completion",
                "A member invitation has no completion step: accepting its link made the member."),
            InvitationAction.Complete => new ConflictException("invitation.not_accepted",
                $"Only an accepted invitation can be completed; this one is {Describe(from)}."),
            _ => new ConflictException("invitation.not_sent", $"Only a sent invitation can be {Verb(action)}; this one is {Describe(from)}."),
        };
    }

    private static string Verb(InvitationAction action) => action switch
    {
        InvitationAction.Revoke => "revoked", InvitationAction.Resend => "sent again", InvitationAction.Edit => "changed",
        InvitationAction.Accept => "accepted", _ => "expired",
    };

    public static string Describe(InvitationState state) => state.ToString().ToLowerInvariant();

    /// <summary>A new member invitation and its link's token (for the email; not kept).</summary>
    public static (Invitation Invitation, string Token) CreateMember(Guid organisationId, string email, string? givenName, string? familyName,
        MemberRole role, Guid? createdById, string createdBy, DateTimeOffset now, TimeSpan validFor)
    {
        var token = NewToken();
        var invitation = new Invitation
        {
            Kind = InvitationKind.Member, OrganisationId = organisationId, Email = OrganisationMember.NormalizeEmail(email),
            FirstName = Blank(givenName), LastName = Blank(familyName), Role = role, TokenHash = HashOfToken(token),
            InviterFullName = createdBy, CreatedById = createdById, CreatedBy = createdBy, CreatedAt = now, UpdatedAt = now,
            ExpiresAt = now + validFor,
        };
        return (invitation, token);
    }

    /// <summary>A new joint-owner or authorized-signer invitation; the key items are hashed here and not kept.</summary>
    public static Invitation CreateWithKeyItems(InvitationFields fields, Guid? createdById, string createdBy, DateTimeOffset now, TimeSpan validFor,
        int hashIterations)
    {
        var invitation = new Invitation
        {
            Kind = fields.Type, OrganisationId = fields.Type == InvitationKind.AuthorizedSigner ? fields.OrganisationId : null,
            AccountUri = fields.Type == InvitationKind.Joint ? fields.AccountUri?.Trim() : null,
            Role = fields.Type == InvitationKind.AuthorizedSigner ? MemberRole.Signer : null,
            Email = OrganisationMember.NormalizeEmail(fields.EmailAddress), InviterFullName = fields.InviterFullName.Trim(),
            CreatedById = createdById, CreatedBy = createdBy, CreatedAt = now, UpdatedAt = now, ExpiresAt = now + validFor,
        };
        invitation.SetNames(fields.FirstName, fields.LastName);
        invitation.IdentificationHash = InvitationSecrets.Hash(fields.Identification.Trim(), hashIterations);
        invitation.SharedSecretHash = InvitationSecrets.Hash(InvitationSecrets.NormalizeSecret(fields.SharedSecret), hashIterations);
        return invitation;
    }

    /// <summary>A benchmark row whose key items' hashes are <paramref name="template"/>'s (hashing 200,000 rows would take hours).</summary>
    internal static Invitation ForBenchmark(InvitationFields fields, Invitation template, string createdBy, DateTimeOffset now, TimeSpan validFor)
    {
        var invitation = new Invitation
        {
            Kind = InvitationKind.Joint, AccountUri = fields.AccountUri, Email = fields.EmailAddress, InviterFullName = fields.InviterFullName,
            CreatedBy = createdBy, CreatedAt = now, UpdatedAt = now, ExpiresAt = now + validFor,
            IdentificationHash = template.IdentificationHash, SharedSecretHash = template.SharedSecretHash,
        };
        invitation.SetNames(fields.FirstName, fields.LastName);
        return invitation;
    }

    /// <summary>Staff correct the key items while it is sent; true when the email changed (the invitation goes out again).</summary>
    public bool Edit(UpdateInvitation fields, DateTimeOffset now, int hashIterations)
    {
        Move(InvitationAction.Edit, now);
        var email = OrganisationMember.NormalizeEmail(fields.EmailAddress);
        var emailChanged = email != Email;
        Email = email;
        InviterFullName = fields.InviterFullName.Trim();
        if (HasKeyItems)
        {
            SetNames(fields.FirstName, fields.LastName);
            if (!string.IsNullOrWhiteSpace(fields.Identification))
                IdentificationHash = InvitationSecrets.Hash(fields.Identification.Trim(), hashIterations);
            if (!string.IsNullOrEmpty(fields.SharedSecret))
                SharedSecretHash = InvitationSecrets.Hash(InvitationSecrets.NormalizeSecret(fields.SharedSecret), hashIterations);
        }
        else (FirstName, LastName) = (Blank(fields.FirstName), Blank(fields.LastName));
        UpdatedAt = now;
        return emailChanged;
    }

    /// <summary>
    /// Sends it again: restarts the validity period and lifts a lock. A member's link gets a new token (the old link stops
    /// working), returned for the email; the key-item kinds keep their link.
    /// </summary>
    public string? Resend(DateTimeOffset now, TimeSpan validFor, int maxResends)
    {
        Move(InvitationAction.Resend, now);
        if (ResendCount >= maxResends)
            throw new ConflictException("invitation.resend_limit", $"This invitation has been sent again {ResendCount} times, the most allowed.");
        ResendCount++;
        FailedVerifications = 0;
        ExpiresAt = now + validFor;
        UpdatedAt = now;
        if (Kind != InvitationKind.Member) return null;
        var token = NewToken();
        TokenHash = HashOfToken(token);
        return token;
    }

    public void Revoke(string by, DateTimeOffset now)
    {
        State = Move(InvitationAction.Revoke, now);
        RevokedAt = now;
        RevokedBy = by;
        UpdatedAt = now;
    }

    /// <summary>
    /// A member invitation withdrawn from the organisation's Members tab: from sent, and from expired too (so it stops being
    /// listed as open there, and a resend replaces it with a fresh one). Other kinds follow the table (<see cref="Revoke"/>).
    /// </summary>
    public void Withdraw(string by, DateTimeOffset now)
    {
        if (Kind != InvitationKind.Member || StateAt(now) != InvitationState.Expired) { Revoke(by, now); return; }
        State = InvitationState.Revoked;
        RevokedAt = now;
        RevokedBy = by;
        UpdatedAt = now;
    }

    /// <summary>The invitee accepted (a member through the link, <paramref name="memberId"/> the member it made).</summary>
    public void Accept(DateTimeOffset now, Guid? memberId = null)
    {
        State = Move(InvitationAction.Accept, now);
        AcceptedAt = now;
        UpdatedAt = now;
        MemberId = memberId;
    }

    public void Complete(string by, DateTimeOffset now, Guid? memberId, Guid? jointOwnerId)
    {
        State = Move(InvitationAction.Complete, now);
        CompletedAt = now;
        CompletedBy = by;
        UpdatedAt = now;
        MemberId = memberId;
        JointOwnerId = jointOwnerId;
    }

    /// <summary>The clock's move (the expiry job); false when it is not a sent invitation past its expiry.</summary>
    public bool ExpireIfDue(DateTimeOffset now)
    {
        if (State != InvitationState.Sent || now < ExpiresAt) return false;
        State = InvitationState.Expired;
        UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// Checks one verification against this invitation. A matching name and identification counts as an attempt (the
    /// spec's brute-force signal); a mismatch of anything on an invitation the invitee named, or of the secret on one
    /// whose name and identification match, counts as a failure (the fifth locks it). Accepts when all four match, it is
    /// sent and not locked. The secret is hashed only when the rest matched, so a wrong name costs one slow hash.
    /// </summary>
    public bool Verify(string nameKey, string identification, string secret, bool named, DateTimeOffset now)
    {
        if (!HasKeyItems) return false;
        var nameMatches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nameKey), Encoding.UTF8.GetBytes(NameKey ?? ""));
        var identificationMatches = InvitationSecrets.Verify(identification, IdentificationHash);
        var open = StateAt(now) == InvitationState.Sent && !IsLocked;
        if (nameMatches && identificationMatches)
        {
            VerificationCount++;
            LastVerificationAt = now;
        }
        else if (!named) return false;
        var secretMatches = nameMatches && identificationMatches && InvitationSecrets.Verify(secret, SharedSecretHash);
        if (open && secretMatches)
        {
            Accept(now);
            return true;
        }
        if (open) FailedVerifications++;
        if (named || nameMatches) UpdatedAt = now;
        return false;
    }

    private void SetNames(string? first, string? last)
    {
        FirstName = Blank(first);
        LastName = Blank(last);
        NameKey = InvitationSecrets.NameKey(FirstName ?? "", LastName ?? "");
    }

    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] HashOfToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>A member link's new token (the old link stops working); for the email, not kept.</summary>
    public string NewLink()
    {
        var token = NewToken();
        TokenHash = HashOfToken(token);
        return token;
    }

    public bool MatchesToken(string token) => TokenHash is { } hash && CryptographicOperations.FixedTimeEquals(hash, HashOfToken(token));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? SearchKey(string? name) => name is null ? null : InvitationSecrets.NormalizeName(name);
}

/// <summary>A joint owner of an account, recorded when a joint invitation is completed.</summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class JointOwner : IFiledUnderAggregate
{
    Guid IFiledUnderAggregate.AggregateId => InvitationId;
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string AccountUri { get; init; }
    public required string Email { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public Guid InvitationId { get; init; }
    public DateTimeOffset AddedAt { get; init; }
    public required string AddedBy { get; init; }
}
