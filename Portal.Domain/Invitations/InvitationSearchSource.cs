using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Invitations;

/// <summary>The palette's invitations (readers): by email or last name prefix, each on its own index.</summary>
internal sealed class InvitationSearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user) : ISearchSource
{
    public string Area => "Invitations";
    public int Order => 400;
    public IReadOnlyList<string> Roles => Access.Read;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var prefix = SearchRank.PrefixPattern(text);
        var rows = await db.Invitations.AsNoTracking().Where(i => EF.Functions.Like(i.Email, prefix, "\\")).OrderBy(i => i.Email).Take(limit * 2)
            .Select(i => new { i.Id, i.Email, i.FirstName, i.LastName, i.Kind, i.State })
            .ToListAsync(ct);
        return [.. rows
            .Select(i => new SearchHit("Invitation", $"{i.FirstName} {i.LastName}".Trim() is { Length: > 0 } name ? name : i.Email,
                $"{KindLabel(i.Kind)} · {Invitation.Describe(i.State)} · {i.Email}", $"/invitations/{i.Id}", SearchRank.Of(text, i.Email)))
            .OrderBy(h => h.Rank).ThenBy(h => h.Title, StringComparer.Ordinal)
            .Take(limit)];
    }

    public static string KindLabel(InvitationKind kind) => kind switch
    {
        InvitationKind.Joint => "Joint owner",
        InvitationKind.AuthorizedSigner => "Authorized signer",
        _ => "Member",
    };
}
