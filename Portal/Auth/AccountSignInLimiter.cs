using System.Threading.RateLimiting;

namespace Portal.Auth;

/// <summary>
/// Sign-in posts per account per minute, on top of the per-client limit: behind a proxy or a botnet the client address
/// says little, and guessing one person's password from many addresses is still slowed down.
/// </summary>
public sealed class AccountSignInLimiter(IConfiguration config) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = config.GetValue("Auth:SignInAttemptsPerAccountPerMinute", 10), Window = TimeSpan.FromMinutes(1),
        }));

    /// <summary>False when this account has had its attempts for the minute.</summary>
    public bool TryAttempt(string email)
    {
        using var lease = _limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
