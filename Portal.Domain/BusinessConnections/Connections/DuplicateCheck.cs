using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.BusinessConnections;

/// <summary>
/// "Check Business Connection Exists": the organisations a proposed one probably already is, found in SQL through
/// indexes only (the members' email index, the trigram indexes of organisations and members, the company-number index)
/// and then ranked in memory over the few candidates.
/// </summary>
internal static class DuplicateCheck
{
    /// <summary>Mail providers many organisations share: the same domain there says nothing about the organisation.</summary>
    private static readonly HashSet<string> SharedDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.uk", "outlook.com", "live.com", "live.co.uk", "yahoo.com",
        "yahoo.co.uk", "icloud.com", "me.com", "aol.com", "btinternet.com", "sky.com", "protonmail.com", "proton.me",
    };

    /// <summary>Words that say what kind of company, not which: left out when names are compared.</summary>
    private static readonly HashSet<string> LegalWords = new(StringComparer.Ordinal)
    {
        "ltd", "limited", "plc", "llp", "llc", "inc", "co", "company", "the", "and", "uk", "group",
    };

    public const double SimilarNameThreshold = 0.5;
    private const int CandidatesPerIndex = 50;
    private const int MaxMatches = 10;

    public static async Task<DuplicateCheckResult> RunAsync(PortalDbContext db, IFullTextSearch search, CheckConnection check, CancellationToken ct)
    {
        var reasons = new Dictionary<Guid, (SortedSet<DuplicateReason> Reasons, List<string> On)>();
        void Add(Guid org, DuplicateReason reason, string on)
        {
            if (!reasons.TryGetValue(org, out var entry)) reasons[org] = entry = (new SortedSet<DuplicateReason>(), []);
            if (entry.Reasons.Add(reason)) entry.On.Add(on);
        }

        var emails = check.Contacts.Select(c => OrganisationMember.NormalizeEmail(c.Email)).Where(e => e.Contains('@')).Distinct().ToList();
        foreach (var hit in await db.Set<OrganisationMember>().Where(m => emails.Contains(m.Email)).Select(m => new { m.OrganisationId, m.Email }).Take(CandidatesPerIndex).ToListAsync(ct))
            Add(hit.OrganisationId, DuplicateReason.ContactEmail, hit.Email);

        foreach (var domain in emails.Select(e => e[(e.IndexOf('@') + 1)..]).Distinct().Where(d => !SharedDomains.Contains(d)))
        {
            var at = "@" + domain;
            if (search.FirstMatching<OrganisationMember>(db, at, CandidatesPerIndex) is { } members)
                foreach (var org in await members.Where(m => m.Email.EndsWith(at)).Select(m => m.OrganisationId).Distinct().ToListAsync(ct))
                    Add(org, DuplicateReason.EmailDomain, domain);
            if (search.FirstMatching<Organisation>(db, at, CandidatesPerIndex) is { } billing)
                foreach (var org in await billing.Where(o => o.BillingEmail.EndsWith(at)).Select(o => o.Id).ToListAsync(ct))
                    Add(org, DuplicateReason.EmailDomain, domain);
        }

        if (!string.IsNullOrWhiteSpace(check.CompanyNumber))
        {
            var number = check.CompanyNumber.Trim().ToUpperInvariant();
            foreach (var org in await db.Organisations.Where(o => o.CompanyNumber == number && o.CountryCode == check.CountryCode).Select(o => o.Id).Take(CandidatesPerIndex).ToListAsync(ct))
                Add(org, DuplicateReason.CompanyNumber, number);
        }

        var key = NameKey(check.Name);
        var exactNames = new HashSet<Guid>();
        // The longest two words find the candidates (a common word such as "farms" alone would bring any farm).
        foreach (var word in key.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3).OrderByDescending(w => w.Length).Take(2))
        {
            if (search.FirstMatching<Organisation>(db, word, CandidatesPerIndex) is not { } named) continue;
            foreach (var candidate in await named.Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            {
                var candidateKey = NameKey(candidate.Name);
                if (candidateKey == key) exactNames.Add(candidate.Id);
                if (candidateKey == key || Similarity(candidateKey, key) >= SimilarNameThreshold) Add(candidate.Id, DuplicateReason.SimilarName, candidate.Name);
            }
        }

        if (reasons.Count == 0) return new DuplicateCheckResult(false, []);
        var ids = reasons.Keys.ToList();
        var orgs = await db.Organisations.Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Name, o.CountryCode }).ToListAsync(ct);
        bool Blocks(Guid id) => exactNames.Contains(id) || reasons[id].Reasons.Contains(DuplicateReason.ContactEmail) || reasons[id].Reasons.Contains(DuplicateReason.CompanyNumber);
        var matches = orgs
            .OrderByDescending(o => Blocks(o.Id)).ThenByDescending(o => reasons[o.Id].Reasons.Count).ThenBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
            .Take(MaxMatches)
            .Select(o => new DuplicateMatch(o.Id, o.Name, o.CountryCode, [.. reasons[o.Id].Reasons], string.Join(", ", reasons[o.Id].On)))
            .ToList();
        return new DuplicateCheckResult(ids.Any(Blocks), matches);
    }

    /// <summary>"The Up-Marden Farms Ltd." is "up marden farms": lower case, letters and digits, legal words left out.</summary>
    public static string NameKey(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c)) text.Append(char.ToLowerInvariant(c));
            else if (c == '&') text.Append(" and ");
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark) text.Append(' ');
        }
        return string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !LegalWords.Contains(w)));
    }

    /// <summary>Trigram similarity (as PostgreSQL's pg_trgm: shared trigrams over all trigrams of both), 0 to 1.</summary>
    public static double Similarity(string a, string b)
    {
        var x = Trigrams(a);
        var y = Trigrams(b);
        if (x.Count == 0 || y.Count == 0) return 0;
        var shared = x.Count(y.Contains);
        return (double)shared / (x.Count + y.Count - shared);
    }

    private static HashSet<string> Trigrams(string key)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in key.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var padded = "  " + word + " ";
            for (var i = 0; i + 3 <= padded.Length; i++) set.Add(padded.Substring(i, 3));
        }
        return set;
    }
}
