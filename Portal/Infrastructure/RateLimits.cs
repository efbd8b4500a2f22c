using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Infrastructure;

/// <summary>
/// The rate limiter's shared answer (429 with Retry-After) and the per-address policies areas add to it. The counts
/// live in the database (<see cref="SharedRateLimitCounters"/>), so a limit holds across every instance behind the
/// load balancer, not per process.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddPortalRateLimiter(this IServiceCollection services)
    {
        services.AddSingleton<SharedRateLimitCounters>();
        services.AddSingleInstanceJob<RateLimitCounterCleanupJob>(RateLimitCounterCleanupJob.Name, RateLimitCounterCleanupJob.Interval);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = "60";
                const string text = "Too many attempts from here. Wait a minute and try again.";
                // The API answers every error as ProblemDetails (the invitee's verification is the API's rate-limited route).
                if (http.Request.Path.StartsWithSegments("/api"))
                    return new ValueTask(http.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = text,
                    }, options: null, contentType: "application/problem+json", cancellationToken: ct));
                return new ValueTask(http.Response.WriteAsync(text, ct));
            };
        });
    }

    /// <summary>
    /// A policy named <paramref name="policy"/>: at most the configured <paramref name="perMinuteKey"/> (else
    /// <paramref name="defaultPerMinute"/>) requests per client IP per minute, counted across instances.
    /// </summary>
    public static IServiceCollection AddPerClientRateLimit(this IServiceCollection services, string policy, string perMinuteKey, int defaultPerMinute)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration, SharedRateLimitCounters>((o, config, counters) =>
        {
            var permits = config.GetValue(perMinuteKey, defaultPerMinute);
            o.AddPolicy(policy, http =>
            {
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.Get(client, _ => new SharedFixedWindowRateLimiter(counters, $"{policy}:{client}", permits, TimeSpan.FromMinutes(1)));
            });
        });
        return services;
    }
}

/// <summary>
/// A fixed-window limiter whose count is the shared one in the database. The middleware asks synchronously first
/// (always "no": counting needs the database) and then waits on <see cref="AcquireAsyncCore"/>, which counts.
/// Holds no state of its own, so the middleware may drop and recreate it at will.
/// </summary>
public sealed class SharedFixedWindowRateLimiter(SharedRateLimitCounters counters, string key, int permits, TimeSpan window) : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true), Refused = new Lease(false);

    public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refused;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        await counters.TryAttemptAsync(key, permits, window, cancellationToken) ? Granted : Refused;

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
