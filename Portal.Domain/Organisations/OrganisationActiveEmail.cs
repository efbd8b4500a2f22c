using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>To the owner when an organisation is activated: a welcome, or "active again" after a suspension.</summary>
public sealed record OrganisationActiveEmail(string OwnerGivenName, string OrganisationName, bool Reinstated) : Email
{
    protected override string RenderSubject() => Reinstated ? $"{OrganisationName} is active again" : $"Welcome: {OrganisationName} is now active";

    protected override string RenderText() => $"""
        Hello {OwnerGivenName},

        {(Reinstated
            ? $"{OrganisationName} is active again. You and your team can carry on where you left off."
            : $"{OrganisationName} is now active. As its owner you can invite your team and manage its settings.")}

        """;
}
