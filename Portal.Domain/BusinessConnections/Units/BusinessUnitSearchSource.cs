using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.BusinessConnections;

/// <summary>The palette's business units: by name (prefix, on the name index) or holding number (exact, on its index).</summary>
internal sealed class BusinessUnitSearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user) : ISearchSource
{
    public string Area => "Business units";
    public int Order => 250;
    public IReadOnlyList<string> Roles => Access.Read;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var holding = BusinessUnitFormats.NormaliseHolding(text, "GB");
        var prefix = SearchRank.PrefixPattern(text);
        var rows = await db.BusinessUnits.AsNoTracking().Where(u => u.HoldingNumber == holding)
            .Concat(db.BusinessUnits.AsNoTracking().Where(u => EF.Functions.Like(u.Name, prefix, "\\")).OrderBy(u => u.Name).Take(limit * 2))
            .Select(u => new { u.Id, u.Name, u.Type, u.HoldingNumber, u.Postcode })
            .ToListAsync(ct);
        return [.. rows.DistinctBy(u => u.Id)
            .Select(u => new SearchHit("Business unit", u.Name,
                string.Join(" · ", new[] { u.Type.ToString(), u.HoldingNumber, u.Postcode }.Where(p => !string.IsNullOrEmpty(p))),
                $"/business-units/{u.Id}", u.HoldingNumber == holding ? SearchRank.Exact : SearchRank.Of(text, u.Name)))
            .OrderBy(h => h.Rank).ThenBy(h => h.Title, StringComparer.Ordinal).Take(limit)];
    }
}
