using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Domain.Common;
using Portal.Domain.Outbox;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Instances;

/// <summary>
/// The outbox dispatch is a job that runs on one instance at a time (a PostgreSQL advisory lock), and each email is
/// still claimed before it is sent: two instances on one database send every email exactly once, never two at once.
/// </summary>
public sealed class OutboxAcrossInstancesTests
{
    /// <summary>Counts what it is asked to send, and the most sends in progress at one time across every instance.</summary>
    private sealed class CountingSender : IEmailSender
    {
        private int _inProgress, _mostAtOnce;
        public ConcurrentBag<Guid> Sent { get; } = [];
        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public async Task SendAsync(OutboxEmail email, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _inProgress);
            int most;
            while (now > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, now, most) != most) { /* another send raised it first: read again */ }
            try
            {
                await Task.Delay(25, ct); // an SMTP conversation takes a while: time for the other instance to try too
                Sent.Add(email.Id);
            }
            finally
            {
                Interlocked.Decrement(ref _inProgress);
            }
        }
    }

    private sealed record NoticeEmail(int N) : Email
    {
        protected override string RenderSubject() => $"Notice {N}";
        protected override string RenderText() => $"Notice number {N}.";
    }

    private static PortalInstance Dispatching(CountingSender sender) => new(b =>
    {
        b.UseSetting("Smtp:Host", "smtp.test.example"); // the dispatch job runs only where SMTP is configured
        b.ConfigureTestServices(s => s.AddScoped<IEmailSender>(_ => sender));
    });

    private static SingleInstanceJobRunner<OutboxDispatchJob> DispatchJobOf(PortalApiFactory instance) =>
        instance.Services.GetServices<IHostedService>().OfType<SingleInstanceJobRunner<OutboxDispatchJob>>().Single();

    [PostgresOnlyFact("the lock is a PostgreSQL advisory lock; on SQLite (one machine) the lock is in-process")]
    public async Task TwoDispatchers_OnTwoHosts_SendEachEmailOnce_OneInstanceAtATime()
    {
        const int emails = 60;
        var sender = new CountingSender();
        await using var a = Dispatching(sender);
        await using var b = a.Another();
        var ids = await a.AsAdminAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var queued = Enumerable.Range(1, emails).Select(n => OutboxEmail.Create($"person{n}@test.example", new NoticeEmail(n), DateTimeOffset.UtcNow)).ToList();
            db.OutboxEmails.AddRange(queued);
            await db.SaveChangesAsync();
            return queued.Select(e => e.Id).ToHashSet();
        });

        // Both instances' background loops run on their own; on top, both are asked to dispatch at the same moment, again
        // and again, until the outbox is empty.
        var jobs = new[] { DispatchJobOf(a), DispatchJobOf(b) };
        var refused = 0;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await PendingAsync(a) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the outbox did not drain: {await PendingAsync(a)} of {emails} pending");
            var ran = await Task.WhenAll(jobs.Select(job => job.TryRunAsync(CancellationToken.None)));
            refused += ran.Count(r => !r); // the lock was held: by the other call or an instance's own loop
        }

        Assert.Equal(emails, sender.Sent.Count);
        Assert.Equal(ids.Order(), sender.Sent.Order());
        Assert.Equal(1, sender.MostAtOnce);
        Assert.True(refused > 0, "no call ever found the lock taken");
    }

    private static Task<int> PendingAsync(PortalApiFactory instance) => instance.AsAdminAsync(sp =>
        sp.GetRequiredService<PortalDbContext>().OutboxEmails.CountAsync(e => e.Status == OutboxStatus.Pending));
}
