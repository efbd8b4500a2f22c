using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Outbox;
using Portal.Tests.Support;
using static Portal.Tests.Domain.Outbox.OutboxDispatcherTests;

namespace Portal.Tests.Domain.Outbox;

public sealed class OutboxServiceTests
{
    [Fact]
    public async Task Retry_OfAFailedEmail_MakesItDueAgainWithFreshAttempts()
    {
        var sender = new ThrowingEmailSender();
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IEmailSender>(sender));
        var id = await QueueAsync(store, "grace@example.com");
        await FailForGoodAsync(store, id);
        store.ActAs(Roles.Admin);

        await store.Get<OutboxService>().RetryAsync(id);

        var email = await LoadAsync(store, id);
        Assert.Equal(OutboxStatus.Pending, email.Status);
        Assert.Equal(0, email.Attempts);
        Assert.Equal(store.Clock.GetUtcNow(), email.NextAttemptAt);
        Assert.Equal(1, await store.Get<OutboxDispatcher>().DispatchDueAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Retry_OfAPendingEmail_IsConflict()
    {
        await using var store = await TestStore.CreateAsync();
        var id = await QueueAsync(store, "grace@example.com");
        store.ActAs(Roles.Admin);

        var ex = await Assert.ThrowsAsync<ConflictException>(() => store.Get<OutboxService>().RetryAsync(id));

        Assert.Equal("outbox.not_failed", ex.Code);
    }

    [Fact]
    public async Task Retry_OfASentEmail_IsConflictAndItStaysSent()
    {
        var sender = new CountingEmailSender();
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IEmailSender>(sender));
        var id = await QueueAsync(store, "grace@example.com");
        await store.Get<OutboxDispatcher>().DispatchDueAsync(10, CancellationToken.None);
        store.ActAs(Roles.Admin);

        var ex = await Assert.ThrowsAsync<ConflictException>(() => store.Get<OutboxService>().RetryAsync(id));

        Assert.Equal("outbox.not_failed", ex.Code);
        Assert.Equal(OutboxStatus.Sent, (await LoadAsync(store, id)).Status);
    }

    [Fact]
    public async Task Retry_OfAnUnknownEmail_IsNotFound()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);

        await Assert.ThrowsAsync<NotFoundException>(() => store.Get<OutboxService>().RetryAsync(Guid.CreateVersion7()));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Viewer)]
    public async Task TheOutbox_ByNonAdmin_IsForbidden(string role)
    {
        await using var store = await TestStore.CreateAsync();
        var id = await QueueAsync(store, "grace@example.com");
        store.ActAs(role);

        await Assert.ThrowsAsync<ForbiddenException>(() => store.Get<OutboxService>().ListAsync(new OutboxQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => store.Get<OutboxService>().RetryAsync(id));
    }

    [Fact]
    public async Task List_FiltersByStatusAndSearch()
    {
        var sender = new CountingEmailSender();
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IEmailSender>(sender));
        await QueueAsync(store, "sent@example.com");
        await store.Get<OutboxDispatcher>().DispatchDueAsync(10, CancellationToken.None);
        await QueueAsync(store, "waiting@example.com");
        await QueueAsync(store, "also-waiting@example.org");
        store.ActAs(Roles.Admin);
        var service = store.Get<OutboxService>();

        var pending = await service.ListAsync(new OutboxQuery { Status = OutboxStatus.Pending, Sort = "to" });
        var sent = await service.ListAsync(new OutboxQuery { Status = OutboxStatus.Sent });
        var searched = await service.ListAsync(new OutboxQuery { Q = "example.org" });

        Assert.Equal(["also-waiting@example.org", "waiting@example.com"], pending.Items.Select(e => e.To));
        Assert.Equal(2, pending.Total);
        Assert.Equal("sent@example.com", Assert.Single(sent.Items).To);
        Assert.Equal("also-waiting@example.org", Assert.Single(searched.Items).To);
    }

    private static async Task FailForGoodAsync(TestStore store, Guid id)
    {
        var dispatcher = store.Get<OutboxDispatcher>();
        for (var i = 0; i < OutboxEmail.MaxAttempts; i++)
        {
            await dispatcher.DispatchDueAsync(10, CancellationToken.None);
            store.Clock.Advance(TimeSpan.FromHours(1));
        }
        Assert.Equal(OutboxStatus.Failed, (await LoadAsync(store, id)).Status);
    }
}
