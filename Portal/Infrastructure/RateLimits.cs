using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Infrastructure;

/// <summary>The rate limiter's shared answer (429 with Retry-After) and the per-address policies areas add to it.</summary>
public static class RateLimits
{
    public static IServiceCollection AddPortalRateLimiter(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = (context, ct) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            return new ValueTask(context.HttpContext.Response.WriteAsync("Too many attempts from here. Wait a minute and try again.", ct));
        };
    });

    /// <summary>
    /// A policy named <paramref name="policy"/>: at most the configured <paramref name="perMinuteKey"/> (else
    /// <paramref name="defaultPerMinute"/>) requests per client IP per minute.
    /// </summary>
    public static IServiceCollection AddPerClientRateLimit(this IServiceCollection services, string policy, string perMinuteKey, int defaultPerMinute)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, config) =>
        {
            var permits = config.GetValue(perMinuteKey, defaultPerMinute);
            o.AddPolicy(policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }
}
