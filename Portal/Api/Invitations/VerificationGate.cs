using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Domain.Organisations;

namespace Portal.Api;

/// <summary>
/// Caps the verifications that hash at once (each is one or two slow hashes, tens of milliseconds of a core). The per-address
/// limit stops one client; this stops many: past <see cref="InvitationOptions.ConcurrentVerifications"/> running and
/// <see cref="InvitationOptions.QueuedVerifications"/> waiting, a verification is answered 429 before it costs anything,
/// so the other requests keep their cores. One per instance (a singleton): it guards this process's CPU.
/// </summary>
public sealed class VerificationGate : IDisposable
{
    /// <summary>The Retry-After a refused verification gets: the queue drains in well under a second.</summary>
    public const string RetryAfterSeconds = "1";

    private readonly ConcurrencyLimiter _limiter;

    public VerificationGate(IOptions<InvitationOptions> options)
    {
        var settings = options.Value;
        var permits = settings.ConcurrentVerifications > 0 ? settings.ConcurrentVerifications : Math.Max(1, Environment.ProcessorCount / 2);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits, QueueLimit = Math.Max(0, settings.QueuedVerifications), QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>A lease to verify now (after waiting in the queue if there is room); not acquired: answer 429.</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken ct) => _limiter.AcquireAsync(1, ct);

    public void Dispose() => _limiter.Dispose();
}

/// <summary>The API's face of <see cref="VerificationGate"/>: a ProblemDetails 429 with Retry-After.</summary>
internal sealed class VerificationGateFilter(VerificationGate gate) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        using var lease = await gate.EnterAsync(http.RequestAborted);
        if (!lease.IsAcquired)
        {
            http.Response.Headers.RetryAfter = VerificationGate.RetryAfterSeconds;
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: "Many invitations are being accepted right now. Try again in a moment.");
        }
        return await next(context);
    }
}
