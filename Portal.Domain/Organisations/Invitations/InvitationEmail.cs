using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>To an invitee: which organisation, as what, the one-time link and when it expires.</summary>
public sealed record InvitationEmail(string? GivenName, string OrganisationName, MemberRole Role, string JoinLink, DateTimeOffset ExpiresAt) : Email
{
    public override string? Secret => JoinLink;

    protected override string RenderSubject() => $"You are invited to join {OrganisationName}";

    protected override string RenderText() => $"""
        Hello {GivenName ?? "there"},

        You have been invited to join {OrganisationName} as {(Role == MemberRole.Admin ? "an admin" : "a member")}.

        Accept the invitation here:
        {JoinLink}

        The link works once and expires on {ExpiresAt.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", British)}.
        If you were not expecting this invitation, you can ignore this email.

        """;
}
