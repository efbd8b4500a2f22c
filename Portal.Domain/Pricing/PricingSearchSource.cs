using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Pricing;

/// <summary>The palette's pricing groups (the read roles): by name, prefix first, on the name's case-insensitive index.</summary>
internal sealed class PricingGroupSearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user) : ISearchSource
{
    public string Area => "Pricing groups";
    public int Order => 420;
    public IReadOnlyList<string> Roles => Access.Read;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var pattern = PagingExtensions.ContainsPattern(text);
        var rows = await db.PricingGroups.AsNoTracking().Where(g => EF.Functions.Like(g.Name, pattern, "\\"))
            .OrderBy(g => g.Name).Take(limit * 2).Select(g => new { g.Id, g.Name, g.Currency, g.IncludesVat, g.DisabledAt }).ToListAsync(ct);
        return [.. rows
            .Select(g => new SearchHit("Pricing group", g.Name,
                $"{g.Currency} · {(g.IncludesVat ? "incl. VAT" : "excl. VAT")}{(g.DisabledAt is null ? "" : " · disabled")}",
                $"/pricing-groups/{g.Id}", SearchRank.Of(text, g.Name)))
            .OrderBy(h => h.Rank).ThenBy(h => h.Title, StringComparer.Ordinal).Take(limit)];
    }
}
