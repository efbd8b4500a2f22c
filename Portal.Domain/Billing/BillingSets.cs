using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

/// <summary>The Billing area's tables, named on the context without a line in <see cref="PortalDbContext"/>.</summary>
public static class BillingSets
{
    extension(PortalDbContext db)
    {
        public DbSet<Plan> Plans => db.Set<Plan>();
        public DbSet<PlanTier> PlanTiers => db.Set<PlanTier>();
        public DbSet<Subscription> Subscriptions => db.Set<Subscription>();
        public DbSet<SubscriptionAddOn> SubscriptionAddOns => db.Set<SubscriptionAddOn>();
        public DbSet<SubscriptionChange> SubscriptionChanges => db.Set<SubscriptionChange>();
        public DbSet<UsageRecord> UsageRecords => db.Set<UsageRecord>();
        public DbSet<Invoice> Invoices => db.Set<Invoice>();
        public DbSet<InvoiceLine> InvoiceLines => db.Set<InvoiceLine>();
        public DbSet<InvoiceNumberSeries> InvoiceNumberSeries => db.Set<InvoiceNumberSeries>();
        public DbSet<BillingAccount> BillingAccounts => db.Set<BillingAccount>();
        public DbSet<PaymentMethod> PaymentMethods => db.Set<PaymentMethod>();
    }
}
