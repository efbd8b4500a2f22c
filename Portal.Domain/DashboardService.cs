using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;
using Portal.Domain.Store;

namespace Portal.Domain;

/// <summary>What each role's home page shows; a part the user may not read is null.</summary>
public sealed record DashboardCounts(AdminCounts? Admin, OrganisationCounts? Organisations);

public sealed record AdminCounts(
    int StaffUsers, int DisabledStaffUsers, IReadOnlyDictionary<string, int> StaffByRole,
    int ActiveApiKeys, int PendingEmails, int FailedEmails, int ChangesToday);

public sealed record OrganisationCounts(IReadOnlyDictionary<OrganisationStatus, int> ByStatus, IReadOnlyList<MonthCount> NewPerMonth)
{
    public int Total => ByStatus.Values.Sum();
}

/// <summary>A calendar month (UTC) and how many were created in it.</summary>
public sealed record MonthCount(DateOnly Month, int Count);

/// <summary>The live numbers on the home page; each is a COUNT in SQL, never rows.</summary>
public sealed class DashboardService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock)
{
    public const int Months = 12;

    public async Task<DashboardCounts> GetCountsAsync(CancellationToken ct = default)
    {
        user.Require(Access.Any);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return new DashboardCounts(
            user.Has(Access.Admin) ? await AdminAsync(db, ct) : null,
            user.Has(Access.Read) ? await OrganisationsAsync(db, ct) : null);
    }

    private async Task<AdminCounts> AdminAsync(PortalDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var startOfDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var byRole = await db.UserRoles.GroupBy(r => r.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new AdminCounts(
            await db.Users.CountAsync(ct),
            await db.Users.CountAsync(u => u.IsDisabled, ct),
            Roles.All.ToDictionary(r => r, r => byRole.FirstOrDefault(b => b.Key == RoleIds.ByName[r])?.Count ?? 0),
            await db.ApiKeys.CountAsync(k => k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), ct),
            await db.OutboxEmails.CountAsync(o => o.Status == OutboxStatus.Pending, ct),
            await db.OutboxEmails.CountAsync(o => o.Status == OutboxStatus.Failed, ct),
            await db.AuditEntries.CountAsync(a => a.At >= startOfDay, ct));
    }

    private async Task<OrganisationCounts> OrganisationsAsync(PortalDbContext db, CancellationToken ct)
    {
        var byStatus = await db.Organisations.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var today = clock.GetUtcNow().UtcDateTime;
        var months = new List<MonthCount>();
        for (var i = Months - 1; i >= 0; i--)
        {
            // One range count per month on the CreatedAt index (dates are stored as sortable integers, not text).
            var start = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-i);
            var end = start.AddMonths(1);
            months.Add(new MonthCount(DateOnly.FromDateTime(start.UtcDateTime),
                await db.Organisations.CountAsync(o => o.CreatedAt >= start && o.CreatedAt < end, ct)));
        }
        return new OrganisationCounts(
            Enum.GetValues<OrganisationStatus>().ToDictionary(s => s, s => byStatus.FirstOrDefault(b => b.Key == s)?.Count ?? 0), months);
    }
}
