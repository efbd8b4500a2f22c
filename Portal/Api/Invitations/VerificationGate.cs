using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Domain.Store;
using Portal.Infrastructure;
using Portal.Domain.Organisations;

namespace Portal.Api;

/// <summary>
/// Caps the verifications that hash at once (each is one or two slow hashes, tens of milliseconds of a core). The per-address
/// limit stops one client; this stops many: past <see cref="InvitationOptions.ConcurrentVerifications"/> running and
/// <see cref="InvitationOptions.QueuedVerifications"/> waiting, a verification is answered 429 before it costs anything
/// (<see cref="VerificationRateLimitPolicy"/> asks it before the per-address count, so not even a database write), and the
/// other requests keep their cores. One per instance (a singleton): it guards this process's CPU.
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

/// <summary>
/// The verification routes' rate-limit policy (the API's and the invitee page's form post), one limiter per client address:
/// a permit of the instance's <see cref="VerificationGate"/> first, in memory, then the address's count in the database
/// (<see cref="SharedFixedWindowRateLimiter"/>). So a flood the gate refuses costs no database write; a refused
/// verification is answered 429 with Retry-After 1 (busy) or 60 (this address's minute used up).
/// </summary>
internal sealed class VerificationRateLimitPolicy(VerificationGate gate, SharedRateLimitCounters counters, IConfiguration config)
    : IRateLimiterPolicy<string>
{
    private readonly int _perMinute = config.GetValue("Invitations:VerificationsPerMinute", 10);

    public RateLimitPartition<string> GetPartition(HttpContext http)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.Get(client, _ => new GatedRateLimiter(gate,
            new SharedFixedWindowRateLimiter(counters, $"{InvitationsApi.VerificationRateLimit}:{client}", _perMinute, TimeSpan.FromMinutes(1))));
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected => async (context, ct) =>
    {
        var http = context.HttpContext;
        var busy = GatedRateLimiter.IsBusy(context.Lease);
        http.Response.Headers.RetryAfter = busy ? VerificationGate.RetryAfterSeconds : "60";
        var text = busy ? "Many invitations are being accepted right now. Try again in a moment."
            : "Too many attempts from here. Wait a minute and try again.";
        if (http.Request.Path.StartsWithSegments("/api"))
            await http.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = text,
            }, options: null, contentType: "application/problem+json", cancellationToken: ct);
        else if (busy) await Portal.Features.Invitations.AcceptInvitationEndpoints.RefuseBusyAsync(http); // back to the page, names kept
        else await http.Response.WriteAsync(text, ct);
    };
}

/// <summary>
/// <see cref="VerificationRateLimitPolicy"/>'s limiter for one address: the gate's permit, then the database count; the
/// lease holds the gate's permit until the request ends (the middleware disposes it then).
/// </summary>
internal sealed class GatedRateLimiter(VerificationGate gate, RateLimiter perClient) : RateLimiter
{
    private const string Busy = "busy";
    private static readonly RateLimitLease Refused = new Refusal(null), RefusedBusy = new Refusal(Busy);

    public static bool IsBusy(RateLimitLease lease) => lease.TryGetMetadata(MetadataName.ReasonPhrase, out var reason) && reason == Busy;

    public override TimeSpan? IdleDuration => perClient.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Never at once: counting needs the database, so the middleware goes on to <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refused;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var entry = await gate.EnterAsync(cancellationToken);
        if (!entry.IsAcquired)
        {
            entry.Dispose();
            return RefusedBusy;
        }
        try
        {
            var counted = await perClient.AcquireAsync(permitCount, cancellationToken);
            if (counted.IsAcquired) return new Held(entry, counted);
            counted.Dispose();
        }
        catch
        {
            entry.Dispose();
            throw;
        }
        entry.Dispose();
        return Refused;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) perClient.Dispose(); // the gate is the instance's, not this address's
    }

    private sealed class Held(RateLimitLease entry, RateLimitLease counted) : RateLimitLease
    {
        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing) return;
            counted.Dispose();
            entry.Dispose();
        }
    }

    private sealed class Refusal(string? reason) : RateLimitLease
    {
        public override bool IsAcquired => false;
        public override IEnumerable<string> MetadataNames => reason is null ? [] : [MetadataName.ReasonPhrase.Name];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = reason is not null && metadataName == MetadataName.ReasonPhrase.Name ? reason : null;
            return metadata is not null;
        }
    }
}
