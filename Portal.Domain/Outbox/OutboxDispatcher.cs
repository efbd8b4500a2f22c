using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Store;

namespace Portal.Domain.Outbox;

/// <summary>Delivers one email; the host's SMTP sender implements it.</summary>
public interface IEmailSender
{
    Task SendAsync(OutboxEmail email, CancellationToken ct);
}

/// <summary>
/// Sends due emails one at a time. Each is first claimed with a conditional update (only one dispatcher wins),
/// then marked sent or failed. A dispatcher that dies mid-send lets its claim lapse, so the email is tried again.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<PortalDbContext> dbs, IEmailSender sender, TimeProvider clock, ILogger<OutboxDispatcher> log,
    IOptions<OutboxOptions>? options = null, OutboxSecretProtector? secrets = null)
{
    public static readonly TimeSpan DefaultClaimDuration = TimeSpan.FromMinutes(5);
    private readonly TimeSpan claimDuration = options?.Value.ClaimDuration ?? DefaultClaimDuration;

    /// <summary>Sends what is due now; returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            due = await db.OutboxEmails.Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now
                    && (o.LockedUntil == null || o.LockedUntil < now))
                .OrderBy(o => o.NextAttemptAt).Select(o => o.Id).Take(batchSize).ToListAsync(ct);
        }
        var attempted = 0;
        foreach (var id in due)
        {
            if (await TryClaimAsync(id, ct)) { await SendOneAsync(id, ct); attempted++; }
        }
        return attempted;
    }

    private async Task<bool> TryClaimAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + claimDuration;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var claimed = await db.OutboxEmails
            // Due again too: another dispatcher may have failed it (and set a back-off) since our list was read.
            .Where(o => o.Id == id && o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now
                && (o.LockedUntil == null || o.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LockedUntil, until), ct);
        return claimed == 1;
    }

    private async Task SendOneAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var email = await db.OutboxEmails.FirstAsync(o => o.Id == id, ct);
        if (email.LostItsSecret)
        {
            email.MarkWithdrawn();
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }
        try
        {
            if (email.ProtectedSecret is not null)
                email.ResolveSecret(secrets ?? throw new InvalidOperationException("An email with a secret needs the OutboxSecretProtector."));
            await sender.SendAsync(email, ct);
            email.MarkSent(clock.GetUtcNow());
            log.LogInformation("Sent email {EmailId} ({Subject})", email.Id, email.Subject);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            email.MarkFailed(ex.Message, clock.GetUtcNow());
            log.LogWarning("Email {EmailId} failed (attempt {Attempt}): {Error}", email.Id, email.Attempts, ex.Message);
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
