using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

/// <summary>
/// The clock-driven part of billing, used by <see cref="BillingJob"/> and by a new subscription's first invoice: it
/// ends trials, renews periods and issues their invoices, collects them (the card charge is a simulation:
/// <see cref="CardChargeSimulation"/>), runs dunning (<c>past_due → unpaid → canceled</c> after the configured days),
/// expires incomplete subscriptions and ends scheduled cancellations. Each subscription moves one step per pass, in
/// batches of one transaction; the step is chosen from the row's own state and time (a renewed subscription is no
/// longer due), its version is checked on save and an invoice is unique per (subscription, period start), so a run
/// that is repeated, raced or cut off midway issues every invoice exactly once.
/// </summary>
public sealed class BillingEngine(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock, IOptions<BillingOptions> options)
{
    private BillingOptions Options => options.Value;

    public sealed record RunResult(int Trials, int Renewals, int Invoices, int Paid, int PastDue, int Unpaid, int Canceled, int Expired, int Overdue = 0)
    {
        public int Steps => Trials + Renewals + Unpaid + Canceled + Expired + Overdue;
    }

    /// <summary>
    /// Moves every due subscription one step, batch after batch, until none is due; reports subscriptions done so far.
    /// Each batch continues after the last id of the one before (a stepped subscription is usually no longer due, so
    /// starting again from the first id would walk all those done before it: quadratic in the backlog); at the end of the
    /// ids it starts once more from the first, for those still due after their step, until a pass from there finds less
    /// than a batch.
    /// </summary>
    public async Task<RunResult> RunAsync(IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var total = new RunResult(0, 0, 0, 0, 0, 0, 0, 0);
        var done = 0;
        Guid? after = null;
        while (true)
        {
            var (batch, count, last) = await StepBatchAsync(after, ct);
            total = Add(total, batch);
            done += count;
            progress?.Report(done);
            if (count == Options.BatchSize) after = last;
            else if (after is null) return total;
            else after = null;
        }
    }

    /// <summary>One batch in one transaction: answers what it did and how many subscriptions it stepped.</summary>
    public async Task<(RunResult Result, int Count)> RunBatchAsync(CancellationToken ct = default)
    {
        var (result, count, _) = await StepBatchAsync(null, ct);
        return (result, count);
    }

