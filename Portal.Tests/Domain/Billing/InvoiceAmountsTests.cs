using Microsoft.EntityFrameworkCore;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Billing;

/// <summary>Every amount to the minor unit: prorations, usage tiers, VAT, numbering, and an invoice derived again from history.</summary>
public sealed class InvoiceAmountsTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private SubscriptionService Subscriptions => _store.Get<SubscriptionService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
        await _store.AddPlanAsync(BillingTestData.Monthly("starter", 1900));
        await _store.AddPlanAsync(BillingTestData.Monthly("growth", 4900));
        var metered = BillingTestData.Monthly("metered", 2900);
        metered.UsageUnit = "Bookings";
        metered.Tiers = [new() { UpTo = 100, UnitAmountMinor = 0 }, new() { UpTo = 1000, UnitAmountMinor = 45 }, new() { UnitAmountMinor = 30, FlatAmountMinor = 1000 }];
        await _store.AddPlanAsync(metered);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<SubscriptionDetails> ActiveAsync(string plan, int quantity, string country = "GB")
    {
        var org = await _store.AddOrganisationAsync(country: country);
        await _store.AddCardAsync(org);
        return await _store.SubscribeAsync(org, plan, quantity);
    }

    [Fact]
    public async Task UpgradeMidPeriod_CreditsTheUnusedTwoThirds_AndChargesTheNewPlansRest_OnTheNextInvoice()
    {
        // 23 Nov → 23 Dec is 30 days; the change 10 days in leaves 20 (two thirds).
        var sub = await ActiveAsync("starter", 1);
        _store.Clock.Advance(TimeSpan.FromDays(10));
        var items = new SubscriptionItemsFields { PlanCode = "growth", Quantity = 1 };

        var preview = await Subscriptions.PreviewChangeAsync(sub.Subscription.Id, items);
        Assert.Equal([-1267, 3267], preview.Prorations.Select(p => p.AmountMinor)); // £19 × 2/3 = 12.666…, £49 × 2/3 = 32.666…
        Assert.Equal(2000, preview.ProrationTotalMinor);
        Assert.Equal([4900, -1267, 3267], preview.NextInvoice.Lines.Select(l => l.AmountMinor));
        Assert.Equal((6900, 1380, 8280), (preview.NextInvoice.SubtotalMinor, preview.NextInvoice.VatMinor, preview.NextInvoice.TotalMinor));

        await Subscriptions.ChangePlanAsync(sub.Subscription.Id, items, sub.Subscription.Version);
        _store.Clock.Advance(TimeSpan.FromDays(20));
        await _store.RunBillingAsync();

        var renewal = (await _store.InvoicesOfAsync(sub.Subscription.Id))[1];
        Assert.Equal([4900, -1267, 3267], renewal.Lines.OrderBy(l => l.Sorting).Select(l => l.Amount.Minor));
        Assert.Equal((6900, 1380, 8280), (renewal.Subtotal.Minor, renewal.Vat.Minor, renewal.Total.Minor));
        var credit = renewal.Lines.Single(l => l.Kind == InvoiceLineKind.ProrationCredit);
        Assert.Equal((20 * 86400L, 30 * 86400L, 1900L, 1L), (credit.ProrationNumerator!.Value, credit.ProrationDenominator!.Value, credit.UnitAmountMinor, credit.Quantity));
    }

    [Fact]
    public async Task DowngradeMidPeriod_CreditsMoreThanItCharges_ExactToThePenny()
    {
        // Growth × 3 (£147) to Starter × 2 (£38) with 10 of 30 days left.
        var sub = await ActiveAsync("growth", 3);
        _store.Clock.Advance(TimeSpan.FromDays(20));
        var changed = await Subscriptions.ChangePlanAsync(sub.Subscription.Id, new SubscriptionItemsFields { PlanCode = "starter", Quantity = 2 }, sub.Subscription.Version);
        Assert.Equal(("starter", 2), (changed.Subscription.PlanName, changed.Subscription.Quantity));

        _store.Clock.Advance(TimeSpan.FromDays(10));
        await _store.RunBillingAsync();

        var renewal = (await _store.InvoicesOfAsync(sub.Subscription.Id))[1];
        Assert.Equal([3800, -4900, 1267], renewal.Lines.OrderBy(l => l.Sorting).Select(l => l.Amount.Minor));
        Assert.Equal((167, 33, 200), (renewal.Subtotal.Minor, renewal.Vat.Minor, renewal.Total.Minor)); // VAT 33.4 → 33
    }

    [Fact]
    public async Task UsageTiers_AreGraduated_WithTheFlatAmountOnceInTheTopTier()
    {
        var sub = await ActiveAsync("metered", 1);
        await Subscriptions.ReportUsageAsync(sub.Subscription.Id, new ReportUsage { Quantity = 1000, IdempotencyKey = "day-1" });
        await Subscriptions.ReportUsageAsync(sub.Subscription.Id, new ReportUsage { Quantity = 250, IdempotencyKey = "day-2" });

        _store.Clock.Advance(TimeSpan.FromDays(30));
        await _store.RunBillingAsync();

        var renewal = (await _store.InvoicesOfAsync(sub.Subscription.Id))[1];
        // 100 free, 900 × 45p = £405, 250 × 30p + £10 flat = £85.
        Assert.Equal([2900, 0, 40500, 8500], renewal.Lines.OrderBy(l => l.Sorting).Select(l => l.Amount.Minor));
        Assert.Equal(["licence", "usage.tier.1", "usage.tier.2", "usage.tier.3"], renewal.Lines.OrderBy(l => l.Sorting).Select(l => l.Rule));
        Assert.Equal(51900, renewal.Subtotal.Minor);
    }

    [Fact]
    public async Task ADuplicateUsageReport_CountsOnce()
    {
        var sub = await ActiveAsync("metered", 1);
        var first = await Subscriptions.ReportUsageAsync(sub.Subscription.Id, new ReportUsage { Quantity = 500, IdempotencyKey = "batch-7" });
        var retried = await Subscriptions.ReportUsageAsync(sub.Subscription.Id, new ReportUsage { Quantity = 500, IdempotencyKey = "batch-7" });

        Assert.False(first.Duplicate);
        Assert.True(retried.Duplicate);
        Assert.Equal(first.Id, retried.Id);
        var upcoming = await Subscriptions.UpcomingInvoiceAsync(sub.Subscription.Id);
        Assert.Equal(2900 + 400 * 45, upcoming!.SubtotalMinor);
    }

    [Fact]
    public async Task AnInvoice_DerivedAgainFromItsSubscriptionsHistory_IsTheStoredOne_AndADifferenceIsFound()
    {
        var sub = await ActiveAsync("metered", 2);
        _store.Clock.Advance(TimeSpan.FromDays(7));
        await Subscriptions.ReportUsageAsync(sub.Subscription.Id, new ReportUsage { Quantity = 1500, IdempotencyKey = "k1" });
        await Subscriptions.ChangePlanAsync(sub.Subscription.Id, new SubscriptionItemsFields { PlanCode = "metered", Quantity = 5 }, sub.Subscription.Version);
        _store.Clock.Advance(TimeSpan.FromDays(23));
        await _store.RunBillingAsync();
        var invoices = await _store.InvoicesOfAsync(sub.Subscription.Id);
        var invoiceService = _store.Get<InvoiceService>();

        foreach (var invoice in invoices)
        {
            var again = await invoiceService.RederiveAsync(invoice.Id);
            Assert.True(again.Matches, invoice.Number);
            Assert.Equal(invoice.Total.Minor, again.Derived.TotalMinor);
        }

        // A stored line changed behind the rules is told apart.
        await using (var db = await _store.DbAsync())
            await db.InvoiceLines.Where(l => l.InvoiceId == invoices[1].Id && l.Sorting == 1).ExecuteUpdateAsync(s => s.SetProperty(l => l.Quantity, 4));
        Assert.False((await invoiceService.RederiveAsync(invoices[1].Id)).LinesMatch);
    }

    [Theory]
    [InlineData("GB", null, "uk.standard", 20, 980)]
    [InlineData("DE", null, "eu.destination", 19, 931)]
    [InlineData("DE", "DE123456789", "eu.reverse_charge", 0, 0)]
    [InlineData("US", null, "outside_scope", 0, 0)]
    public async Task Vat_FollowsTheOrganisationsCountry_AndItsValidVatNumber(string country, string? vatNumber, string rule, decimal percent, long vat)
    {
        var org = await _store.AddOrganisationAsync(country: country);
        await _store.AddCardAsync(org);
        if (vatNumber is not null)
        {
            var contacts = _store.Get<OrganisationContactService>();
            var version = (await _store.Get<OrganisationService>().GetAsync(org)).Organisation.Version;
            var added = await contacts.AddVatNumberAsync(org, new VatNumberFields { CountryCode = country, Number = vatNumber }, version);
            await contacts.RecordVatCheckAsync(org, added.Item.Id, new VatCheck { Result = VatState.Valid, RegisteredName = "Hof GmbH" }, added.Version);
        }
        var sub = await _store.SubscribeAsync(org, "growth", 1);

        var invoice = Assert.Single(await _store.InvoicesOfAsync(sub.Subscription.Id));
        var upcoming = await Subscriptions.UpcomingInvoiceAsync(sub.Subscription.Id);

        Assert.Equal((rule, percent), (invoice.VatRule, invoice.VatPercent));
        Assert.Equal((4900, vat, 4900 + vat), (invoice.Subtotal.Minor, invoice.Vat.Minor, invoice.Total.Minor));
        Assert.Equal(rule, upcoming!.VatRule);
    }

    [Fact]
    public async Task InvoiceNumbers_AreSequentialPerYear_AndUniqueUnderConcurrency()
    {
        var orgs = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            orgs.Add(await _store.AddOrganisationAsync($"Farm {i}"));
            await _store.AddCardAsync(orgs[^1]);
        }

        await Task.WhenAll(orgs.Select(async org =>
        {
            for (var attempt = 0; ; attempt++)
            {
                try { await _store.SubscribeAsync(org, "starter"); return; }
                catch (System.Data.Common.DbException) when (attempt < 20) { await Task.Delay(10); } // SQLite's shared-cache lock: try again
            }
        }));

        await using var db = await _store.DbAsync();
        var numbers = await db.Invoices.Select(i => i.Number).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"INV-2026-{n:D6}"), numbers.Order());

        _store.Clock.Advance(TimeSpan.FromDays(40)); // 2027: the next renewals start a new series
        await _store.RunBillingAsync();
        Assert.Contains("INV-2027-000001", await db.Invoices.Select(i => i.Number).ToListAsync());
    }
}
