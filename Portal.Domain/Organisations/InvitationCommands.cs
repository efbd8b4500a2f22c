using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>Where invitation links point and how long they work; the host binds it from configuration.</summary>
public sealed class InvitationOptions
{
    /// <summary>The site people open the link on (Portal:BaseUrl).</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";
    /// <summary>How long a link works (Invitations:ValidFor).</summary>
    public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(7);

    public string JoinLink(string token) => $"{BaseUrl.TrimEnd('/')}/join/{token}";
}

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

public sealed class InviteMember
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

public sealed class InviteMemberValidator : AbstractValidator<InviteMember>
{
    public InviteMemberValidator()
    {
        RuleFor(m => m.Email).ValidEmail(Organisation.EmailMaxLength);
        RuleFor(m => m.GivenName).MaximumLength(OrganisationMember.NameMaxLength)
            .WithMessage($"A first name must be {OrganisationMember.NameMaxLength} characters or fewer.");
        RuleFor(m => m.FamilyName).MaximumLength(OrganisationMember.NameMaxLength)
            .WithMessage($"A last name must be {OrganisationMember.NameMaxLength} characters or fewer.");
        RuleFor(m => m.Role).Must(r => r is MemberRole.Admin or MemberRole.Member)
            .WithMessage("Invite as Admin or Member; make someone the owner once they have joined.");
    }
}

public sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitation>
{
    public AcceptInvitationValidator()
    {
        RuleFor(a => a.GivenName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter your first name.");
        RuleFor(a => a.GivenName).MaximumLength(OrganisationMember.NameMaxLength)
            .WithMessage($"Your first name must be {OrganisationMember.NameMaxLength} characters or fewer.");
        RuleFor(a => a.FamilyName).MaximumLength(OrganisationMember.NameMaxLength)
            .WithMessage($"Your last name must be {OrganisationMember.NameMaxLength} characters or fewer.");
    }
}
