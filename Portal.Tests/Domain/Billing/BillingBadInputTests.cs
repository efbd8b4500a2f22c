using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Billing;

/// <summary>What billing refuses: quantities, plans, currencies, card numbers, expired cards, stale changes, and roles.</summary>
public sealed class BillingBadInputTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private Guid _org;
    private SubscriptionService Subscriptions => _store.Get<SubscriptionService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
        await _store.AddPlanAsync(BillingTestData.Monthly("starter", 1900));
        var euro = BillingTestData.Monthly("euro", 2500);
        euro.Currency = Currencies.EUR;
        await _store.AddPlanAsync(euro);
        var old = await _store.AddPlanAsync(BillingTestData.Monthly("old", 900));
        await _store.Get<PlanService>().ArchiveAsync(old.Plan.Id, old.Plan.Version);
        _org = await _store.AddOrganisationAsync();
        await _store.AddCardAsync(_org);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData("starter", 0, "quantity")]
    [InlineData("starter", -3, "quantity")]
    [InlineData("nope", 1, "planCode")]
    [InlineData("old", 1, "planCode")]
    public async Task Subscribing_RefusesBadQuantitiesAndUnknownOrArchivedPlans(string plan, int quantity, string field)
    {
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => _store.SubscribeAsync(_org, plan, quantity));
        Assert.True(error.Errors.ContainsKey(field));
        Assert.Empty(await Subscriptions.ForOrganisationAsync(_org));
    }

    [Fact]
    public async Task ACurrencyOtherThanTheOrganisationsSubscriptions_IsAConflict()
    {
        await _store.SubscribeAsync(_org, "starter");
        var error = await Assert.ThrowsAsync<ConflictException>(() => _store.SubscribeAsync(_org, "euro"));
        Assert.Equal("subscription.currency_mismatch", error.Code);
    }

    [Theory]
    [InlineData("4242424242424242")]
    [InlineData("4242 4242 4242 4242")]
    public async Task ACardNumberPastedIntoLastFour_IsRefused_AndNotStored(string pasted)
    {
        var list = await _store.Get<PaymentMethodService>().ListAsync(_org);
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => _store.Get<PaymentMethodService>().AttachAsync(_org,
            new PaymentMethodFields { Brand = CardBrand.Visa, Last4 = pasted, ExpMonth = 1, ExpYear = 2030, HolderName = "A" }, list.Version));
        Assert.Contains("full card number", error.Errors["last4"][0]);
        Assert.Single((await _store.Get<PaymentMethodService>().ListAsync(_org)).Methods);
    }

    [Fact]
    public async Task AnExpiredCard_IsRefused_AndOneExpiringBeforeTheNextRenewal_IsWarnedAbout()
    {
        var list = await _store.Get<PaymentMethodService>().ListAsync(_org);
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => _store.AddCardAsync(_org, "1111", expYear: 2026, expMonth: 10));
        Assert.True(error.Errors.ContainsKey("expYear"));

        await _store.SubscribeAsync(_org, "starter"); // renews 23 Dec 2026
        var soon = await _store.AddCardAsync(_org, "5555", expYear: 2026, expMonth: 11);
        var methods = (await _store.Get<PaymentMethodService>().ListAsync(_org)).Methods;
        Assert.True(methods.Single(m => m.Id == soon.Id).ExpiresBeforeNextRenewal);
        Assert.False(methods.Single(m => m.Last4 == "4242").ExpiresBeforeNextRenewal);
        Assert.NotEqual(list.Version, (await _store.Get<PaymentMethodService>().ListAsync(_org)).Version);
    }

    [Fact]
    public async Task ConcurrentPlanChanges_OfOneSubscription_TheSecondIsStale()
    {
        await _store.AddPlanAsync(BillingTestData.Monthly("growth", 4900));
        var sub = await _store.SubscribeAsync(_org, "starter");
        await Subscriptions.ChangePlanAsync(sub.Subscription.Id, new SubscriptionItemsFields { PlanCode = "growth", Quantity = 2 }, sub.Subscription.Version);

        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Subscriptions.ChangePlanAsync(sub.Subscription.Id, new SubscriptionItemsFields { PlanCode = "starter", Quantity = 5 }, sub.Subscription.Version));
        Assert.Equal(("growth", 2), ((await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.PlanName, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Quantity));
    }

    [Fact]
    public async Task APlanInUse_KeepsItsPrice_AndIsArchivedRatherThanDeleted()
    {
        var plan = (await _store.Get<PlanService>().ListAsync(new PlanQuery { Q = "starter" })).Items.Single();
        await _store.SubscribeAsync(_org, "starter");
        var fields = BillingTestData.Monthly("starter", 2500);

        var price = await Assert.ThrowsAsync<ConflictException>(() => _store.Get<PlanService>().UpdateAsync(plan.Id, fields, plan.Version));
        Assert.Equal("plan.in_use", price.Code);
        _store.ActAs(Roles.Admin);
        var delete = await Assert.ThrowsAsync<ConflictException>(() => _store.Get<PlanService>().DeleteAsync(plan.Id, plan.Version));
        Assert.Equal("plan.in_use", delete.Code);
    }

    [Fact]
    public async Task Viewers_ReadButCannotSubscribe()
    {
        _store.ActAs(Roles.Viewer);
        Assert.Empty(await Subscriptions.ForOrganisationAsync(_org));
        await Assert.ThrowsAsync<ForbiddenException>(() => _store.SubscribeAsync(_org, "starter"));
        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => Subscriptions.ListAsync(new SubscriptionQuery()));
    }
}
