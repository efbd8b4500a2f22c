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
