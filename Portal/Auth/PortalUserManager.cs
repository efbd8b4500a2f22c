using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Store;

namespace Portal.Auth;

/// <summary>
/// Counts failed sign-ins with one conditional UPDATE instead of Identity's read-modify-save. Parallel wrong passwords
/// then each count (a saved entity would lose the race on its version and the failure would be dropped or answer 500).
/// The counters are bookkeeping: no audit entry, no version bump; the failure that locks the account writes the
/// <see cref="SecurityEvents.LockedOut"/> event.
/// </summary>
public sealed class PortalUserManager(
    IUserStore<StaffUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<StaffUser> passwordHasher,
    IEnumerable<IUserValidator<StaffUser>> userValidators, IEnumerable<IPasswordValidator<StaffUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<StaffUser>> logger,
    PortalDbContext db, TimeProvider clock, SecurityEventLog events)
    : UserManager<StaffUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AccessFailedAsync(StaffUser user)
    {
        ThrowIfDisposed();
        var max = Options.Lockout.MaxFailedAccessAttempts;
        var until = clock.GetUtcNow() + Options.Lockout.DefaultLockoutTimeSpan;
        // Two conditional UPDATEs, each reading the row as it is when it runs: one counts a failure that does not reach
        // the limit, the other locks with the failure that does. Exactly one of them matches the row (a failure racing
        // in between goes round again), so each failure counts once and the lockout is done, and recorded, once.
        // (Bounded: a user deleted meanwhile matches neither.)
        for (var round = 0; round < 10; round++)
        {
            if (await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount + 1 < max)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), CancellationToken) == 1)
                break;
            if (await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount + 1 >= max)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, until).SetProperty(u => u.AccessFailedCount, 0), CancellationToken) == 1)
            {
                await events.LockedOutAsync(user.Id, user.Email ?? "", until, CancellationToken);
                break;
            }
        }
        await RefreshCountersAsync(user);
        return IdentityResult.Success;
    }

    public override async Task<IdentityResult> ResetAccessFailedCountAsync(StaffUser user)
    {
        ThrowIfDisposed();
        if (user.AccessFailedCount == 0) return IdentityResult.Success;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), CancellationToken);
        await RefreshCountersAsync(user);
        return IdentityResult.Success;
    }

    /// <summary>Takes the stored counters into <paramref name="user"/> as unchanged values, so a later save does not write them back.</summary>
    private async Task RefreshCountersAsync(StaffUser user)
    {
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == user.Id)
            .Select(u => new { u.AccessFailedCount, u.LockoutEnd }).FirstAsync(CancellationToken);
        var entry = db.Entry(user);
        if (entry.State == EntityState.Detached)
        {
            (user.AccessFailedCount, user.LockoutEnd) = (stored.AccessFailedCount, stored.LockoutEnd);
            return;
        }
        entry.Property(u => u.AccessFailedCount).CurrentValue = entry.Property(u => u.AccessFailedCount).OriginalValue = stored.AccessFailedCount;
        entry.Property(u => u.LockoutEnd).CurrentValue = entry.Property(u => u.LockoutEnd).OriginalValue = stored.LockoutEnd;
    }
}
