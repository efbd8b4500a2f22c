using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Outbox;
using Portal.Domain.Store;

namespace Portal.Domain;

public sealed record DashboardCounts(
    int StaffUsers, int DisabledStaffUsers, IReadOnlyDictionary<string, int> StaffByRole,
    int ActiveApiKeys, int PendingEmails, int FailedEmails, int ChangesToday);

/// <summary>The live numbers on the home page; each is one COUNT in SQL.</summary>
public sealed class DashboardService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock)
{
    public async Task<DashboardCounts> GetCountsAsync(CancellationToken ct = default)
    {
        user.Require(Roles.All.ToArray());
        var now = clock.GetUtcNow();
        var startOfDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var byRole = await db.UserRoles.GroupBy(r => r.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new DashboardCounts(
            await db.Users.CountAsync(ct),
            await db.Users.CountAsync(u => u.IsDisabled, ct),
            Roles.All.ToDictionary(r => r, r => byRole.FirstOrDefault(b => b.Key == RoleIds.ByName[r])?.Count ?? 0),
            await db.ApiKeys.CountAsync(k => k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), ct),
            await db.OutboxEmails.CountAsync(o => o.Status == OutboxStatus.Pending, ct),
            await db.OutboxEmails.CountAsync(o => o.Status == OutboxStatus.Failed, ct),
            await db.AuditEntries.CountAsync(a => a.At >= startOfDay, ct));
    }
}