    /// <summary>One batch of the due subscriptions after <paramref name="after"/> (by id), and the last id it read.</summary>
    private async Task<(RunResult Result, int Count, Guid? Last)> StepBatchAsync(Guid? after, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        // A batch's changes are detected once, before its save, not again by every Entries() of the save and its interceptors.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return await db.InTransactionAsync(async attemptCt =>
        {
            var query = DueAsync(db, now);
            if (after is { } from) query = query.Where(s => s.Id > from); // a range of the primary key, not a walk from its start
            var due = await query.Include(s => s.AddOns).OrderBy(s => s.Id).Take(Options.BatchSize).ToListAsync(attemptCt);
            if (due.Count == 0) return (new RunResult(0, 0, 0, 0, 0, 0, 0, 0), 0, (Guid?)null);
            var context = await BillingContext.LoadAsync(db, due, attemptCt);
            var issuer = new InvoiceIssuer(Options);
            int trials = 0, renewals = 0, unpaid = 0, canceled = 0, expired = 0, overdue = 0;
            foreach (var subscription in due)
                switch (Step(subscription, context, issuer, now))
                {
                    case Stepped.Trial: trials++; break;
                    case Stepped.Renewal: renewals++; break;
                    case Stepped.Unpaid: unpaid++; break;
                    case Stepped.Canceled: canceled++; break;
                    case Stepped.Expired: expired++; break;
                    case Stepped.Overdue: overdue++; break;
                }
            var (invoices, paid, pastDue) = await issuer.IssueAsync(db, context, now, attemptCt);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(attemptCt);
            return (new RunResult(trials, renewals, invoices, paid, pastDue + overdue, unpaid, canceled, expired, overdue), due.Count, (Guid?)due[^1].Id);
        }, ct: ct);
    }

    /// <summary>Subscriptions with a step to take at <paramref name="now"/>.</summary>
    public IQueryable<Subscription> DueAsync(PortalDbContext db, DateTimeOffset now)
    {
        var incompleteBefore = now.AddHours(-Options.IncompleteExpiresAfterHours);
        var pastDueBefore = now.AddDays(-Options.PastDueDaysBeforeUnpaid);
        var unpaidBefore = now.AddDays(-Options.UnpaidDaysBeforeCanceled);
        return db.Subscriptions.Where(s =>
            (s.Status == SubscriptionStatus.Trialing && s.TrialEnd <= now)
            || (s.Status == SubscriptionStatus.Active && s.PaymentDueAt <= now)
            || ((s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.PastDue) && s.CurrentPeriodEnd <= now)
            || (s.Status == SubscriptionStatus.Incomplete && s.CreatedAt <= incompleteBefore)
            || (s.Status == SubscriptionStatus.PastDue && s.PastDueSince <= pastDueBefore)
            || (s.Status == SubscriptionStatus.Unpaid && s.UnpaidSince <= unpaidBefore));
    }

    private enum Stepped { None, Trial, Renewal, Unpaid, Canceled, Expired, Overdue }

    private Stepped Step(Subscription s, BillingContext context, InvoiceIssuer issuer, DateTimeOffset now)
    {
        var plan = context.Plans[s.PlanId];
        switch (s.Status)
        {
            // A sent invoice not paid by its due date: dunning starts (before a renewal, which would send the next one).
            case SubscriptionStatus.Active when s.PaymentDueAt <= now:
                s.MarkPastDue(now);
                return Stepped.Overdue;
            case SubscriptionStatus.Trialing when s.TrialEnd <= now:
                if (s.CancelAtPeriodEnd) { s.End(s.TrialEnd!.Value); return Stepped.Canceled; }
                s.StartPaidPeriod(plan, s.TrialEnd!.Value);
                issuer.Add(s, context.Derive(s, BillingReason.SubscriptionCycle, null));
                return Stepped.Trial;
            case SubscriptionStatus.Active or SubscriptionStatus.PastDue when s.CurrentPeriodEnd <= now:
                if (s.CancelAtPeriodEnd) { s.End(s.CurrentPeriodEnd); return Stepped.Canceled; }
                var previousStart = s.PeriodIsPaid ? s.CurrentPeriodStart : (DateTimeOffset?)null;
                s.Renew(plan);
                issuer.Add(s, context.Derive(s, BillingReason.SubscriptionCycle, previousStart));
                return Stepped.Renewal;
            case SubscriptionStatus.Incomplete when s.CreatedAt <= now.AddHours(-Options.IncompleteExpiresAfterHours):
                s.ExpireIncomplete(now);
                return Stepped.Expired;
            case SubscriptionStatus.PastDue when s.PastDueSince <= now.AddDays(-Options.PastDueDaysBeforeUnpaid):
                s.MarkUnpaid(now);
                return Stepped.Unpaid;
            case SubscriptionStatus.Unpaid when s.UnpaidSince <= now.AddDays(-Options.UnpaidDaysBeforeCanceled):
                s.End(now);
                return Stepped.Canceled;
            default:
                return Stepped.None;
        }
    }

    private static RunResult Add(RunResult a, RunResult b) => new(a.Trials + b.Trials, a.Renewals + b.Renewals, a.Invoices + b.Invoices,
        a.Paid + b.Paid, a.PastDue + b.PastDue, a.Unpaid + b.Unpaid, a.Canceled + b.Canceled, a.Expired + b.Expired, a.Overdue + b.Overdue);

    /// <summary>
    /// A card was attached or made the default: the organisation's subscriptions waiting for a payment (past due, unpaid,
    /// incomplete; charged automatically) have their latest open invoice charged to it again (simulated) and are active
    /// when it succeeds. Answers each invoice tried and whether it was paid.
    /// </summary>
    public async Task<IReadOnlyList<(string Number, bool Paid)>> RetryWithNewCardAsync(Guid organisationId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.InTransactionAsync(async attemptCt =>
        {
            var card = (await db.BillingAccounts.AsNoTracking().Include(a => a.PaymentMethods).FirstOrDefaultAsync(a => a.OrganisationId == organisationId, attemptCt))?.UsableAt(now);
            if (card is null) return (IReadOnlyList<(string, bool)>)[];
            var waiting = await db.Subscriptions.Where(s => s.OrganisationId == organisationId && s.Collection == CollectionMethod.ChargeAutomatically
                && (s.Status == SubscriptionStatus.PastDue || s.Status == SubscriptionStatus.Unpaid || s.Status == SubscriptionStatus.Incomplete)
                && s.LatestInvoiceId != null).ToListAsync(attemptCt);
            var ids = waiting.Select(s => s.LatestInvoiceId!.Value).ToList();
            var invoices = await db.Invoices.Where(i => ids.Contains(i.Id) && (i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.Uncollectible))
                .ToDictionaryAsync(i => i.Id, attemptCt);
            var tried = new List<(string, bool)>();
            foreach (var subscription in waiting)
            {
                if (invoices.GetValueOrDefault(subscription.LatestInvoiceId!.Value) is not { } invoice || invoice.AmountDue.Minor <= 0) continue;
                var charge = CardChargeSimulation.Charge(card, invoice.AmountDue, now);
                if (charge.Succeeded)
                {
                    invoice.RecordPayment(now, $"{charge.Note}, retried when the card was added");
                    subscription.MarkPaid();
                }
                tried.Add((invoice.Number, charge.Succeeded));
            }
            await db.SaveChangesAsync(attemptCt);
            return tried;
        }, ct: ct);
    }
}

