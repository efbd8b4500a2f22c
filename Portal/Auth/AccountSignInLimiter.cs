using Portal.Domain.Store;

namespace Portal.Auth;

/// <summary>
/// Sign-in posts per account per minute, on top of the per-client limit: behind a proxy or a botnet the client address
/// says little, and guessing one person's password from many addresses is still slowed down. Counted in the database
/// (<see cref="SharedRateLimitCounters"/>), so every instance sees the same count.
/// </summary>
public sealed class AccountSignInLimiter(IConfiguration config, SharedRateLimitCounters counters)
{
    private readonly int _permits = config.GetValue("Auth:SignInAttemptsPerAccountPerMinute", 10);

    /// <summary>False when this account has had its attempts for the minute.</summary>
    public Task<bool> TryAttemptAsync(string email, CancellationToken ct = default) =>
        counters.TryAttemptAsync($"sign-in-account:{email.Trim().ToUpperInvariant()}", _permits, TimeSpan.FromMinutes(1), ct);
}
