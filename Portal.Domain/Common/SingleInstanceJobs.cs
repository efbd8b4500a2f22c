using System.Collections.Concurrent;
using Medallion.Threading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Domain.Common;

/// <summary>
/// Background work that runs on one instance at a time (outbox dispatch today; billing runs, invitation expiry later).
/// Register it with <see cref="SingleInstanceJobs.AddSingleInstanceJob{TJob}"/>; every instance runs the loop, and each
/// round first takes the job's lock from <see cref="IDistributedLockProvider"/> (PostgreSQL advisory locks across
/// machines, an in-process lock on SQLite), so the instances that do not hold it skip the round.
/// </summary>
public interface ISingleInstanceJob
{
    /// <summary>One round of the work. Answers true when more is waiting: the next round then starts at once, still under the lock.</summary>
    Task<bool> RunAsync(CancellationToken ct);
}

public static class SingleInstanceJobs
{
    /// <summary>The lock's name: one per job, the same on every instance.</summary>
    public static string LockName(string job) => $"portal-job:{job}";

    /// <summary>
    /// Runs <typeparamref name="TJob"/> (resolved in a scope of its own per round) every <paramref name="interval"/> on
    /// whichever instance holds the lock named <paramref name="name"/>.
    /// </summary>
    public static IServiceCollection AddSingleInstanceJob<TJob>(this IServiceCollection services, string name, TimeSpan interval)
        where TJob : class, ISingleInstanceJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(sp => new SingleInstanceJobRunner<TJob>(
            name, interval, sp.GetRequiredService<IDistributedLockProvider>(), sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<ILogger<SingleInstanceJobRunner<TJob>>>()));
        return services;
    }
}

/// <summary>The loop every instance runs for one job; only the lock holder does a round.</summary>
public sealed class SingleInstanceJobRunner<TJob>(
    string name, TimeSpan interval, IDistributedLockProvider locks, IServiceScopeFactory scopes, ILogger<SingleInstanceJobRunner<TJob>> log)
    : BackgroundService where TJob : class, ISingleInstanceJob
{
    /// <summary>Takes the lock if no other instance holds it and runs rounds while more is waiting; false when another instance holds it.</summary>
    public async Task<bool> TryRunAsync(CancellationToken ct)
    {
        await using var handle = await locks.TryAcquireLockAsync(SingleInstanceJobs.LockName(name), TimeSpan.Zero, ct);
        if (handle is null) return false;
        // A PostgreSQL lock lives with its connection: when that drops, another instance may take the lock, so stop.
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct, handle.HandleLostToken);
        bool more;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            more = await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(lost.Token);
        } while (more && !lost.IsCancellationRequested);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await TryRunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "The job {Job} failed; it will run again", name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>
/// Locks within one process, for the embedded SQLite store (one machine). Two processes on one SQLite file each take
/// their own lock; what a job does must stay safe then (the outbox claims each row as well).
/// </summary>
public sealed class InProcessLockProvider : IDistributedLockProvider
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _semaphores = new();

    public IDistributedLock CreateLock(string name) => new InProcessLock(name, _semaphores.GetOrAdd(name, _ => new SemaphoreSlim(1, 1)));

    private sealed class InProcessLock(string name, SemaphoreSlim semaphore) : IDistributedLock
    {
        public string Name => name;

        public IDistributedSynchronizationHandle? TryAcquire(TimeSpan timeout = default, CancellationToken cancellationToken = default) =>
            semaphore.Wait(timeout, cancellationToken) ? new Handle(semaphore) : null;

        public IDistributedSynchronizationHandle Acquire(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            semaphore.Wait(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken) ? new Handle(semaphore) : throw new TimeoutException($"The lock {name} was not free in time.");

        public async ValueTask<IDistributedSynchronizationHandle?> TryAcquireAsync(TimeSpan timeout = default, CancellationToken cancellationToken = default) =>
            await semaphore.WaitAsync(timeout, cancellationToken) ? new Handle(semaphore) : null;

        public async ValueTask<IDistributedSynchronizationHandle> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            await semaphore.WaitAsync(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken) ? new Handle(semaphore) : throw new TimeoutException($"The lock {name} was not free in time.");
    }

    private sealed class Handle(SemaphoreSlim semaphore) : IDistributedSynchronizationHandle
    {
        private int _released;

        /// <summary>An in-process lock cannot be lost while its process lives.</summary>
        public CancellationToken HandleLostToken => CancellationToken.None;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