/// <summary>What deriving and collecting a batch's invoices needs, loaded once per batch: plans, cards, VAT inputs, changes and usage.</summary>
internal sealed class BillingContext
{
    public required IReadOnlyDictionary<Guid, Plan> Plans { get; init; }
    public required IReadOnlyDictionary<Guid, BillingAccount> Accounts { get; init; }
    public required IReadOnlyDictionary<Guid, VatRules.Rule> Vat { get; init; }
    public required Dictionary<Guid, List<SubscriptionChange>> Changes { get; init; }
    public required ILookup<Guid, UsageRecord> Usage { get; init; }

    public static async Task<BillingContext> LoadAsync(PortalDbContext db, IReadOnlyCollection<Subscription> subscriptions, CancellationToken ct)
    {
        var ids = subscriptions.Select(s => s.Id).ToList();
        var orgIds = subscriptions.Select(s => s.OrganisationId).Distinct().ToList();
        var plans = await PlansAsync(db, ct);
        var accounts = await db.BillingAccounts.AsNoTracking().Include(a => a.PaymentMethods)
            .Where(a => orgIds.Contains(a.OrganisationId)).ToDictionaryAsync(a => a.OrganisationId, ct);
        var vat = await VatAsync(db, orgIds, ct);
        var changes = (await db.SubscriptionChanges.AsNoTracking().Where(c => ids.Contains(c.SubscriptionId)).ToListAsync(ct))
            .GroupBy(c => c.SubscriptionId).ToDictionary(g => g.Key, g => g.ToList());
        var since = subscriptions.Min(s => s.CurrentPeriodStart);
        var usage = (await db.UsageRecords.AsNoTracking().Where(u => ids.Contains(u.SubscriptionId) && u.At >= since).ToListAsync(ct))
            .ToLookup(u => u.SubscriptionId);
        return new BillingContext { Plans = plans, Accounts = accounts, Vat = vat, Changes = changes, Usage = usage };
    }

    public static async Task<Dictionary<Guid, Plan>> PlansAsync(PortalDbContext db, CancellationToken ct) =>
        await db.Plans.AsNoTracking().Include(p => p.Tiers).ToDictionaryAsync(p => p.Id, ct);

