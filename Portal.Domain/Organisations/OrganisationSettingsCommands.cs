namespace Portal.Domain.Organisations;

/// <summary>What staff set on a white-label domain: its colour and logo (the host is its identity and does not change).</summary>
public abstract class DomainFields
{
    public string ThemeColour { get; set; } = OrganisationDomain.DefaultThemeColour;
    public string? LogoUrl { get; set; }
}

public sealed class NewDomain : DomainFields
{
    public string HostName { get; set; } = "";
    /// <summary>Make it the primary domain now; the first domain is the primary anyway.</summary>
    public bool MakePrimary { get; set; }
}

public sealed class DomainChanges : DomainFields;

public sealed record DomainRow(Guid Id, string HostName, string ThemeColour, string? LogoUrl, bool IsPrimary, DateTimeOffset AddedAt);

/// <summary>An organisation's domains, primary first, with the organisation's version to send back with a change.</summary>
public sealed record DomainList(Guid OrganisationId, long Version, IReadOnlyList<DomainRow> Domains);

/// <summary>A catalogue module as one organisation has it: on (since when, by whom) or off.</summary>
public sealed record ModuleRow(
    string Id, string Name, string Description, long MonthlyPriceMinor, string Currency, bool IsOn, DateTimeOffset? OnSince, string? OnBy);

/// <summary>The whole catalogue with this organisation's switches, the monthly total of what is on, and the version.</summary>
public sealed record ModuleList(Guid OrganisationId, long Version, IReadOnlyList<ModuleRow> Modules, long MonthlyTotalMinor, string Currency);
