using Microsoft.EntityFrameworkCore;
using Portal.Domain.Billing;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Billing;

/// <summary>The demo billing: every subscription status, a year of invoices, each of them derived again the same, seeded once.</summary>
[Collection(DemoDataCollection.Name)]
public sealed class BillingDemoDataTests(SeededDemoStore demo)
{
    [Fact]
    public async Task DemoBilling_HasEveryStatus_AYearOfInvoices_AndEachInvoiceDerivesAgainTheSame()
    {
        var store = demo.Store;
        await store.Get<BillingDemoData>().SeedAsync(); // a second run adds nothing
        await using var db = await store.DbAsync();

        var statuses = await db.Subscriptions.Select(s => s.Status).Distinct().ToListAsync();
        Assert.Equal([SubscriptionStatus.Incomplete, SubscriptionStatus.Trialing, SubscriptionStatus.Active, SubscriptionStatus.PastDue, SubscriptionStatus.Unpaid, SubscriptionStatus.Canceled],
            statuses.Where(s => s != SubscriptionStatus.IncompleteExpired).Order());
        Assert.Contains(await db.Subscriptions.ToListAsync(), s => s.CancelAtPeriodEnd);
        var invoices = await db.Invoices.AsNoTracking().ToListAsync();
        var months = invoices.Select(i => (i.IssuedAt.Year, i.IssuedAt.Month)).Distinct().Count();
        Assert.InRange(months, 12, 13);
        Assert.Contains(invoices, i => i.Status == InvoiceStatus.Paid);
        Assert.Contains(invoices, i => i.Status == InvoiceStatus.Open);
        Assert.Equal(invoices.Count, invoices.Select(i => i.Number).Distinct().Count());

        store.ActAs(Portal.Domain.Common.Roles.Viewer);
        foreach (var invoice in invoices.OrderBy(i => i.Id).Take(40))
            Assert.True((await store.Get<InvoiceService>().RederiveAsync(invoice.Id)).Matches, invoice.Number);
    }
}
