using Microsoft.EntityFrameworkCore;
using Portal.Domain.Billing;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Billing;

/// <summary>Billing data through the real services: plans, organisations, cards and subscriptions.</summary>
public static class BillingTestData
{
    public static PlanFields Monthly(string code, long pence, int trialDays = 0, params string[] modules) => new()
    {
        Code = code, Name = code, Kind = PlanKind.Base, Interval = PlanInterval.Month, PriceMinor = pence, Currency = Currencies.GBP,
        TrialDays = trialDays, ModuleIds = [.. modules],
    };

    public static Task<PlanDetails> AddPlanAsync(this TestStore store, PlanFields fields) => store.Get<PlanService>().CreateAsync(fields);

    public static async Task<Guid> AddOrganisationAsync(this TestStore store, string name = "Up Marden Farms Ltd", string country = "GB")
    {
        var org = await store.Get<OrganisationService>().CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = name, BillingEmail = "accounts@upmarden.example", CountryCode = country });
        return org.Organisation.Id;
    }

    public static async Task<PaymentMethodRow> AddCardAsync(this TestStore store, Guid orgId, string last4 = "4242", int expYear = 2029, int expMonth = 12)
    {
        var list = await store.Get<PaymentMethodService>().ListAsync(orgId);
        var card = await store.Get<PaymentMethodService>().AttachAsync(orgId,
            new PaymentMethodFields { Brand = CardBrand.Visa, Last4 = last4, ExpMonth = expMonth, ExpYear = expYear, HolderName = "Ann Marden" }, list.Version);
        return card.Item;
    }

    public static Task<SubscriptionDetails> SubscribeAsync(this TestStore store, Guid orgId, string planCode, int quantity = 1) =>
        store.Get<SubscriptionService>().CreateAsync(orgId, new SubscriptionItemsFields { PlanCode = planCode, Quantity = quantity });

    public static async Task<List<Invoice>> InvoicesOfAsync(this TestStore store, Guid subscriptionId)
    {
        await using var db = await store.DbAsync();
        return await db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => i.SubscriptionId == subscriptionId).OrderBy(i => i.PeriodStart).ToListAsync();
    }

    public static Task<BillingEngine.RunResult> RunBillingAsync(this TestStore store) => store.Get<BillingEngine>().RunAsync();
}
