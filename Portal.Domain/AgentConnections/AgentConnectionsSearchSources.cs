using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.AgentConnections;

/// <summary>The palette's agencies (the read roles): by name (prefix, on the name index) or their DID (exact).</summary>
internal sealed class AgencySearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user) : ISearchSource
{
    public string Area => "Agencies";
    public int Order => 520;
    public IReadOnlyList<string> Roles => Access.Read;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var prefix = SearchRank.PrefixPattern(text);
        var rows = await db.Agencies.AsNoTracking().Where(a => a.Did == text || EF.Functions.Like(a.Name, prefix, "\\"))
            .OrderBy(a => a.Name).Take(limit * 2)
            .Select(a => new { a.Id, a.Name, a.Did, Organisation = db.Set<Organisations.Organisation>().Where(o => o.Id == a.OrganisationId).Select(o => o.Name).First() })
            .ToListAsync(ct);
        return [.. rows
            .Select(a => new SearchHit("Agency", a.Name, $"{a.Organisation} · {a.Did}", $"/agencies/{a.Id}", a.Did == text ? SearchRank.Exact : SearchRank.Of(text, a.Name)))
            .OrderBy(h => h.Rank).ThenBy(h => h.Title, StringComparer.Ordinal).Take(limit)];
    }
}

/// <summary>
/// The palette's agent connections (the read roles): by alias (prefix, on the alias index), or a DID or agent id
/// (exact, on their indexes). Titles are not searched here (no index); the connections list searches them.
/// </summary>
internal sealed class AgentConnectionSearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user) : ISearchSource
{
    public string Area => "Agent connections";
    public int Order => 530;
    public IReadOnlyList<string> Roles => Access.Read;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var prefix = SearchRank.PrefixPattern(text);
        IQueryable<AgentConnection> exact = text.StartsWith("did:", StringComparison.Ordinal) ? db.AgentConnections.Where(c => c.Did == text)
            : Guid.TryParse(text, out _) ? db.AgentConnections.Where(c => c.AgentId == text) : db.AgentConnections.Where(c => false);
        var rows = await exact.Take(limit)
            .Concat(db.AgentConnections.Where(c => EF.Functions.Like(c.Alias, prefix, "\\")).OrderBy(c => c.Alias).Take(limit * 2))
            .AsNoTracking()
            .Select(c => new { c.Id, c.Alias, c.Did, c.AgentId, c.State, Agency = db.Set<Agency>().Where(a => a.Id == c.AgencyId).Select(a => a.Name).First() })
            .ToListAsync(ct);
        return [.. rows.DistinctBy(c => c.Id)
            .Select(c => new SearchHit("Agent connection", c.Alias, $"{c.Agency} · {c.State}{(c.Did is null ? "" : " · " + c.Did)}", $"/agent-connections/{c.Id}",
                c.Did == text || c.AgentId == text ? SearchRank.Exact : SearchRank.Of(text, c.Alias)))
            .OrderBy(h => h.Rank).ThenBy(h => h.Title, StringComparer.Ordinal).Take(limit)];
    }
}
