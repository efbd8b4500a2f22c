using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>Pending → Accepted | Revoked. <see cref="Expired"/> is never stored: it is a pending invitation past its expiry.</summary>
public enum InvitationStatus { Pending, Accepted, Revoked, Expired }

/// <summary>
/// An invitation by email to become a member of an organisation, through a one-time link that expires. Portal
/// keeps only a SHA-256 hash of the link's token (256 random bits, so no slow hash is needed); the token itself
/// travels only in the email.
/// <para>
/// Its own aggregate with its own <see cref="Version"/>, not a part of the organisation (whose History still shows it):
/// it has a lifecycle of its own (pending, accepted, revoked, expired) acted on by someone who holds no organisation
/// version (the invitee, through the link), its revoke and resend take its own ETag (as the invitations spec has it),
/// and inviting someone changes nothing about the organisation, so it must not make everyone's open edit of the
/// organisation stale. Accepting adds a member, which is a part: that moves the organisation's version.
/// </para>
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class OrganisationInvitation : IVersioned, IFiledUnderAggregate
{
    Guid IFiledUnderAggregate.AggregateId => OrganisationId;
    public const int TokenBytes = 32;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    /// <summary>Trimmed and lower-cased, like a member's.</summary>
    public required string Email { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public MemberRole Role { get; init; }
    [Secret] public required byte[] TokenHash { get; init; }
    public InvitationStatus Status { get; private set; } = InvitationStatus.Pending;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public Guid? InvitedById { get; init; }
    public required string InvitedBy { get; init; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    /// <summary>The member the invitation became.</summary>
    public Guid? MemberId { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    public long Version { get; set; }

    public InvitationStatus StatusAt(DateTimeOffset now) =>
        Status == InvitationStatus.Pending && now >= ExpiresAt ? InvitationStatus.Expired : Status;

    /// <summary>A new pending invitation and its token (for the link); the token is not kept.</summary>
    public static (OrganisationInvitation Invitation, string Token) Create(Guid organisationId, string email, string? givenName, string? familyName,
        MemberRole role, Guid? invitedById, string invitedBy, DateTimeOffset now, TimeSpan validFor)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var invitation = new OrganisationInvitation
        {
            OrganisationId = organisationId, Email = OrganisationMember.NormalizeEmail(email),
            GivenName = Blank(givenName), FamilyName = Blank(familyName), Role = role,
            TokenHash = HashOf(token), CreatedAt = now, ExpiresAt = now + validFor, InvitedById = invitedById, InvitedBy = invitedBy,
        };
        return (invitation, token);
    }

    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool Matches(string token) => CryptographicOperations.FixedTimeEquals(TokenHash, HashOf(token));

    /// <summary>A link works once, until it expires, and not after it was withdrawn.</summary>
    public void EnsureUsable(DateTimeOffset now)
    {
        switch (StatusAt(now))
        {
            case InvitationStatus.Accepted:
                throw new ConflictException("invitation.already_used", "This invitation has already been used.");
            case InvitationStatus.Revoked:
                throw new ConflictException("invitation.revoked", "This invitation was withdrawn.");
            case InvitationStatus.Expired:
                throw new ConflictException("invitation.expired", $"This invitation expired on {ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        }
    }

    public void Accept(Guid memberId, DateTimeOffset now)
    {
        EnsureUsable(now);
        Status = InvitationStatus.Accepted;
        AcceptedAt = now;
        MemberId = memberId;
    }

    /// <summary>Withdraws a pending invitation (an expired one too, so it stops being listed as open).</summary>
    public void Revoke(string by, DateTimeOffset now)
    {
        switch (Status)
        {
            case InvitationStatus.Accepted:
                throw new ConflictException("invitation.already_used", $"The invitation to {Email} was accepted; it can no longer be withdrawn or sent again.");
            case InvitationStatus.Revoked:
                throw new ConflictException("invitation.revoked", $"The invitation to {Email} was already withdrawn.");
        }
        Status = InvitationStatus.Revoked;
        RevokedAt = now;
        RevokedBy = by;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
