using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>
/// A member invitation as the organisation shows it: Pending (the one lifecycle's sent) → Accepted | Revoked; Expired is a
/// pending one past its expiry (or marked so by the expiry job).
/// </summary>
public enum InvitationStatus { Pending, Accepted, Revoked, Expired }

public sealed record InvitationQuery : ListQuery
{
    public InvitationStatus? Status { get; init; }
    /// <summary>Only those still pending, expired or not (what staff may resend or revoke).</summary>
    public bool? Open { get; init; }
}

public sealed record InvitationRow(
    Guid Id, Guid OrganisationId, string Email, string? GivenName, string? FamilyName, MemberRole Role, InvitationStatus Status,
    string InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt, DateTimeOffset? RevokedAt, long Version);

/// <summary>What the invitee sees on the join page before accepting; the status says whether the link still works.</summary>
public sealed record InvitationForJoin(
    string OrganisationName, string Email, string? GivenName, string? FamilyName, MemberRole Role, InvitationStatus Status,
    DateTimeOffset ExpiresAt, bool OrganisationArchived, bool AlreadyMember);

public sealed class CreateInvitation
{
    public string Email { get; set; } = "";
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public MemberRole Role { get; set; } = MemberRole.Member;
}

/// <summary>The invitee's own name, as they want it shown.</summary>
public sealed class AcceptInvitation
{
    public string GivenName { get; set; } = "";
    public string? FamilyName { get; set; }
}
