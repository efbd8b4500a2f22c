using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// The one duplicate check for a new organisation, used by the create form, the API and the CSV import: existing
/// organisations with the same company number in the country, the same name in the country, the same billing-email
/// domain, or a member with the owner's (or the billing) email. Each way is one indexed lookup for a whole batch of
/// proposals (an import asks for hundreds of rows at once), and the matching happens over the few rows found.
/// </summary>
public static class OrganisationDuplicates
{
    /// <summary>At most this many candidates per proposal, most matches first.</summary>
    public const int MaxCandidates = 10;

    /// <summary>
    /// Mail providers many organisations share, and the domains reserved for examples (RFC 2606): the same domain there
    /// says nothing about the organisation.
    /// </summary>
    private static readonly HashSet<string> SharedDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.uk", "outlook.com", "live.com", "live.co.uk", "yahoo.com",
        "yahoo.co.uk", "icloud.com", "me.com", "aol.com", "btinternet.com", "sky.com", "protonmail.com", "proton.me",
        "example.com", "example.org", "example.net",
    };

    /// <summary>Words that say what kind of company, not which: left out when names are compared.</summary>
    private static readonly HashSet<string> LegalWords = new(StringComparer.Ordinal)
    {
        "ltd", "limited", "plc", "llp", "llc", "inc", "co", "company", "the", "uk", "bv", "nv", "gmbh", "sa", "sarl", "ag",
    };

    /// <summary>How a candidate matched, in a few words for a person.</summary>
    public static string Describe(DuplicateMatchKind match) => match switch
    {
        DuplicateMatchKind.CompanyNumber => "same company number",
        DuplicateMatchKind.Name => "same name",
        DuplicateMatchKind.BillingEmailDomain => "same billing-email domain",
        _ => "a member has this email",
    };

    /// <summary>"The Up-Marden Farms Ltd." is "up marden farms": lower case, letters and digits, accents and legal words left out.</summary>
    public static string NameKey(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c)) text.Append(char.ToLowerInvariant(c));
            else if (c == '&') text.Append(" and ");
            else if (c == '.') continue; // "B.V." is "bv"
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) text.Append(' ');
        }
        var words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = words.Where(w => !LegalWords.Contains(w)).ToArray();
        // A name made only of legal words ("The Company Ltd") keeps them: an empty key would match nothing.
        var key = string.Join(' ', kept.Length > 0 ? kept : words);
        return key.Length <= Organisation.NameMaxLength ? key : key[..Organisation.NameMaxLength];
    }

    /// <summary>The part after the @, lower case ("" when there is none).</summary>
    public static string DomainOf(string? email)
    {
        var at = email?.IndexOf('@') ?? -1;
        return at < 0 ? "" : email![(at + 1)..].Trim().ToLowerInvariant();
    }

    internal static string? DistinctiveDomain(string? email) => DomainOf(email) is { Length: > 0 } d && !SharedDomains.Contains(d) ? d : null;

    internal static string? CompanyNumberOf(string? number) => string.IsNullOrWhiteSpace(number) ? null : number.Trim().ToUpperInvariant();

    /// <summary>For each proposal (in order), the existing organisations it may be; an empty list when none.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<DuplicateCandidate>>> FindAsync(PortalDbContext db, IReadOnlyList<DuplicateProbe> probes, CancellationToken ct)
    {
        var numbers = probes.Select(p => p.Number).OfType<string>().Distinct().ToList();
        var keys = probes.Select(p => p.Key).Where(k => k.Length > 0).Distinct().ToList();
        var names = probes.Select(p => p.ExactName).Where(n => n.Length > 0).Distinct().ToList();
        var domains = probes.Select(p => p.Domain).OfType<string>().Distinct().ToList();
        var emails = probes.SelectMany(p => p.Emails).Distinct().ToList();
        var orgs = db.Organisations.AsNoTracking();

        var byNumber = numbers.Count == 0 ? [] : await orgs.Where(o => numbers.Contains(o.CompanyNumber!))
            .Select(o => new { o.Id, o.CountryCode, Number = o.CompanyNumber! }).ToListAsync(ct);
        // Rows saved before the key existed have an empty NameKey: their exact name (case-insensitive column) still finds them.
        var byName = keys.Count == 0 ? [] : await orgs.Where(o => keys.Contains(o.NameKey) || names.Contains(o.Name))
            .Select(o => new { o.Id, o.CountryCode, o.NameKey, o.Name }).ToListAsync(ct);
        var byDomain = domains.Count == 0 ? [] : await orgs.Where(o => domains.Contains(o.BillingEmailDomain))
            .Select(o => new { o.Id, o.BillingEmailDomain }).ToListAsync(ct);
        var byEmail = emails.Count == 0 ? [] : await db.Set<OrganisationMember>().AsNoTracking().Where(m => emails.Contains(m.Email))
            .Select(m => new { m.OrganisationId, m.Email }).ToListAsync(ct);

        var found = new List<Dictionary<Guid, SortedSet<DuplicateMatchKind>>>(probes.Count);
        foreach (var probe in probes)
        {
            var matches = new Dictionary<Guid, SortedSet<DuplicateMatchKind>>();
            void Add(Guid id, DuplicateMatchKind how)
            {
                if (!matches.TryGetValue(id, out var set)) matches[id] = set = [];
                set.Add(how);
            }
            var (number, key, name, country, domain, probeEmails) = (probe.Number, probe.Key, probe.ExactName, probe.Country, probe.Domain, probe.Emails.ToHashSet());
            foreach (var o in byNumber.Where(o => o.Number == number && o.CountryCode == country)) Add(o.Id, DuplicateMatchKind.CompanyNumber);
            foreach (var o in byName.Where(o => o.CountryCode == country && key.Length > 0
                         && (o.NameKey == key || string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)))) Add(o.Id, DuplicateMatchKind.Name);
            foreach (var o in byDomain.Where(o => o.BillingEmailDomain == domain)) Add(o.Id, DuplicateMatchKind.BillingEmailDomain);
            foreach (var m in byEmail.Where(m => probeEmails.Contains(m.Email))) Add(m.OrganisationId, DuplicateMatchKind.MemberEmail);
            found.Add(matches);
        }

        // Only the candidates shown are read: at most MaxCandidates per proposal, the most matches first.
        var shown = found.Select(m => m.OrderByDescending(e => e.Value.Count).ThenBy(e => e.Value.Min).ThenBy(e => e.Key).Take(MaxCandidates).ToList()).ToList();
        var ids = shown.SelectMany(s => s.Select(e => e.Key)).Distinct().ToList();
        var rows = ids.Count == 0 ? [] : await orgs.Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.CountryCode, o.Status, o.CompanyNumber, o.BillingEmail }).ToDictionaryAsync(o => o.Id, ct);
        return shown.Select(s => (IReadOnlyList<DuplicateCandidate>)s.Where(e => rows.ContainsKey(e.Key)).Select(e =>
        {
            var o = rows[e.Key];
            return new DuplicateCandidate(o.Id, o.Name, o.CountryCode, o.Status, o.CompanyNumber, o.BillingEmail, [.. e.Value]);
        }).ToList()).ToList();
    }
}
