using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

/// <summary>The palette's invoices (readers of billing): by number, whole (<c>INV-2026-000123</c>, the unique index) or its start.</summary>
internal sealed class InvoiceSearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user) : ISearchSource
{
    public string Area => "Invoices";
    public int Order => 440;
    public IReadOnlyList<string> Roles => Access.Read;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        if (!text.StartsWith("INV", StringComparison.OrdinalIgnoreCase)) return [];
        var number = text.ToUpperInvariant();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.Invoices.AsNoTracking()
            .Where(i => i.Number == number || EF.Functions.Like(i.Number, SearchRank.PrefixPattern(number), "\\"))
            .OrderBy(i => i.Number).Take(limit)
            .Select(i => new { i.Id, i.Number, i.Status, i.Total, Organisation = db.Set<Organisation>().Where(o => o.Id == i.OrganisationId).Select(o => o.Name).First() })
            .ToListAsync(ct);
        return [.. rows.Select(i => new SearchHit("Invoice", i.Number, $"{i.Status} · {i.Total} · {i.Organisation}", $"/invoices/{i.Id}",
            i.Number == number ? SearchRank.Exact : SearchRank.Of(text, i.Number)))];
    }
}

/// <summary>The palette's plans (readers of billing): by code or name (the catalogue is small: a LIKE over it).</summary>
internal sealed class PlanSearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user) : ISearchSource
{
    public string Area => "Plans";
    public int Order => 450;
    public IReadOnlyList<string> Roles => Access.Read;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        var pattern = PagingExtensions.ContainsPattern(text);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.Plans.AsNoTracking().Where(p => EF.Functions.Like(p.Name, pattern, "\\") || EF.Functions.Like(p.Code, pattern, "\\"))
            .OrderBy(p => p.Name).Take(limit * 2).Select(p => new { p.Id, p.Code, p.Name, p.IsArchived, p.Price, p.Interval }).ToListAsync(ct);
        return [.. rows.Select(p => new SearchHit("Plan", p.Name, $"{p.Code} · {p.Price} a {p.Interval.ToString().ToLowerInvariant()}{(p.IsArchived ? " · archived" : "")}",
                $"/plans/{p.Id}", SearchRank.Of(text, p.Code, p.Name)))
            .OrderBy(h => h.Rank).ThenBy(h => h.Title, StringComparer.Ordinal).Take(limit)];
    }
}
