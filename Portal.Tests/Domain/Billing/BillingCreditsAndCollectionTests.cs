using CsCheck;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Billing;

/// <summary>
/// Credit balances (a negative invoice's credit settles the next ones), send_invoice collection (emailed with a due date,
/// past due when not paid), a past-due charge retried when a card is added, and the MRR chart per currency on its index.
/// </summary>
public sealed class BillingCreditsAndCollectionTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private SubscriptionService Subscriptions => _store.Get<SubscriptionService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
        await _store.AddPlanAsync(BillingTestData.Monthly("starter", 1900));
        await _store.AddPlanAsync(BillingTestData.Monthly("growth", 4900));
        await _store.AddPlanAsync(BillingTestData.Monthly("trial", 1900, trialDays: 7));
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task ABigDowngrade_LeavesACreditInvoice_WhoseCreditPaysTheNextInvoiceBeforeTheCardIsCharged()
    {
        var org = await _store.AddOrganisationAsync();
        await _store.AddCardAsync(org);
        var sub = await _store.SubscribeAsync(org, "growth", 10); // £490 a month
        _store.Clock.Advance(TimeSpan.FromDays(10)); // 20 of 30 days left
        await Subscriptions.ChangePlanAsync(sub.Subscription.Id, new SubscriptionItemsFields { PlanCode = "starter", Quantity = 1 }, sub.Subscription.Version);
        _store.Clock.Advance(TimeSpan.FromDays(20));
        await _store.RunBillingAsync();

        // £19 licence − £326.67 unused Growth + £12.67 Starter's rest = −£295.00, VAT −£59.00: −£354.00, nothing to collect.
        var credit = (await _store.InvoicesOfAsync(sub.Subscription.Id))[1];
        Assert.Equal((-29500, -5900, -35400), (credit.Subtotal.Minor, credit.Vat.Minor, credit.Total.Minor));
        Assert.Equal((InvoiceStatus.Paid, 35400L, 0L, 0L), (credit.Status, credit.CreditAdded.Minor, credit.CreditApplied.Minor, credit.AmountPaid.Minor));
        Assert.Contains("added to the credit balance", credit.PaymentNote);
        Assert.Equal(35400, (await Subscriptions.GetAsync(sub.Subscription.Id)).CreditBalanceMinor);

        var upcoming = await Subscriptions.UpcomingInvoiceAsync(sub.Subscription.Id);
        Assert.Equal((2280L, 2280L, 0L), (upcoming!.TotalMinor, upcoming.CreditAppliedMinor, upcoming.AmountDue.Minor));

        _store.Clock.Advance(TimeSpan.FromDays(31));
        await _store.RunBillingAsync();
        var next = (await _store.InvoicesOfAsync(sub.Subscription.Id))[2];
        Assert.Equal((2280L, 2280L, 0L, InvoiceStatus.Paid), (next.Total.Minor, next.CreditApplied.Minor, next.AmountPaid.Minor, next.Status));
        Assert.DoesNotContain("simulated charge", next.PaymentNote); // the card was not charged
        Assert.Equal(35400 - 2280, (await Subscriptions.GetAsync(sub.Subscription.Id)).CreditBalanceMinor);
    }

    [Fact]
    public async Task APartlyCoveredInvoice_ChargesTheRest_AndVoidingOneGivesItsCreditBack()
    {
        var org = await _store.AddOrganisationAsync();
        var card = await _store.AddCardAsync(org);
        var sub = await _store.SubscribeAsync(org, "growth", 1);
        var cards = _store.Get<PaymentMethodService>();
        await cards.DetachAsync(org, card.Id, (await cards.ListAsync(org)).Version); // the renewal stays open
        await using (var db = await _store.DbAsync())
            await db.Subscriptions.Where(s => s.Id == sub.Subscription.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreditBalanceMinor, 1000));
        _store.Clock.Advance(TimeSpan.FromDays(31));
        await _store.RunBillingAsync();
        var renewal = (await _store.InvoicesOfAsync(sub.Subscription.Id))[1];
        Assert.Equal((5880L, 1000L, InvoiceStatus.Open), (renewal.Total.Minor, renewal.CreditApplied.Minor, renewal.Status));
        Assert.Equal(4880, renewal.AmountDue.Minor);
        Assert.Equal(0, (await Subscriptions.GetAsync(sub.Subscription.Id)).CreditBalanceMinor);

        await _store.Get<InvoiceService>().VoidAsync(renewal.Id, renewal.Version);

        Assert.Equal(1000, (await Subscriptions.GetAsync(sub.Subscription.Id)).CreditBalanceMinor);
    }

    [Fact]
    public void TheCreditBalance_NeverGoesNegative_NorIsMoreCollectedThanOwed_AndAddsUp() =>
        Gen.Long[-100_000, 100_000].Array[1, 30].Sample(totals =>
        {
            var subscription = new Subscription { Currency = Currencies.GBP };
            long added = 0, used = 0;
            foreach (var total in totals)
            {
                var before = subscription.CreditBalanceMinor;
                var (u, a) = subscription.ApplyCredit(total);
                Assert.True(u >= 0 && a >= 0 && subscription.CreditBalanceMinor >= 0);
                Assert.Equal(total < 0 ? (0, -total) : (Math.Min(before, total), 0L), (u, a));
                Assert.True(total - u + a >= 0); // what is left to collect is never negative
                (added, used) = (added + a, used + u);
            }
            Assert.Equal(added - used, subscription.CreditBalanceMinor);
        });

    [Fact]
    public async Task SendInvoice_EmailsTheInvoiceWithItsDueDate_IsActiveMeanwhile_AndGoesPastDueThenUnpaidWhenNotPaid()
    {
        var org = await _store.AddOrganisationAsync();
        var sub = await Subscriptions.CreateAsync(org, new SubscriptionItemsFields { PlanCode = "starter", Collection = CollectionMethod.SendInvoice });

        Assert.Equal(SubscriptionStatus.Active, sub.Subscription.Status); // no card needed
        var invoice = Assert.Single(await _store.InvoicesOfAsync(sub.Subscription.Id));
        Assert.Equal((InvoiceStatus.Open, "accounts@upmarden.example", CollectionMethod.SendInvoice), (invoice.Status, invoice.SentTo, invoice.Collection));
        Assert.Equal(invoice.DueAt, sub.PaymentDueAt);
        await using (var db = await _store.DbAsync())
        {
            var email = await db.OutboxEmails.SingleAsync(e => e.To == "accounts@upmarden.example" && e.Subject.Contains(invoice.Number));
            Assert.Contains("due by 7 December 2026", email.Subject);
            Assert.Contains("£22.80", email.TextBody);
        }

        _store.Clock.Advance(TimeSpan.FromDays(13));
        Assert.Equal(0, (await _store.RunBillingAsync()).Steps); // not due yet
        _store.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await _store.RunBillingAsync()).Overdue);
        Assert.Equal(SubscriptionStatus.PastDue, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Status);
        Assert.Equal(0, (await _store.RunBillingAsync()).Steps); // twice: once

        _store.Clock.Advance(TimeSpan.FromDays(14));
        await _store.RunBillingAsync();
        Assert.Equal(SubscriptionStatus.Unpaid, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Status);
    }

    [Fact]
    public async Task SendInvoice_PaidBeforeItsDueDate_StaysActive()
    {
        var org = await _store.AddOrganisationAsync();
        var sub = await Subscriptions.CreateAsync(org, new SubscriptionItemsFields { PlanCode = "starter", Collection = CollectionMethod.SendInvoice });
        var invoice = Assert.Single(await _store.InvoicesOfAsync(sub.Subscription.Id));
        await _store.Get<InvoiceService>().RecordPaymentAsync(invoice.Id, new RecordPayment { Note = "BACS 1234" }, invoice.Version);

        _store.Clock.Advance(TimeSpan.FromDays(20));
        await _store.RunBillingAsync();

        var after = await Subscriptions.GetAsync(sub.Subscription.Id);
        Assert.Equal((SubscriptionStatus.Active, (DateTimeOffset?)null), (after.Subscription.Status, after.PaymentDueAt));
    }

    [Fact]
    public async Task APastDueCharge_IsRetriedWhenACardIsAddedLater_AndTheSubscriptionIsActiveAgain()
    {
        var org = await _store.AddOrganisationAsync();
        var sub = await _store.SubscribeAsync(org, "trial");
        _store.Clock.Advance(TimeSpan.FromDays(7));
        await _store.RunBillingAsync();
        Assert.Equal(SubscriptionStatus.PastDue, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Status);

        await _store.AddCardAsync(org, last4: CardChargeSimulation.DeclinedLast4); // declined: still past due
        Assert.Equal(SubscriptionStatus.PastDue, (await Subscriptions.GetAsync(sub.Subscription.Id)).Subscription.Status);
        var good = await _store.AddCardAsync(org, last4: "4242");
        var cards = await _store.Get<PaymentMethodService>().ListAsync(org);
        await _store.Get<PaymentMethodService>().SetDefaultAsync(org, good.Id, cards.Version);

        var after = await Subscriptions.GetAsync(sub.Subscription.Id);
        Assert.Equal(SubscriptionStatus.Active, after.Subscription.Status);
        var invoice = Assert.Single(await _store.InvoicesOfAsync(sub.Subscription.Id));
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Contains("retried when the card was added", invoice.PaymentNote);
    }

    [Fact]
    public async Task Mrr_IsPerCurrency_NeverSummedAcross_AndLeavesVoidInvoicesOut()
    {
        var euro = BillingTestData.Monthly("euro", 3000);
        euro.Currency = "EUR";
        await _store.AddPlanAsync(euro);
        var gb = await _store.AddOrganisationAsync("Up Marden Farms Ltd");
        await _store.AddCardAsync(gb);
        await _store.SubscribeAsync(gb, "growth", 2);
        var de = await _store.AddOrganisationAsync("Hof Lindenau GmbH", "DE");
        await _store.AddCardAsync(de);
        await _store.SubscribeAsync(de, "euro", 1);
        var voided = await _store.AddOrganisationAsync("Void Farm Ltd");
        var open = await _store.SubscribeAsync(voided, "starter", 1); // no card: open, then voided
        var invoice = Assert.Single(await _store.InvoicesOfAsync(open.Subscription.Id));
        await _store.Get<InvoiceService>().VoidAsync(invoice.Id, invoice.Version);
        _store.Clock.Advance(TimeSpan.FromDays(10));

        await using var db = await _store.DbAsync();
        var revenue = await RecurringRevenue.MonthsAsync(db, _store.Clock.GetUtcNow(), 12, Currencies.GBP, CancellationToken.None);

        Assert.Equal(["GBP", "EUR"], revenue.Select(r => r.Currency));
        Assert.Equal(98, revenue[0].Months[^1].Count); // 2 × £49, not the void £19
        Assert.Equal(30, revenue[1].Months[^1].Count);
        Assert.Equal(98, revenue[0].Months[^2].Count); // November's end (1 December) is in the first period
        Assert.All(revenue, r => Assert.Equal(0, r.Months[^3].Count)); // nothing at October's end
    }

    [SqliteOnlyFact("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans small tables with sequential scans whatever the indexes")]
    public async Task MrrSums_ReadOnlyTheRecurringIndex_ARangeOfPeriodStartsPerPlan()
    {
        await using var db = await _store.DbAsync();
        var plans = await db.Plans.Select(p => (Guid?)p.Id).ToListAsync();
        var at = _store.Clock.GetUtcNow();

        var plan = await ExplainAsync(db, RecurringRevenue.ByPlan(db, plans, at, RecurringRevenue.LongestPeriod(PlanInterval.Month)).ToQueryString());
        var voided = await ExplainAsync(db, RecurringRevenue.VoidedLines(db, at.AddYears(-1)).ToQueryString());

        Assert.True(plan.Contains($"USING COVERING INDEX {RecurringRevenue.IndexName} (PlanId=? AND PeriodStart>? AND PeriodStart<?)"), plan);
        Assert.DoesNotContain("SCAN", plan);
        // The few void invoices from the (Status, IssuedAt) index first, then their lines by invoice.
        Assert.True(voided.Split('\n')[0].Contains("INDEX IX_Invoices_Status_IssuedAt_Id (Status=? AND IssuedAt>?)") && !voided.Contains("SCAN"), voided);
    }

    [PostgresOnlyFact("EXPLAIN's text is PostgreSQL's; the SQLite plan is held by MrrSums_ReadOnlyTheRecurringIndex_ARangeOfPeriodStartsPerPlan")]
    public async Task MrrSums_OnPostgres_AreAnIndexOnlyRangeOfTheRecurringIndex()
    {
        await using var db = await _store.DbAsync();
        var plans = await db.Plans.Select(p => (Guid?)p.Id).ToListAsync();
        var at = _store.Clock.GetUtcNow();
        await db.Database.OpenConnectionAsync();
        // A test's few rows would be read with a sequential scan whatever the indexes; forbidding it shows what an index can serve.
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        // A new table's pages are not yet all-visible, so the planner would price an index-only scan as reading the rows too.
        await db.Database.ExecuteSqlRawAsync("VACUUM \"InvoiceLines\"");
        await using var command = RecurringRevenue.ByPlan(db, plans, at, RecurringRevenue.LongestPeriod(PlanInterval.Month)).CreateDbCommand();
        command.CommandText = "EXPLAIN " + command.CommandText;
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        var plan = string.Join('\n', lines);

        // Covering: the plan, period and amount come from the index alone, a range of PeriodStart under each plan.
        Assert.Contains($"Index Only Scan using \"{RecurringRevenue.IndexName}\"", plan);
        Assert.Matches(@"Index Cond: \(\(""PlanId"" = ANY .*""PeriodStart"" > .*""PeriodStart"" <= ", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.DoesNotContain("Bitmap Heap Scan", plan); // not a read of the table's rows
    }

    /// <summary>SQLite's plan of a query EF wrote (its parameter comments dropped; the parameters' values do not change the plan).</summary>
    private static async Task<string> ExplainAsync(Portal.Domain.Store.PortalDbContext db, string sql)
    {
        var text = string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal) && !l.StartsWith(".param", StringComparison.Ordinal)));
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + text;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(text, @"@\w+").Select(m => m.Value).Distinct())
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, DBNull.Value);
            command.Parameters.Add(parameter);
        }
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(3));
        return string.Join('\n', rows);
    }
}
