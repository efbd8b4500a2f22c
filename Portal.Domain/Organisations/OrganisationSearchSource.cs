using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// The palette's organisations: by name, trading name, company number, billing email, a member's email or a white-label
/// host. Candidates come from indexes only (the name and the member's email by prefix on their B-trees, the company
/// number and the host exactly, everything else through the trigram indexes, at most a few per index), then the few
/// candidates are ranked: exact before prefix before anywhere-in, by name.
/// </summary>
internal sealed class OrganisationSearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, IFullTextSearch search) : ISearchSource
{
    public string Area => "Organisations";
    public int Order => 100;
    public IReadOnlyList<string> Roles => Access.Read;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var prefix = SearchRank.PrefixPattern(text);
        var many = limit * 4; // enough candidates that the best few are among them
        var ids = new HashSet<Guid>();
        // What found an organisation when it was not one of its own columns: the member's email or the host, for its row.
        var via = new Dictionary<Guid, (string What, string Value)>();

        ids.UnionWith(await db.Organisations.Where(o => EF.Functions.Like(o.Name, prefix, "\\")).OrderBy(o => o.Name).Take(many).Select(o => o.Id).ToListAsync(ct));
        var number = text.ToUpperInvariant();
        ids.UnionWith(await db.Organisations.Where(o => o.CompanyNumber == number || o.CompanyNumber == text).Take(many).Select(o => o.Id).ToListAsync(ct));
        if (search.FirstMatching<Organisation>(db, text, many) is { } matching)
            ids.UnionWith(await matching.Select(o => o.Id).ToListAsync(ct));

        // Members' emails are stored lower case: a prefix is a range of the Email index.
        var email = OrganisationMember.NormalizeEmail(text);
        var emailEnd = email + char.MaxValue;
        var members = db.Set<OrganisationMember>().Where(m => string.Compare(m.Email, email) >= 0 && string.Compare(m.Email, emailEnd) < 0).Take(many);
        if (search.FirstMatching<OrganisationMember>(db, text, many) is { } matchingMembers) members = members.Concat(matchingMembers);
        foreach (var m in await members.Select(m => new { m.OrganisationId, m.Email }).ToListAsync(ct))
            Note(m.OrganisationId, "member", m.Email);

        var hosts = db.Set<WhiteLabelDomain>().Where(d => EF.Functions.Like(d.HostName, prefix, "\\")).Take(many);
        if (search.FirstMatching<WhiteLabelDomain>(db, text, many) is { } matchingHosts) hosts = hosts.Concat(matchingHosts);
        foreach (var d in await hosts.Select(d => new { d.OrganisationId, d.HostName }).ToListAsync(ct))
            Note(d.OrganisationId, "host", d.HostName);

        if (ids.Count == 0) return [];
        var candidates = ids.ToList();
        var rows = await db.Organisations.AsNoTracking().Where(o => candidates.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.TradingName, o.CompanyNumber, o.BillingEmail, o.Status })
            .ToListAsync(ct);
        return [.. rows
            .Select(o =>
            {
                var own = SearchRank.Of(text, o.Name, o.TradingName, o.CompanyNumber, o.BillingEmail);
                var found = via.GetValueOrDefault(o.Id);
                var rank = Math.Min(own, found.Value is null ? SearchRank.Other : SearchRank.Of(text, found.Value));
                var detail = own <= rank || found.Value is null ? OwnDetail(text, o.TradingName, o.CompanyNumber, o.BillingEmail)
                    : found.What == "member" ? $"member {found.Value}" : $"white-label host {found.Value}";
                var subtitle = string.Join(" · ", new[] { o.Status.ToString(), detail }.Where(p => !string.IsNullOrEmpty(p)));
                return (Hit: new SearchHit("Organisation", o.Name, subtitle, $"/organisations/{o.Id}", rank), o.Name);
            })
            .Where(h => h.Hit.Rank < SearchRank.Other)
            .OrderBy(h => h.Hit.Rank).ThenBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .Take(limit)
            .Select(h => h.Hit)];

        void Note(Guid organisationId, string what, string value)
        {
            ids.Add(organisationId);
            if (!via.TryGetValue(organisationId, out var seen) || SearchRank.Of(text, value) < SearchRank.Of(text, seen.Value))
                via[organisationId] = (what, value);
        }
    }

    /// <summary>The column that matched, when it is not the name (which is the row's title), or the company number.</summary>
    private static string? OwnDetail(string text, string? tradingName, string? companyNumber, string billingEmail)
    {
        if (SearchRank.Of(text, tradingName) < SearchRank.Other) return $"trading as {tradingName}";
        if (SearchRank.Of(text, billingEmail) < SearchRank.Other) return billingEmail;
        return companyNumber is null ? null : $"company {companyNumber}";
    }
}
