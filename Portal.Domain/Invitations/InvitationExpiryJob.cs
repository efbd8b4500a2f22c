using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Invitations;

/// <summary>
/// Marks sent invitations past their expiry as expired (reads already treat them so: <see cref="Invitation.StateAt(DateTimeOffset)"/>)
/// and forgets the links of their unsent emails. A round takes one batch through the entities, so each change is audited;
/// a full batch means more are due and the next round starts at once. Each row's own state check makes a cut-off round safe.
/// </summary>
public sealed class InvitationExpiryJob(IDbContextFactory<PortalDbContext> dbs, CurrentUserAccessor user, TimeProvider clock) : ISingleInstanceJob
{
    public const string Name = "invitation-expiry";
    public const int BatchSize = 200;
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = await db.Invitations.Where(i => i.State == InvitationState.Sent && i.ExpiresAt <= now)
            .OrderBy(i => i.ExpiresAt).Take(BatchSize).ToListAsync(ct);
        foreach (var invitation in due)
            if (invitation.ExpireIfDue(now)) await InvitationService.PurgeLinksAsync(db, invitation.Id, ct);
        using (user.ActingFor("job:" + Name, "Invitation expiry"))
            await db.SaveChangesAsync(ct);
        return due.Count == BatchSize;
    }
}
