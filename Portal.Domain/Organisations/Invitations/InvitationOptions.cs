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
    /// <summary>How long a joint-owner or authorized-signer invitation stays open (Invitations:KeyItemsValidFor, 30 days as the spec's example).</summary>
    public TimeSpan KeyItemsValidFor { get; set; } = TimeSpan.FromDays(30);
    /// <summary>How often one invitation can be sent again (Invitations:MaxResends).</summary>
    public int MaxResends { get; set; } = 3;
    /// <summary>From this many verification attempts an invitation is in the "suspicious" queue (Invitations:SuspiciousVerifications).</summary>
    public int SuspiciousVerifications { get; set; } = 10;
    /// <summary>PBKDF2 iterations for the key items (Invitations:HashIterations); tests lower it.</summary>
    public int HashIterations { get; set; } = Portal.Domain.Invitations.InvitationSecrets.DefaultIterations;

    /// <summary>
    /// Verifications hashing at once on this instance (Invitations:ConcurrentVerifications); 0: half the cores, at least one,
    /// so a flood of verifications leaves cores for everything else.
    /// </summary>
    public int ConcurrentVerifications { get; set; }
    /// <summary>Verifications that may wait for one of those (Invitations:QueuedVerifications); past them a verification is answered 429 at once.</summary>
    public int QueuedVerifications { get; set; } = 4;

    /// <summary>A member's link: the one invitee page with the token (links sent as <c>/join/{token}</c> redirect there).</summary>
    public string JoinLink(string token) => $"{BaseUrl.TrimEnd('/')}/invitations/accept/{token}";

    /// <summary>A key-item invitation's page: the id only says which invitation; the four key items are the credential.</summary>
    public string AcceptLink(Guid invitationId) => $"{BaseUrl.TrimEnd('/')}/invitations/accept?invitation={invitationId}";
}
