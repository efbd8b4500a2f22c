using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Admin;

/// <summary>
/// The palette's staff users (Admin only, like their list): by name or email. Candidates from the name's B-tree (prefix),
/// the normalised email (exact) and the trigram index (anywhere in, a few), then ranked.
/// </summary>
internal sealed class StaffUserSearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, IFullTextSearch search) : ISearchSource
{
    public string Area => "Staff users";
    public int Order => 500;
    public IReadOnlyList<string> Roles => Access.Admin;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var prefix = SearchRank.PrefixPattern(text);
        var normalized = text.ToUpperInvariant();
        var many = limit * 4;
        IQueryable<StaffUser> candidates = db.Users.Where(u => EF.Functions.Like(u.DisplayName, prefix, "\\")).OrderBy(u => u.DisplayName).Take(many)
            .Concat(db.Users.Where(u => u.NormalizedEmail == normalized));
        if (search.FirstMatching<StaffUser>(db, text, many) is { } matching) candidates = candidates.Concat(matching);
        var rows = await candidates.AsNoTracking().Select(u => new { u.Id, u.DisplayName, u.Email, u.IsDisabled }).ToListAsync(ct);
        return [.. rows.DistinctBy(u => u.Id)
            .Select(u => new SearchHit("Staff user", u.DisplayName, u.IsDisabled ? $"{u.Email} · disabled" : u.Email ?? "",
                $"/admin/staff-users/{u.Id}", SearchRank.Of(text, u.DisplayName, u.Email)))
            .Where(h => h.Rank < SearchRank.Other)
            .OrderBy(h => h.Rank).ThenBy(h => h.Title, StringComparer.OrdinalIgnoreCase)
            .Take(limit)];
    }
}

/// <summary>
/// The palette's API keys (Admin only) by name: the name's case-insensitive B-tree answers a prefix; anywhere in the
/// name is a LIKE over the keys' table, which holds tens of rows, not thousands.
/// </summary>
internal sealed class ApiKeySearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock) : ISearchSource
{
    public string Area => "API keys";
    public int Order => 510;
    public IReadOnlyList<string> Roles => Access.Admin;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var prefix = SearchRank.PrefixPattern(text);
        var contains = PagingExtensions.ContainsPattern(text);
        var many = limit * 4;
        var keys = await db.ApiKeys.AsNoTracking().Where(k => EF.Functions.Like(k.Name, prefix, "\\")).OrderBy(k => k.Name).Take(many)
            .Concat(db.ApiKeys.AsNoTracking().Where(k => EF.Functions.Like(k.Name, contains, "\\")).OrderBy(k => k.Name).Take(many))
            .Select(k => new { k.Id, k.Name, k.Role, k.Prefix, k.RevokedAt, k.ExpiresAt })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return [.. keys.DistinctBy(k => k.Id)
            .Select(k => new SearchHit("API key", k.Name, $"{k.Role} · {(k.RevokedAt is not null ? "revoked" : k.ExpiresAt <= now ? "expired" : "active")} · ptl_{k.Prefix}_…",
                $"/admin/api-keys?q={Uri.EscapeDataString(k.Name)}", SearchRank.Of(text, k.Name)))
            .OrderBy(h => h.Rank).ThenBy(h => h.Title, StringComparer.OrdinalIgnoreCase)
            .Take(limit)];
    }
}
