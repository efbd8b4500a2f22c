using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Billing;

/// <summary>The billing job's lifecycle with a fake clock: trials, renewals (once), dunning and scheduled cancels.</summary>
public sealed class SubscriptionLifecycleTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private SubscriptionService Subscriptions => _store.Get<SubscriptionService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
        await _store.AddPlanAsync(BillingTestData.Monthly("trial", 4900, trialDays: 14, "trading"));
        await _store.AddPlanAsync(BillingTestData.Monthly("starter", 1900));
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task TrialThatEnds_WithACard_IsActive_AndItsFirstInvoiceIsPaid()
    {
        var org = await _store.AddOrganisationAsync();
        await _store.AddCardAsync(org);
        var sub = await _store.SubscribeAsync(org, "trial", 2);
        Assert.Equal(SubscriptionStatus.Trialing, sub.Subscription.Status);
        Assert.Empty(await _store.InvoicesOfAsync(sub.Subscription.Id));

        _store.Clock.Advance(TimeSpan.FromDays(14));
        await _store.RunBillingAsync();

        var after = await Subscriptions.GetAsync(sub.Subscription.Id);
        Assert.Equal(SubscriptionStatus.Active, after.Subscription.Status);
        var invoice = Assert.Single(await _store.InvoicesOfAsync(sub.Subscription.Id));
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(9800, invoice.Subtotal.Minor);
        Assert.Equal(11760, invoice.Total.Minor); // UK VAT 20 %
        Assert.Contains("simulated", invoice.PaymentNote);
        Assert.Equal(sub.Subscription.TrialEnd, invoice.PeriodStart);
    }

    [Fact]
    public async Task TrialThatEnds_WithoutACard_IsPastDue_WithAnOpenInvoice()
    {
        var org = await _store.AddOrganisationAsync();
        var sub = await _store.SubscribeAsync(org, "trial");

        _store.Clock.Advance(TimeSpan.FromDays(14));
        await _store.RunBillingAsync();

        Assert.Equal(SubscriptionStatus.PastDue, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Status);
        Assert.Equal(InvoiceStatus.Open, Assert.Single(await _store.InvoicesOfAsync(sub.Subscription.Id)).Status);
    }

    [Fact]
    public async Task Renewal_IssuesExactlyOneInvoice_WhenTheJobRunsTwice_AtOnce_OrIsCutOffAndRunsAgain()
    {
        var subs = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var org = await _store.AddOrganisationAsync($"Farm {i}");
            await _store.AddCardAsync(org);
            subs.Add((await _store.SubscribeAsync(org, "starter")).Subscription.Id);
        }
        _store.Clock.Advance(TimeSpan.FromDays(31));

        // Cut off after its first batch of two (as a crash would), then two runs at once and one more after them.
        var small = _store.Services.GetRequiredService<BillingEngine>();
        var cutOff = new BillingEngine(_store.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Portal.Domain.Store.PortalDbContext>>(), _store.Clock,
            Microsoft.Extensions.Options.Options.Create(new BillingOptions { BatchSize = 2 }));
        var (first, count) = await cutOff.RunBatchAsync();
        Assert.Equal((2, 2), (first.Renewals, count));
        var runs = await Task.WhenAll(RunTolerantAsync(small), RunTolerantAsync(cutOff));
        await _store.RunBillingAsync();
        var again = await _store.RunBillingAsync();

        Assert.Equal(0, again.Steps);
        foreach (var id in subs)
        {
            var invoices = await _store.InvoicesOfAsync(id);
            Assert.Equal(2, invoices.Count); // the first period's and the renewal's
            Assert.Equal(BillingReason.SubscriptionCycle, invoices[1].Reason);
        }
        await using var db = await _store.DbAsync();
        var numbers = await db.Invoices.Select(i => i.Number).ToListAsync();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.True(runs.Length == 2);
    }

    /// <summary>A run that lost a race to the other is rolled back whole (its batch is the other's work); it is not an error for the job.</summary>
    private static async Task<int> RunTolerantAsync(BillingEngine engine)
    {
        try { return (await engine.RunAsync()).Renewals; }
        catch (Exception ex) when (ex is ConcurrencyException or DbUpdateException or System.Data.Common.DbException) { return -1; }
    }

    [Fact]
    public async Task Dunning_MovesPastDue_ToUnpaid_ToCanceled_AfterTheConfiguredDays_AndStopsThePlansModules()
    {
        var org = await _store.AddOrganisationAsync();
        var sub = await _store.SubscribeAsync(org, "trial");
        _store.Clock.Advance(TimeSpan.FromDays(14));
        await _store.RunBillingAsync();
        Assert.Equal(SubscriptionStatus.PastDue, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Status);
        Assert.Equal("trial", (await _store.Get<OrganisationModuleService>().ListAsync(org)).Modules.Single(m => m.Id == "trading").GrantedByPlan);

        _store.Clock.Advance(TimeSpan.FromDays(13));
        await _store.RunBillingAsync();
        Assert.Equal(SubscriptionStatus.PastDue, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Status);
        _store.Clock.Advance(TimeSpan.FromDays(1));
        await _store.RunBillingAsync();
        Assert.Equal(SubscriptionStatus.Unpaid, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Status);
        Assert.Null((await _store.Get<OrganisationModuleService>().ListAsync(org)).Modules.Single(m => m.Id == "trading").GrantedByPlan);

        _store.Clock.Advance(TimeSpan.FromDays(30));
        await _store.RunBillingAsync();
        var ended = await Subscriptions.GetAsync(sub.Subscription.Id);
        Assert.Equal(SubscriptionStatus.Canceled, ended.Subscription.Status);
        Assert.Equal(_store.Clock.GetUtcNow(), ended.Subscription.EndedAt);
        Assert.Single(await _store.InvoicesOfAsync(sub.Subscription.Id)); // unpaid ones do not renew
    }

    [Fact]
    public async Task ScheduledCancel_EndsAtPeriodEnd_WithoutAnInvoice_AndItsUndoRenews()
    {
        var org = await _store.AddOrganisationAsync();
        await _store.AddCardAsync(org);
        var cancels = await _store.SubscribeAsync(org, "starter");
        var other = await _store.AddOrganisationAsync("Other Farm");
        await _store.AddCardAsync(other);
        var undone = await _store.SubscribeAsync(other, "starter");

        var scheduled = await Subscriptions.CancelAsync(cancels.Subscription.Id, new CancelSubscription { AtPeriodEnd = true }, cancels.Subscription.Version);
        Assert.True(scheduled.Subscription.CancelAtPeriodEnd);
        Assert.Equal(SubscriptionStatus.Active, scheduled.Subscription.Status);
        var second = await Subscriptions.CancelAsync(undone.Subscription.Id, new CancelSubscription { AtPeriodEnd = true }, undone.Subscription.Version);
        var resumed = await Subscriptions.ResumeAsync(undone.Subscription.Id, second.Subscription.Version);
        Assert.False(resumed.Subscription.CancelAtPeriodEnd);
        Assert.Null(resumed.Subscription.CanceledAt);

        _store.Clock.Advance(TimeSpan.FromDays(30));
        await _store.RunBillingAsync();

        var ended = await Subscriptions.GetAsync(cancels.Subscription.Id);
        Assert.Equal(SubscriptionStatus.Canceled, ended.Subscription.Status);
        Assert.Equal(cancels.Subscription.CurrentPeriodEnd, ended.Subscription.EndedAt);
        Assert.Single(await _store.InvoicesOfAsync(cancels.Subscription.Id));
        Assert.Equal(SubscriptionStatus.Active, (await Subscriptions.GetAsync(undone.Subscription.Id)).Subscription.Status);
        Assert.Equal(2, (await _store.InvoicesOfAsync(undone.Subscription.Id)).Count);
    }

    [Fact]
    public async Task WithoutATrial_TheFirstInvoiceIsIssuedAtOnce_IncompleteWithoutACard_AndExpiresAfter23Hours()
    {
        var paid = await _store.AddOrganisationAsync();
        await _store.AddCardAsync(paid);
        var active = await _store.SubscribeAsync(paid, "starter");
        var unpaid = await _store.SubscribeAsync(await _store.AddOrganisationAsync("No Card Ltd"), "starter");

        Assert.Equal(SubscriptionStatus.Active, active.Subscription.Status);
        Assert.Equal(SubscriptionStatus.Incomplete, unpaid.Subscription.Status);
        Assert.Equal(InvoiceStatus.Open, Assert.Single(await _store.InvoicesOfAsync(unpaid.Subscription.Id)).Status);

        _store.Clock.Advance(TimeSpan.FromHours(23));
        await _store.RunBillingAsync();
        Assert.Equal(SubscriptionStatus.IncompleteExpired, (await Subscriptions.GetAsync(unpaid.Subscription.Id)).Subscription.Status);
    }

    [Fact]
    public async Task RecordingAManualPayment_OfAPastDueSubscriptionsInvoice_MakesItActiveAgain()
    {
        var org = await _store.AddOrganisationAsync();
        var sub = await _store.SubscribeAsync(org, "trial");
        _store.Clock.Advance(TimeSpan.FromDays(14));
        await _store.RunBillingAsync();
        var invoice = Assert.Single(await _store.InvoicesOfAsync(sub.Subscription.Id));

        var paid = await _store.Get<InvoiceService>().RecordPaymentAsync(invoice.Id, new RecordPayment { Note = "BACS ref 991" }, invoice.Version);

        Assert.Equal(InvoiceStatus.Paid, paid.Invoice.Status);
        Assert.Equal(paid.Invoice.TotalMinor, paid.Invoice.AmountPaidMinor);
        Assert.Equal(SubscriptionStatus.Active, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Status);
        var error = await Assert.ThrowsAsync<ConflictException>(() => _store.Get<InvoiceService>().VoidAsync(invoice.Id, paid.Invoice.Version));
        Assert.Equal("invoice.paid", error.Code);
    }

    [Fact]
    public async Task EndingASubscription_NeverSwitchesOffAModuleStaffSwitchedOn()
    {
        var org = await _store.AddOrganisationAsync();
        var modules = _store.Get<OrganisationModuleService>();
        var version = (await modules.ListAsync(org)).Version;
        await modules.SwitchOnAsync(org, "trading", version);
        var sub = await _store.SubscribeAsync(org, "trial");
        var both = (await modules.ListAsync(org)).Modules.Single(m => m.Id == "trading");
        Assert.True(both.IsOn);
        Assert.Equal("trial", both.GrantedByPlan);

        await Subscriptions.CancelAsync(sub.Subscription.Id, new CancelSubscription { AtPeriodEnd = false }, sub.Subscription.Version);

        var after = (await modules.ListAsync(org)).Modules.Single(m => m.Id == "trading");
        Assert.True(after.IsOn);
        Assert.Null(after.GrantedByPlan);
    }

    [Fact]
    public async Task IllegalTransitions_AreConflicts_WithACode()
    {
        var org = await _store.AddOrganisationAsync();
        var sub = await _store.SubscribeAsync(org, "trial");
        var undo = await Assert.ThrowsAsync<ConflictException>(() => Subscriptions.ResumeAsync(sub.Subscription.Id, sub.Subscription.Version));
        Assert.Equal("subscription.no_scheduled_cancel", undo.Code);

        var canceled = await Subscriptions.CancelAsync(sub.Subscription.Id, new CancelSubscription { AtPeriodEnd = false }, sub.Subscription.Version);

        var change = await Assert.ThrowsAsync<ConflictException>(() => Subscriptions.ChangePlanAsync(sub.Subscription.Id,
            new SubscriptionItemsFields { PlanCode = "starter", Quantity = 1 }, canceled.Subscription.Version));
        Assert.Equal("subscription.ended", change.Code);
        var cancelAgain = await Assert.ThrowsAsync<ConflictException>(() => Subscriptions.CancelAsync(sub.Subscription.Id, new CancelSubscription { AtPeriodEnd = true }, canceled.Subscription.Version));
        Assert.Equal("subscription.ended", cancelAgain.Code);
    }
}
