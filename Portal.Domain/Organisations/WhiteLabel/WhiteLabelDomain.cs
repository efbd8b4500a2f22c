using System.Text.RegularExpressions;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>
/// A white-label domain: the host name under which the organisation's users get the platform in its own colour and
/// logo. A host name belongs to one organisation at most across the whole portal (a unique index on the stored,
/// normalised host); one of an organisation's domains is its primary.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class WhiteLabelDomain : IAggregatePart
{
    Guid IFiledUnderAggregate.AggregateId => OrganisationId;
    /// <summary>DNS limits: the whole name, and each dot-separated label.</summary>
    public const int HostNameMaxLength = 253;
    public const int LabelMaxLength = 63;
    public const int ThemeColourLength = 7;
    public const int LogoUrlMaxLength = 2048;
    public const string DefaultThemeColour = "#1F5FBF";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    /// <summary>Trimmed and lower-cased (<see cref="NormalizeHost"/>), so one host is one row.</summary>
    public required string HostName { get; init; }
    /// <summary><c>#RRGGBB</c>, upper-case.</summary>
    public required string ThemeColour { get; set; }
    /// <summary>An absolute https URL, or none.</summary>
    public string? LogoUrl { get; set; }
    public bool IsPrimary { get; set; }
    public DateTimeOffset AddedAt { get; init; }

    public static string NormalizeHost(string? host) => (host ?? "").Trim().ToLowerInvariant();

    public static string NormalizeColour(string? colour) => (colour ?? "").Trim().ToUpperInvariant();

    public static string? NormalizeLogoUrl(string? url) => string.IsNullOrWhiteSpace(url) ? null : url.Trim();

    /// <summary>An absolute https URL with a host, no user info and nothing a browser would refuse.</summary>
    public static bool IsHttpsUrl(string? url) =>
        NormalizeLogoUrl(url) is { } value && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
        && uri.Host.Length > 0 && string.IsNullOrEmpty(uri.UserInfo) && !value.Any(char.IsWhiteSpace);
}

/// <summary>The checks a white-label host name must pass, each a named predicate over the normalised input.</summary>
public static partial class HostNames
{
    /// <summary>No scheme, path, port, query, user info or spaces: only the host itself.</summary>
    public static bool IsOnlyAHost(string? input)
    {
        var host = WhiteLabelDomain.NormalizeHost(input);
        return host.IndexOfAny(['/', ':', '?', '#', '@', '\\', ' ', '\t']) < 0;
    }

    public static bool HasTwoLabels(string? input) =>
        WhiteLabelDomain.NormalizeHost(input).Split('.').Length >= 2;

    /// <summary>Each label is 1–63 characters of a–z, 0–9 and hyphens, not starting or ending with a hyphen.</summary>
    public static bool HasValidLabels(string? input) =>
        WhiteLabelDomain.NormalizeHost(input).Split('.').All(Label().IsMatch);

    /// <summary>A top-level domain always has a letter; an all-digit last label is an IP address.</summary>
    public static bool EndsInAName(string? input) =>
        WhiteLabelDomain.NormalizeHost(input).Split('.')[^1].Any(char.IsAsciiLetter);

    public static bool IsValid(string? input) =>
        !string.IsNullOrWhiteSpace(input) && WhiteLabelDomain.NormalizeHost(input).Length <= WhiteLabelDomain.HostNameMaxLength
        && IsOnlyAHost(input) && HasTwoLabels(input) && HasValidLabels(input) && EndsInAName(input);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}

/// <summary>The white-label domains of an organisation: part of the aggregate, so every change goes through here.</summary>
public sealed partial class Organisation
{
    public List<WhiteLabelDomain> Domains { get; init; } = [];

    public WhiteLabelDomain AddDomain(string hostName, string themeColour, string? logoUrl, bool makePrimary, DateTimeOffset now)
    {
        EnsureEditable();
        var host = WhiteLabelDomain.NormalizeHost(hostName);
        if (Domains.Any(d => d.HostName == host))
            throw WhiteLabelDomainErrors.HostTaken(host, Name);
        var domain = new WhiteLabelDomain
        {
            OrganisationId = Id, HostName = host, ThemeColour = WhiteLabelDomain.NormalizeColour(themeColour),
            LogoUrl = WhiteLabelDomain.NormalizeLogoUrl(logoUrl), AddedAt = now,
        };
        Domains.Add(domain);
        // The first domain is the primary: an organisation with domains always has exactly one.
        if (makePrimary || Domains.Count == 1) MakeDomainPrimary(domain.Id);
        return domain;
    }

    public WhiteLabelDomain ChangeDomain(Guid domainId, string themeColour, string? logoUrl)
    {
        EnsureEditable();
        var domain = DomainById(domainId);
        domain.ThemeColour = WhiteLabelDomain.NormalizeColour(themeColour);
        domain.LogoUrl = WhiteLabelDomain.NormalizeLogoUrl(logoUrl);
        return domain;
    }

    public WhiteLabelDomain MakeDomainPrimary(Guid domainId)
    {
        EnsureEditable();
        var domain = DomainById(domainId);
        foreach (var other in Domains) other.IsPrimary = other.Id == domain.Id;
        return domain;
    }

    /// <summary>The primary goes last: while others remain, another must be made primary first (as Shopify asks).</summary>
    public WhiteLabelDomain RemoveDomain(Guid domainId)
    {
        EnsureEditable();
        var domain = DomainById(domainId);
        if (domain.IsPrimary && Domains.Count > 1)
            throw new ConflictException("organisation_domain.primary",
                $"{domain.HostName} is the primary domain of {Name}. Make another domain primary before removing it.");
        Domains.Remove(domain);
        return domain;
    }

    private WhiteLabelDomain DomainById(Guid domainId) =>
        Domains.FirstOrDefault(d => d.Id == domainId) ?? throw new NotFoundException("Domain", domainId);
}

public static class WhiteLabelDomainErrors
{
    /// <summary>The one message for a host in use, whether the service's check or the unique index finds it.</summary>
    public static DomainValidationException HostTaken(string host, string organisationName) =>
        DomainValidationException.For("hostName", $"{host} is already used by {organisationName}.");
}
