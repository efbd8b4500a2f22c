using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Outbox;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Outbox;

public sealed class OutboxDispatcherTests
{
    [Fact]
    public async Task Dispatch_SendsADueEmailAndMarksItSent()
    {
        var sender = new CountingEmailSender();
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IEmailSender>(sender));
        var id = await QueueAsync(store, "grace@example.com");
        store.Clock.Advance(TimeSpan.FromSeconds(3));

        var attempted = await store.Get<OutboxDispatcher>().DispatchDueAsync(10, CancellationToken.None);

        Assert.Equal(1, attempted);
        Assert.Equal(["grace@example.com"], sender.Recipients);
        var email = await LoadAsync(store, id);
        Assert.Equal(OutboxStatus.Sent, email.Status);
        Assert.Equal(store.Clock.GetUtcNow(), email.SentAt);
        Assert.Equal(1, email.Attempts);
        Assert.Null(email.LockedUntil);
        Assert.Null(email.LastError);
    }

    [Fact]
    public async Task Dispatch_DoesNotSendASentEmailAgain()
    {
        var sender = new CountingEmailSender();
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IEmailSender>(sender));
        var id = await QueueAsync(store, "grace@example.com");
        var dispatcher = store.Get<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(10, CancellationToken.None);
        store.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, await dispatcher.DispatchDueAsync(10, CancellationToken.None));
        Assert.Equal(1, sender.SendsById[id]);
    }

    [Fact]
    public async Task Dispatch_SendsAtMostTheBatchSize_OldestFirst()
    {
        var sender = new CountingEmailSender();
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IEmailSender>(sender));
        foreach (var to in new[] { "first@example.com", "second@example.com", "third@example.com" })
        {
            await QueueAsync(store, to);
            store.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(2, await store.Get<OutboxDispatcher>().DispatchDueAsync(2, CancellationToken.None));
        Assert.Equal(["first@example.com", "second@example.com"], sender.Recipients);
    }

    [Fact]
    public async Task Dispatch_WhenTheSenderFails_CountsTheAttemptAndBacksOffAMinute()
    {
        var sender = new ThrowingEmailSender();
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IEmailSender>(sender));
        var id = await QueueAsync(store, "grace@example.com");
        var dispatcher = store.Get<OutboxDispatcher>();

        Assert.Equal(1, await dispatcher.DispatchDueAsync(10, CancellationToken.None));

        var email = await LoadAsync(store, id);
        Assert.Equal(OutboxStatus.Pending, email.Status);
        Assert.Equal(1, email.Attempts);
        Assert.Equal(store.Clock.GetUtcNow().AddMinutes(1), email.NextAttemptAt);
        Assert.Equal(ThrowingEmailSender.Error, email.LastError);
        Assert.Null(email.LockedUntil);
        Assert.Null(email.SentAt);

        // Not tried again before its time.
        store.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(10, CancellationToken.None));
        Assert.Equal(1, sender.Calls);
    }

    [Fact]
    public async Task Dispatch_KeepsFailing_BacksOffExponentiallyThenGivesUpAfterMaxAttempts()
    {
        var sender = new ThrowingEmailSender();
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IEmailSender>(sender));
        var id = await QueueAsync(store, "grace@example.com");
        var dispatcher = store.Get<OutboxDispatcher>();
        var waits = new List<double>();

        for (var attempt = 1; attempt <= OutboxEmail.MaxAttempts; attempt++)
        {
            Assert.Equal(1, await dispatcher.DispatchDueAsync(10, CancellationToken.None));
            var email = await LoadAsync(store, id);
            Assert.Equal(attempt, email.Attempts);
            if (attempt == OutboxEmail.MaxAttempts) break;
            Assert.Equal(OutboxStatus.Pending, email.Status);
            var wait = email.NextAttemptAt - store.Clock.GetUtcNow();
            waits.Add(wait.TotalMinutes);
            store.Clock.Advance(wait);
        }

        Assert.Equal(new double[] { 1, 2, 4, 8, 16, 32, 60 }, waits);
        var failed = await LoadAsync(store, id);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal(ThrowingEmailSender.Error, failed.LastError);
        store.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(10, CancellationToken.None));
        Assert.Equal(OutboxEmail.MaxAttempts, sender.Calls);
    }

    [Fact]
    public async Task Dispatch_LeavesAnEmailClaimedByAnotherDispatcherUntilTheClaimLapses()
    {
        var sender = new CountingEmailSender();
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IEmailSender>(sender));
        var id = await QueueAsync(store, "grace@example.com");
        await using (var db = await store.DbAsync())
        {
            // A dispatcher claimed it and then died.
            var claimedUntil = store.Clock.GetUtcNow() + OutboxDispatcher.DefaultClaimDuration;
            await db.OutboxEmails.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.LockedUntil, claimedUntil));
        }
        var dispatcher = store.Get<OutboxDispatcher>();

        store.Clock.Advance(OutboxDispatcher.DefaultClaimDuration - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(10, CancellationToken.None));
        store.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(10, CancellationToken.None));

        Assert.Equal(OutboxStatus.Sent, (await LoadAsync(store, id)).Status);
        Assert.Equal(1, sender.SendsById[id]);
    }

    /// <summary>Dies like a killed process: mid-send, before the dispatcher can mark the email either way.</summary>
    private sealed class DyingEmailSender : IEmailSender
    {
        public Task SendAsync(OutboxEmail email, CancellationToken ct) => throw new OperationCanceledException("the process was killed");
    }

    [Fact]
    public async Task AConfiguredClaimDuration_IsHowLongADeadDispatchersEmailWaits()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection([new("Outbox:ClaimDuration", "00:00:10")]).Build();
        var sender = new CountingEmailSender();
        await using var store = await TestStore.CreateAsync(s => s
            .AddSingleton<IConfiguration>(config).AddSingleton<IEmailSender>(sender));
        var id = await QueueAsync(store, "grace@example.com");
        var dying = new OutboxDispatcher(store.Get<IDbContextFactory<PortalDbContext>>(), new DyingEmailSender(), store.Clock,
            NullLogger<OutboxDispatcher>.Instance, store.Get<IOptions<OutboxOptions>>());
        await Assert.ThrowsAsync<OperationCanceledException>(() => dying.DispatchDueAsync(10, CancellationToken.None));
        var dispatcher = store.Get<OutboxDispatcher>();

        store.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(10, CancellationToken.None));
        store.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(10, CancellationToken.None));

        Assert.Equal(OutboxStatus.Sent, (await LoadAsync(store, id)).Status);
        Assert.Equal(1, sender.SendsById[id]);
    }

    [Fact]
    public async Task TwoDispatchersAtOnce_SendEachEmailExactlyOnce()
    {
        var sender = new CountingEmailSender(holdFirstUntilSecond: true);
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IEmailSender>(sender));
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++) ids.Add(await QueueAsync(store, $"user{i}@example.com"));
        await using var scopeA = store.Get<IServiceScopeFactory>().CreateAsyncScope();
        await using var scopeB = store.Get<IServiceScopeFactory>().CreateAsyncScope();
        var a = scopeA.ServiceProvider.GetRequiredService<OutboxDispatcher>();
        var b = scopeB.ServiceProvider.GetRequiredService<OutboxDispatcher>();

        var attempted = await Task.WhenAll(
            Task.Run(() => a.DispatchDueAsync(100, CancellationToken.None)),
            Task.Run(() => b.DispatchDueAsync(100, CancellationToken.None)));

        Assert.Equal(ids.Count, attempted.Sum());
        Assert.All(attempted, n => Assert.True(n > 0, "both dispatchers took part"));
        Assert.Equal(ids.Order(), sender.SendsById.Keys.Order());
        Assert.All(sender.SendsById, pair => Assert.Equal(1, pair.Value));
        await using var db = await store.DbAsync();
        Assert.Equal(ids.Count, await db.OutboxEmails.CountAsync(o => o.Status == OutboxStatus.Sent && o.Attempts == 1));
    }

    [Fact]
    public async Task ADispatcherWithAnOldListOfDueEmails_DoesNotRetryAFailedEmailBeforeItsBackoff()
    {
        await using var store = await TestStore.CreateAsync();
        var slow = await QueueAsync(store, "slow@example.com");
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        var flaky = await QueueAsync(store, "flaky@example.com");
        var factory = store.Get<IDbContextFactory<PortalDbContext>>();
        var gated = new GatedEmailSender(slow);
        var b = new OutboxDispatcher(factory, gated, store.Clock, NullLogger<OutboxDispatcher>.Instance);
        var a = new OutboxDispatcher(factory, new ThrowingEmailSender(), store.Clock, NullLogger<OutboxDispatcher>.Instance);

        // B reads [slow, flaky] as due and is busy sending "slow" ...
        var bRun = Task.Run(() => b.DispatchDueAsync(10, CancellationToken.None));
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // ... while A tries "flaky", fails, and schedules it a minute later.
        Assert.Equal(1, await a.DispatchDueAsync(10, CancellationToken.None));
        gated.Release.SetResult();
        var bAttempted = await bRun;

        Assert.Equal([slow], gated.Sent);
        Assert.Equal(1, bAttempted);
        var email = await LoadAsync(store, flaky);
        Assert.Equal(OutboxStatus.Pending, email.Status);
        Assert.Equal(1, email.Attempts);
        Assert.Equal(store.Clock.GetUtcNow().AddMinutes(1), email.NextAttemptAt);
    }

    internal static async Task<Guid> QueueAsync(TestStore store, string to)
    {
        await using var db = await store.DbAsync();
        var email = OutboxEmail.Create(to, new HelloEmail(), store.Clock.GetUtcNow());
        db.OutboxEmails.Add(email);
        await db.SaveChangesAsync();
        return email.Id;
    }

    private sealed record HelloEmail : Email
    {
        protected override string RenderSubject() => "Hello";
        protected override string RenderText() => "Body";
    }

    internal static async Task<OutboxEmail> LoadAsync(TestStore store, Guid id)
    {
        await using var db = await store.DbAsync();
        return await db.OutboxEmails.AsNoTracking().SingleAsync(o => o.Id == id);
    }
}