    /// <summary>Each organisation's country and the VAT number staff recorded as valid (the first, by number).</summary>
    public static async Task<Dictionary<Guid, VatRules.Rule>> VatAsync(PortalDbContext db, IReadOnlyCollection<Guid> orgIds, CancellationToken ct) =>
        (await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id))
            .Select(o => new { o.Id, o.CountryCode, Number = o.VatNumbers.Where(v => v.State == VatState.Valid).OrderBy(v => v.Number).Select(v => v.Number).FirstOrDefault() })
            .ToListAsync(ct))
        .ToDictionary(o => o.Id, o => VatRules.For(o.CountryCode, o.Number));

    /// <summary>The same, as if no organisation had a card (nothing is charged).</summary>
    public BillingContext WithoutCards() => new() { Plans = Plans, Accounts = new Dictionary<Guid, BillingAccount>(), Vat = Vat, Changes = Changes, Usage = Usage };

    /// <summary>The invoice of the subscription's current period (it has just started).</summary>
    public InvoiceDerivation.Draft Derive(Subscription s, BillingReason reason, DateTimeOffset? previousStart) =>
        InvoiceDerivation.ForPeriod(reason, s.CurrentPeriodStart, s.CurrentPeriodEnd, previousStart,
            Changes.GetValueOrDefault(s.Id) ?? [], Usage[s.Id], Plans, s.Currency, Vat[s.OrganisationId]);
}

/// <summary>Issues a batch's derived invoices with consecutive numbers of one year, and collects each (a simulated card charge).</summary>
internal sealed class InvoiceIssuer(BillingOptions options)
{
    private readonly List<(Subscription Subscription, InvoiceDerivation.Draft Draft)> _drafts = [];

    public void Add(Subscription subscription, InvoiceDerivation.Draft draft) => _drafts.Add((subscription, draft));

    public async Task<(int Issued, int Paid, int PastDue)> IssueAsync(PortalDbContext db, BillingContext context, DateTimeOffset now, CancellationToken ct)
    {
        if (_drafts.Count == 0) return (0, 0, 0);
        var first = await InvoiceNumberSeries.TakeAsync(db, now.Year, _drafts.Count, ct);
        // send_invoice: the invoice goes to the organisation's billing address through the outbox, in this transaction.
        var sendTo = _drafts.Where(d => d.Subscription.Collection == CollectionMethod.SendInvoice).Select(d => d.Subscription.OrganisationId).Distinct().ToList();
        var recipients = sendTo.Count == 0 ? [] : await db.Organisations.AsNoTracking().Where(o => sendTo.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new { o.Name, o.BillingEmail }, ct);
        int paid = 0, pastDue = 0;
        for (var i = 0; i < _drafts.Count; i++)
        {
            var (subscription, draft) = _drafts[i];
            var invoice = Invoice.Issue(InvoiceNumberSeries.Format(now.Year, first + i), subscription, draft, now, TimeSpan.FromDays(options.DaysUntilDue));
            db.Invoices.Add(invoice);
            subscription.LatestInvoiceId = invoice.Id;
            if (invoice.Status == InvoiceStatus.Paid) { subscription.MarkPaid(); paid++; continue; }
            if (subscription.Collection == CollectionMethod.SendInvoice)
            {
                var to = recipients[subscription.OrganisationId];
                db.OutboxEmails.Add(OutboxEmail.Create(to.BillingEmail, new InvoiceEmail(to.Name, invoice.Number, invoice.AmountDue, invoice.CreditApplied,
                    invoice.PeriodStart, invoice.PeriodEnd, invoice.DueAt), now));
                invoice.MarkSent(to.BillingEmail);
                subscription.AwaitPayment(invoice.DueAt);
                continue;
            }
            var card = context.Accounts.GetValueOrDefault(subscription.OrganisationId)?.UsableAt(now);
            var charge = CardChargeSimulation.Charge(card, invoice.AmountDue, now);
            if (charge.Succeeded) { invoice.RecordPayment(now, charge.Note); subscription.MarkPaid(); paid++; }
            else { subscription.MarkPastDue(now); pastDue++; }
        }
        return (_drafts.Count, paid, pastDue);
    }
}
