namespace Portal.Domain.Organisations;

/// <summary>What staff set on a white-label domain: its colour and logo (the host is its identity and does not change).</summary>
public abstract class WhiteLabelDomainFields
{
    public string ThemeColour { get; set; } = WhiteLabelDomain.DefaultThemeColour;
    public string? LogoUrl { get; set; }
}

public sealed class CreateWhiteLabelDomain : WhiteLabelDomainFields
{
    public string HostName { get; set; } = "";
    /// <summary>Make it the primary domain now; the first domain is the primary anyway.</summary>
    public bool MakePrimary { get; set; }
}

public sealed class UpdateWhiteLabelDomain : WhiteLabelDomainFields;

public sealed record WhiteLabelDomainRow(Guid Id, string HostName, string ThemeColour, string? LogoUrl, bool IsPrimary, DateTimeOffset AddedAt);

/// <summary>An organisation's domains, primary first, with the organisation's version to send back with a change.</summary>
public sealed record WhiteLabelDomainList(Guid OrganisationId, long Version, IReadOnlyList<WhiteLabelDomainRow> Domains);
