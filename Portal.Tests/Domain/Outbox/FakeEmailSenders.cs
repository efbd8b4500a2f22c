using System.Collections.Concurrent;
using Portal.Domain.Outbox;

namespace Portal.Tests.Domain.Outbox;

/// <summary>Records every send; optionally holds the first send until a second one arrives, so two dispatchers overlap.</summary>
internal sealed class CountingEmailSender(bool holdFirstUntilSecond = false) : IEmailSender
{
    private readonly TaskCompletionSource _secondArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public ConcurrentDictionary<Guid, int> SendsById { get; } = new();
    public ConcurrentQueue<string> Recipients { get; } = new();

    public async Task SendAsync(OutboxEmail email, CancellationToken ct)
    {
        var call = Interlocked.Increment(ref _calls);
        if (holdFirstUntilSecond)
        {
            if (call == 1) await _secondArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            else _secondArrived.TrySetResult();
        }
        SendsById.AddOrUpdate(email.Id, 1, (_, n) => n + 1);
        Recipients.Enqueue(email.To);
        await Task.Yield();
    }
}

/// <summary>An SMTP server that refuses everything.</summary>
internal sealed class ThrowingEmailSender : IEmailSender
{
    public const string Error = "451 4.3.0 Mail server temporarily rejected message";
    public int Calls;

    public Task SendAsync(OutboxEmail email, CancellationToken ct)
    {
        Interlocked.Increment(ref Calls);
        throw new InvalidOperationException(Error);
    }
}

/// <summary>Lets a test hold a send of one email open while something else happens.</summary>
internal sealed class GatedEmailSender(Guid heldEmailId) : IEmailSender
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public ConcurrentQueue<Guid> Sent { get; } = new();

    public async Task SendAsync(OutboxEmail email, CancellationToken ct)
    {
        if (email.Id == heldEmailId)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        }
        Sent.Enqueue(email.Id);
    }
}
