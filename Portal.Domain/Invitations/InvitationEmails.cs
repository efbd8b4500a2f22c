using Portal.Domain.Common;

namespace Portal.Domain.Invitations;

/// <summary>
/// To a joint-owner or authorized-signer invitee: who invites them to what, the page to accept on and when it expires.
/// The link names the invitation only; the four key items are the credential, and the shared secret never travels by email.
/// </summary>
public sealed record KeyItemsInvitationEmail(string FirstName, InvitationKind Kind, string Target, string InviterFullName, string AcceptLink,
    DateTimeOffset ExpiresAt) : Email
{
    private string What => Kind == InvitationKind.Joint ? $"a joint owner of the account {Target}" : $"an authorized signer of {Target}";

    protected override string RenderSubject() => $"{InviterFullName} invites you to become {What}";

    protected override string RenderText() => $"""
        Hello {FirstName},

        {InviterFullName} has invited you to become {What}.

        To accept, open this page and enter your first and last name, the last four digits of your government ID and the
        shared secret {InviterFullName} gave you (by phone or in person; it is never sent by email):
        {AcceptLink}

        The invitation expires on {ExpiresAt.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", British)}.
        If you were not expecting this invitation, you can ignore this email.

        """;
}
