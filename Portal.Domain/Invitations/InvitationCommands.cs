using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Domain.Invitations;

/// <summary>
/// The invitations list's filter. <see cref="State"/> and <see cref="Type"/> take several values separated by <c>|</c>
/// (<c>sent|accepted</c>), as the spec's query does; <see cref="Queue"/> picks a work queue.
/// </summary>
public sealed record InvitationsQuery : ListQuery
{
    public string? State { get; init; }
    public string? Type { get; init; }
    public Guid? OrganisationId { get; init; }
    public string? AccountUri { get; init; }
    /// <summary>First or last name begins with it (any case).</summary>
    public string? Name { get; init; }
    public string? Email { get; init; }
    /// <summary>Sent ones that expire within this many days.</summary>
    public int? ExpiringWithinDays { get; init; }
    /// <summary><c>awaiting-completion</c>, <c>expiring-soon</c> or <c>suspicious</c> (locked, or many verifications).</summary>
    public string? Queue { get; init; }
}

public static class InvitationQueues
{
    public const string AwaitingCompletion = "awaiting-completion";
    public const string ExpiringSoon = "expiring-soon";
    public const string Suspicious = "suspicious";
    public static readonly string[] All = [AwaitingCompletion, ExpiringSoon, Suspicious];
}

/// <summary>One invitation as lists and the detail page show it: never a key item, only whether it is set.</summary>
public sealed record InvitationSummary(
    Guid Id, InvitationKind Kind, InvitationState State, string Email, string? FirstName, string? LastName,
    Guid? OrganisationId, string? OrganisationName, string? AccountUri, MemberRole? Role, string InviterFullName, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset ExpiresAt, int VerificationCount, int FailedVerifications,
    int ResendCount, DateTimeOffset? AcceptedAt, DateTimeOffset? CompletedAt, string? CompletedBy, DateTimeOffset? RevokedAt,
    string? RevokedBy, long Version)
{
    public bool Locked => FailedVerifications >= Invitation.LockAfterFailures;
    public string FullName => $"{FirstName} {LastName}".Trim();
    public IReadOnlyList<InvitationAction> Actions => Invitation.ActionsAt(Kind, State);
    public string Target => Kind == InvitationKind.Joint ? AccountUri ?? "" : OrganisationName ?? "";
}

/// <summary>A new joint-owner or authorized-signer invitation (the spec's <c>createInvitation</c>).</summary>
public sealed class InvitationFields
{
    public InvitationKind Type { get; set; } = InvitationKind.AuthorizedSigner;
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string EmailAddress { get; set; } = "";
    /// <summary>Exactly four digits: the last four of a government ID.</summary>
    [Secret] public string Identification { get; set; } = "";
    [Secret] public string SharedSecret { get; set; } = "";
    public string InviterFullName { get; set; } = "";
    /// <summary>A joint invitation's account: an absolute URI.</summary>
    public string? AccountUri { get; set; }
    /// <summary>An authorized-signer invitation's organisation.</summary>
    public Guid? OrganisationId { get; set; }
}

/// <summary>Corrections while the invitation is sent; an empty identification or secret keeps the one set before.</summary>
public sealed class UpdateInvitation
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string EmailAddress { get; set; } = "";
    [Secret] public string? Identification { get; set; }
    [Secret] public string? SharedSecret { get; set; }
    public string InviterFullName { get; set; } = "";
    /// <summary>Set by the service: a member invitation has optional names.</summary>
    internal bool NamesOptional { get; set; }
}

/// <summary>The invitee's four key items (the spec's <c>verification</c>); without an invitation id every matching one is accepted.</summary>
public sealed class VerifyInvitation
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    [Secret] public string Identification { get; set; } = "";
    [Secret] public string SharedSecret { get; set; } = "";
    public Guid? InvitationId { get; set; }
}

/// <summary>The answer to a verification that matched: what was accepted, and nothing of the key items.</summary>
public sealed record VerificationResult(IReadOnlyList<AcceptedInvitation> Accepted);

public sealed record AcceptedInvitation(Guid Id, InvitationKind Kind, string Target);
