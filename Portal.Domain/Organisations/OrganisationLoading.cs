using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

public static class OrganisationLoading
{
    /// <summary>
    /// The organisation a change starts from, tracked, with whatever <paramref name="organisations"/> includes: 404 when it
    /// does not exist, 412 when <paramref name="version"/> is not the one stored (someone changed it meanwhile).
    /// </summary>
    public static async Task<Organisation> ForChangeAsync(this IQueryable<Organisation> organisations, Guid id, long version, CancellationToken ct)
    {
        var org = await organisations.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("Organisation", id);
        org.EnsureVersion(version, id);
        return org;
    }
}
