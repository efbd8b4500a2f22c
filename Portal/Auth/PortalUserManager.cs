using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Admin;
using Portal.Domain.Store;

namespace Portal.Auth;

/// <summary>
/// Counts failed sign-ins with one conditional UPDATE instead of Identity's read-modify-save. Parallel wrong passwords
/// then each count (a saved entity would lose the race on its version and the failure would be dropped or answer 500).
/// The counters are bookkeeping: no audit entry, no version bump.
/// </summary>
public sealed class PortalUserManager(
    IUserStore<StaffUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<StaffUser> passwordHasher,
    IEnumerable<IUserValidator<StaffUser>> userValidators, IEnumerable<IPasswordValidator<StaffUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<StaffUser>> logger,
    PortalDbContext db, TimeProvider clock)
    : UserManager<StaffUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AccessFailedAsync(StaffUser user)
    {
        ThrowIfDisposed();
        var max = Options.Lockout.MaxFailedAccessAttempts;
        DateTimeOffset? until = clock.GetUtcNow() + Options.Lockout.DefaultLockoutTimeSpan;
        // The SET expressions read the row as it was before this UPDATE, so each failure adds exactly one.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= max ? until : u.LockoutEnd)
            .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= max ? 0 : u.AccessFailedCount + 1), CancellationToken);
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
