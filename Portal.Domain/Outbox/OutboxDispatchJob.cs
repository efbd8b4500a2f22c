using Portal.Domain.Common;

namespace Portal.Domain.Outbox;

/// <summary>
/// The outbox's dispatch as a job that runs on one instance at a time (<see cref="ISingleInstanceJob"/>): a round sends
/// one batch, and a full batch means more may be due, so the next starts at once instead of 20 emails per interval.
/// Each email is still claimed before it is sent (<see cref="OutboxDispatcher"/>), so a send cut off by a crash is
/// retried after the claim lapses, and a lock lost mid-round cannot send a row twice.
/// </summary>
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : ISingleInstanceJob
{
    public const string Name = "outbox-dispatch";
    public const int BatchSize = 20;
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public async Task<bool> RunAsync(CancellationToken ct) => await dispatcher.DispatchDueAsync(BatchSize, ct) == BatchSize;
}
