using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

/// <summary>
/// Billing through its own rules: a catalogue (monthly and yearly plans, one with usage tiers, add-ons, an archived
/// plan), a card for most organisations (one expiring soon, one that declines), and subscriptions started up to a year
/// ago that the real <see cref="BillingEngine"/> then runs month by month to today — so there is a year of invoices for
/// the MRR chart, and dunning has moved some to past due, unpaid and canceled. A few are added today in a trial, one
/// incomplete, one with a scheduled cancel.
/// </summary>
public sealed class BillingDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock, IOptions<BillingOptions> options) : IDemoDataSeeder
{
    /// <summary>The organisation (by its place in the list) whose card always declines.</summary>
    private const int DeclinedOrg = 12;

    /// <summary>After the organisations and their VAT numbers.</summary>
    public int Order => 360;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Plans.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        var faker = new Faker("en_GB") { Random = new Randomizer(1616) };
        var plans = Catalogue(now.AddYears(-2));
        db.Plans.AddRange(plans);
        await db.SaveChangesAsync(ct);
        var bases = plans.Where(p => p.Kind == PlanKind.Base && !p.IsArchived).ToList();
        var extraSeats = plans.Single(p => p.Code == "extra-support");

        var orgs = await db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Active)
            .OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var started = new List<(Guid Org, Plan Plan, DateTimeOffset At)>();
        for (var i = 0; i < orgs.Count; i++)
        {
            var org = orgs[i];
            // Cards: most have one; every 9th none (its renewals go past due), one declines, one expires within two months.
            if (i % 9 != 4)
            {
                var account = new BillingAccount { OrganisationId = org.Id, CreatedAt = now.AddYears(-1).AddDays(-7) };
                var expiry = i == 1 ? now.AddMonths(1) : now.AddYears(faker.Random.Int(1, 4));
                account.Attach(new PaymentMethodFields
                {
                    Brand = faker.PickRandom(CardBrand.Visa, CardBrand.Mastercard, CardBrand.Amex), Last4 = i == DeclinedOrg ? CardChargeSimulation.DeclinedLast4 : faker.Random.Replace("####"),
                    ExpMonth = expiry.Month, ExpYear = expiry.Year, HolderName = faker.Name.FullName(),
                }, account.CreatedAt);
                db.BillingAccounts.Add(account);
            }
            if (i % 7 == 6) continue; // not every organisation subscribes
            var plan = i % 5 == 0 ? bases.Single(p => p.Code == "growth-yearly") : faker.PickRandom(bases.Where(p => p.Interval == PlanInterval.Month));
            var at = now.AddDays(-faker.Random.Int(20, 365)).AddMinutes(-faker.Random.Int(0, 1440));
            // The declining card's trial ended six days ago: past due, and dunning has not yet made it unpaid.
            if (i == DeclinedOrg) (plan, at) = (bases.Single(p => p.Code == "growth-monthly"), now.AddDays(-20));
            started.Add((org.Id, plan, at));
        }
        await db.SaveChangesAsync(ct);

        // Start each one at its time, then let the billing engine run to today, a day at a time (trials end, periods renew, dunning moves).
        var stepped = new SteppedClock(started.Count == 0 ? now : started.Min(s => s.At));
        var engine = new BillingEngine(dbs, stepped, options);
        foreach (var (org, plan, at) in started.OrderBy(s => s.At))
        {
            while (stepped.Now < at) { await engine.RunAsync(ct: ct); stepped.Now = Min(stepped.Now.AddDays(1), at); }
            await StartAsync(org, plan, faker.Random.Int(1, 12), plan.AddOnIds.Count > 0 && faker.Random.Bool(0.4f) ? [new BillingItem(extraSeats.Id, 1)] : [], at, ct);
        }
        while (stepped.Now < now) { await engine.RunAsync(ct: ct); stepped.Now = Min(stepped.Now.AddDays(1), now); }
        await engine.RunAsync(ct: ct);

        // Today's: a trial ending in 3 days, one ending next month, an incomplete one and a scheduled cancel.
        var fresh = orgs.Where((o, i) => i % 7 == 6).ToList();
        var starter = bases.Single(p => p.Code == "starter-monthly");
        if (fresh.Count > 0) await StartAsync(fresh[0].Id, bases.Single(p => p.Code == "growth-monthly"), 3, [], now.AddDays(-11), ct);
        if (fresh.Count > 1) await StartAsync(fresh[1].Id, bases.Single(p => p.Code == "growth-monthly"), 1, [], now.AddDays(-2), ct);
        if (fresh.Count > 2) await StartAsync(fresh[2].Id, starter, 2, [], now.AddHours(-2), ct, issueNow: true);
        await using var last = await dbs.CreateDbContextAsync(ct);
        var active = await last.Subscriptions.Where(s => s.Status == SubscriptionStatus.Active).OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        active?.ScheduleCancel(now.AddDays(-1));
        await last.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Benchmark rows (bench/run.sh billing): <paramref name="subscriptions"/> active monthly subscriptions, ten per
    /// organisation, each with a card, a year of paid invoices behind it (<paramref name="invoicesEach"/> a subscription)
    /// and its period ending a minute ago, so the next billing run renews every one of them.
    /// </summary>
    public async Task SeedForBenchmarkAsync(int subscriptions, int invoicesEach, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var plan = new Plan { Code = $"bench-{now:yyyyMMddHHmmss}", Name = "Bench monthly", Price = new Money(2900, Currencies.GBP), ModuleIds = ["account"], CreatedAt = now.AddYears(-2) };
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            db.Plans.Add(plan);
            await db.SaveChangesAsync(ct);
        }
        var vat = VatRules.For("GB", null);
        var plans = new Dictionary<Guid, Plan> { [plan.Id] = plan };
        long number = 0;
        var year = now.Year - 1;
        for (var done = 0; done < subscriptions; done += 1000)
        {
            await using var db = await dbs.CreateUnauditedContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            Organisation? org = null;
            for (var i = done; i < Math.Min(subscriptions, done + 1000); i++)
            {
                if (i % 10 == 0)
                {
                    org = new Organisation { Name = $"Bench billing {i / 10:D6} Ltd", BillingEmail = $"billing{i / 10}@bench.test", CountryCode = "GB", CreatedAt = now.AddYears(-2) };
                    db.Organisations.Add(org);
                    var account = new BillingAccount { OrganisationId = org.Id, CreatedAt = now.AddYears(-2) };
                    account.Attach(new PaymentMethodFields { Brand = CardBrand.Visa, Last4 = "4242", ExpMonth = 12, ExpYear = now.Year + 3, HolderName = "Bench" }, now);
                    db.BillingAccounts.Add(account);
                }
                var start = now.AddMinutes(-1).AddMonths(-invoicesEach);
                var subscription = Subscription.Start(org!.Id, plan, 1 + i % 5, [], start);
                var change = SubscriptionChange.Of(subscription, start);
                db.SubscriptionChanges.Add(change);
                for (var n = 0; n < invoicesEach; n++)
                {
                    var periodStart = start.AddMonths(n);
                    var draft = InvoiceDerivation.ForPeriod(n == 0 ? BillingReason.SubscriptionCreate : BillingReason.SubscriptionCycle, periodStart, periodStart.AddMonths(1),
                        n == 0 ? null : periodStart.AddMonths(-1), [change], [], plans, plan.Currency, vat);
                    var invoice = Invoice.Issue(InvoiceNumberSeries.Format(year, ++number), subscription, draft, periodStart, TimeSpan.FromDays(options.Value.DaysUntilDue));
                    invoice.RecordPayment(periodStart, "Bench (simulated charge)");
                    db.Invoices.Add(invoice);
                }
                subscription.MarkPaid();
                if (invoicesEach > 1) for (var n = 1; n < invoicesEach; n++) subscription.Renew(plan);
                db.Subscriptions.Add(subscription);
            }
            await db.SaveChangesAsync(ct);
        }
        await using (var db = await dbs.CreateDbContextAsync(ct))
            await db.InTransactionAsync(ct => InvoiceNumberSeries.TakeAsync(db, year, (int)number, ct), ct: ct);
    }

    private async Task StartAsync(Guid orgId, Plan plan, int quantity, IReadOnlyList<BillingItem> addOns, DateTimeOffset at, CancellationToken ct, bool issueNow = false)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.InTransactionAsync(async attemptCt =>
        {
            var subscription = Subscription.Start(orgId, plan, quantity, addOns, at);
            db.Subscriptions.Add(subscription);
            var change = SubscriptionChange.Of(subscription, at);
            db.SubscriptionChanges.Add(change);
            if (subscription.Status == SubscriptionStatus.Incomplete)
            {
                var context = await BillingContext.LoadAsync(db, [subscription], attemptCt);
                context.Changes[subscription.Id] = [change];
                var issuer = new InvoiceIssuer(options.Value);
                issuer.Add(subscription, context.Derive(subscription, BillingReason.SubscriptionCreate, null));
                // The demo's own incomplete one waits for a payment: no card is charged for it.
                await issuer.IssueAsync(db, issueNow ? context.WithoutCards() : context, at, attemptCt);
            }
            await db.SaveChangesAsync(attemptCt);
        }, ct: ct);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static List<Plan> Catalogue(DateTimeOffset at)
    {
        Plan P(string code, string name, string description, PlanKind kind, PlanInterval interval, long pence, int trial, params string[] modules) => new()
        {
            Code = code, Name = name, Description = description, Kind = kind, Interval = interval, Price = new Money(pence, Currencies.GBP),
            TrialDays = trial, ModuleIds = [.. modules], CreatedAt = at,
        };
        var support = P("extra-support", "Priority support", "A named support engineer and a four-hour answer.", PlanKind.AddOn, PlanInterval.Month, 2500, 0);
        var starter = P("starter-monthly", "Starter", "The organisation's own users and its documents.", PlanKind.Base, PlanInterval.Month, 1900, 0, "system", "account");
        var growth = P("growth-monthly", "Growth", "Trading and inventory for a growing business.", PlanKind.Base, PlanInterval.Month, 4900, 14, "system", "account", "inventory", "trading");
        var growthYear = P("growth-yearly", "Growth (yearly)", "Growth, paid once a year with two months free.", PlanKind.Base, PlanInterval.Year, 49000, 0, "system", "account", "inventory", "trading");
        var logistics = P("logistics-metered", "Logistics", "Haulage bookings, paid by the booking.", PlanKind.Base, PlanInterval.Month, 2900, 0, "system", "logistics");
        logistics.UsageUnit = "Bookings";
        logistics.SetTiers([new PlanTierFields { UpTo = 100, UnitAmountMinor = 0 }, new PlanTierFields { UpTo = 1000, UnitAmountMinor = 45 }, new PlanTierFields { UnitAmountMinor = 30, FlatAmountMinor = 1000 }]);
        var legacy = P("legacy-basic", "Basic (2024)", "The old basic plan; no longer offered.", PlanKind.Base, PlanInterval.Month, 900, 0, "system");
        legacy.Archive();
        growth.AddOnIds = [support.Id];
        growthYear.AddOnIds = [support.Id];
        return [support, starter, growth, growthYear, logistics, legacy];
    }

    /// <summary>A clock the seeder moves by hand, so the engine runs a past year as it would have.</summary>
    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
