using Portal.Domain.Common;

namespace Portal.Domain.Billing;

/// <summary>
/// The billing run on one instance at a time (<see cref="ISingleInstanceJob"/>): every minute it moves each due
/// subscription one step (<see cref="BillingEngine"/>). A round is one batch; it answers true while batches come back
/// full, so a backlog (a year of missed renewals after an outage) is worked through without waiting between rounds.
/// </summary>
public sealed class BillingJob(BillingEngine engine) : ISingleInstanceJob
{
    public const string Name = "billing";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var (_, count) = await engine.RunBatchAsync(ct);
        return count > 0;
    }
}
