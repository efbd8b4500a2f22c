namespace Portal.Domain.Organisations;

/// <summary>How a proposed organisation resembles an existing one.</summary>
public enum DuplicateMatchKind
{
    /// <summary>The same company number in the same country.</summary>
    CompanyNumber,
    /// <summary>The same name in the same country (case, punctuation and legal words such as Ltd ignored).</summary>
    Name,
    /// <summary>The billing email's domain is the existing one's (shared mail providers such as gmail.com never count).</summary>
    BillingEmailDomain,
    /// <summary>The owner's or the billing email is already a member's email there.</summary>
    MemberEmail,
}

/// <summary>An existing organisation the proposed one may be, with every way it matched.</summary>
public sealed record DuplicateCandidate(
    Guid Id, string Name, string CountryCode, OrganisationStatus Status, string? CompanyNumber, string BillingEmail,
    IReadOnlyList<DuplicateMatchKind> Matches);

/// <summary>What the duplicate check compares of a proposed organisation (a create command, an import row).</summary>
public sealed record DuplicateProbe(string Name, string CountryCode, string? CompanyNumber, string BillingEmail, IReadOnlyList<string> MemberEmails)
{
    public static DuplicateProbe Of(CreateOrganisation c) => new(c.Name, c.CountryCode, c.CompanyNumber, c.BillingEmail,
        c.Owner is { Email: { Length: > 0 } owner } ? [owner, c.BillingEmail] : [c.BillingEmail]);

    internal string Key => OrganisationDuplicates.NameKey(Name);
    internal string ExactName => Name.Trim();
    internal string Country => CountryCode.Trim().ToUpperInvariant();
    internal string? Number => OrganisationDuplicates.CompanyNumberOf(CompanyNumber);
    internal string? Domain => OrganisationDuplicates.DistinctiveDomain(BillingEmail);
    internal IEnumerable<string> Emails => MemberEmails.Select(OrganisationMember.NormalizeEmail).Where(e => e.Contains('@')).Distinct();
}
