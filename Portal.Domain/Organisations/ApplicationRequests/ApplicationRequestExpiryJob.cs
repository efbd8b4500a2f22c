using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// Marks sent application requests past their expiry as expired (reads already treat them so). One batch a round,
/// through the entities so each change is audited; a full batch means more are due. The row's own state check makes a
/// round cut off by a crash safe to run again.
/// </summary>
public sealed class ApplicationRequestExpiryJob(IDbContextFactory<PortalDbContext> dbs, CurrentUserAccessor user, TimeProvider clock) : ISingleInstanceJob
{
    public const string Name = "application-request-expiry";
    public const int BatchSize = 200;
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = await db.ApplicationRequests.Where(r => r.State == ApplicationRequestState.Sent && r.ExpiresAt <= now)
            .OrderBy(r => r.ExpiresAt).Take(BatchSize).ToListAsync(ct);
        foreach (var request in due) request.ExpireIfDue(now);
        using (user.ActingFor("job:" + Name, "Application request expiry"))
            await db.SaveChangesAsync(ct);
        return due.Count == BatchSize;
    }
}
