using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

/// <summary>Subscriptions of organisations: Admin and Staff subscribe, change, cancel and report usage; Viewers read.</summary>
public sealed class SubscriptionService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IOptions<BillingOptions> options,
    IValidator<SubscriptionItemsFields> itemsValidator,
    IValidator<ReportUsage> usageValidator)
{
    private static readonly SortMap<Subscription> Sorts = new SortMap<Subscription>("-createdAt")
        .Add("createdAt", s => s.CreatedAt).Add("currentPeriodEnd", s => s.CurrentPeriodEnd).Add("trialEnd", s => s.TrialEnd).Add("status", s => s.Status);

    private static readonly SortMap<UsageRecord> UsageSorts = new SortMap<UsageRecord>("-at").Add("at", u => u.At).Add("quantity", u => u.Quantity);

    public async Task<PagedResult<SubscriptionRow>> ListAsync(SubscriptionQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var subs = Filter(db, query);
        return await Sorts.Apply(subs, query.Sort, s => s.Id).ToPageAsync(query, Row(db), ct);
    }

    /// <summary>The list's filter in SQL, shared by the page, the API and the CSV export.</summary>
    private IQueryable<Subscription> Filter(PortalDbContext db, SubscriptionQuery query)
    {
        IQueryable<Subscription> subs = db.Subscriptions.AsNoTracking();
        if (query.Status is { } status) subs = subs.Where(s => s.Status == status);
        if (query.PlanId is { } planId) subs = subs.Where(s => s.PlanId == planId);
        if (query.OrganisationId is { } orgId) subs = subs.Where(s => s.OrganisationId == orgId);
        var now = clock.GetUtcNow();
        var weekAhead = now.AddDays(7);
        subs = query.Queue switch
        {
            SubscriptionQueue.TrialEnding => subs.Where(s => s.Status == SubscriptionStatus.Trialing && s.TrialEnd <= weekAhead),
            SubscriptionQueue.PastDue => subs.Where(s => s.Status == SubscriptionStatus.PastDue || s.Status == SubscriptionStatus.Unpaid),
            SubscriptionQueue.CancelScheduled => subs.Where(s => s.CancelAtPeriodEnd),
            _ => subs,
        };
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            subs = subs.Where(s => db.Set<Organisation>().Any(o => o.Id == s.OrganisationId && EF.Functions.Like(o.Name, pattern, "\\")));
        }
        return subs;
    }

    /// <summary>The filtered list as CSV, in the list's order, streamed row by row.</summary>
    public async Task ExportAsync(SubscriptionQuery query, Stream output, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = Sorts.Apply(Filter(db, query), query.Sort, s => s.Id).Select(Row(db)).AsAsyncEnumerable();
        await CsvFiles.WriteAsync(output,
        [
            ("organisation", s => s.OrganisationName), ("plan", s => s.PlanName), ("quantity", s => s.Quantity.ToString()), ("status", s => s.Status.ToString()),
            ("currentPeriodStart", s => s.CurrentPeriodStart.ToString("O")), ("currentPeriodEnd", s => s.CurrentPeriodEnd.ToString("O")),
            ("trialEnd", s => s.TrialEnd?.ToString("O")), ("cancelAtPeriodEnd", s => s.CancelAtPeriodEnd ? "true" : "false"),
            ("endedAt", s => s.EndedAt?.ToString("O")), ("createdAt", s => s.CreatedAt.ToString("O")), ("id", s => s.Id.ToString()),
        ], rows, ct);
    }

    public async Task<IReadOnlyList<SubscriptionRow>> ForOrganisationAsync(Guid organisationId, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct)) throw new NotFoundException(nameof(Organisation), organisationId);
        return await db.Subscriptions.AsNoTracking().Where(s => s.OrganisationId == organisationId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Select(Row(db)).ToListAsync(ct);
    }

    public async Task<SubscriptionDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>
    /// Subscribes an organisation to an active base plan: trialing when the plan has trial days; otherwise its first
    /// invoice is issued at once and charged to the default card (simulated) — active when paid, incomplete when not.
    /// </summary>
    public async Task<SubscriptionDetails> CreateAsync(Guid organisationId, SubscriptionItemsFields command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await itemsValidator.ValidateOrThrowAsync(command, ct);
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var id = await db.InTransactionAsync(async attemptCt =>
        {
            var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, attemptCt)
                      ?? throw new NotFoundException(nameof(Organisation), organisationId);
            if (org.Status == OrganisationStatus.Archived)
                throw new ConflictException("organisation.archived", $"{org.Name} is archived and can no longer be changed.");
            var plans = await BillingContext.PlansAsync(db, attemptCt);
            var (plan, addOns) = Resolve(plans, command);
            var currencies = await db.Subscriptions.Where(s => s.OrganisationId == organisationId && Subscription.Live.Contains(s.Status))
                .Select(s => s.Currency).Distinct().ToListAsync(attemptCt);
            if (currencies.Any(c => c != plan.Currency))
                throw new ConflictException("subscription.currency_mismatch",
                    $"{org.Name} is billed in {string.Join(", ", currencies)}; {plan.Name} is priced in {plan.Currency}. Choose a plan in {currencies[0]}.");
            var subscription = Subscription.Start(organisationId, plan, command.Quantity, addOns, now, command.Collection ?? CollectionMethod.ChargeAutomatically);
            db.Subscriptions.Add(subscription);
            var change = SubscriptionChange.Of(subscription, now);
            db.SubscriptionChanges.Add(change);
            if (subscription.Status == SubscriptionStatus.Incomplete)
            {
                var context = new BillingContext
                {
                    Plans = plans,
                    Accounts = await db.BillingAccounts.AsNoTracking().Include(a => a.PaymentMethods).Where(a => a.OrganisationId == organisationId).ToDictionaryAsync(a => a.OrganisationId, attemptCt),
                    Vat = await BillingContext.VatAsync(db, [organisationId], attemptCt),
                    Changes = new() { [subscription.Id] = [change] },
                    Usage = Array.Empty<UsageRecord>().ToLookup(u => u.SubscriptionId),
                };
                var issuer = new InvoiceIssuer(options.Value);
                issuer.Add(subscription, context.Derive(subscription, BillingReason.SubscriptionCreate, null));
                await issuer.IssueAsync(db, context, now, attemptCt);
            }
            await db.SaveChangesAsync(attemptCt);
            return subscription.Id;
        }, ct: ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>What changing to <paramref name="command"/> now would add to the next invoice, and that invoice; nothing is saved.</summary>
    public async Task<ChangePreview> PreviewChangeAsync(Guid id, SubscriptionItemsFields command, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await itemsValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.AddOns).FirstOrDefaultAsync(s => s.Id == id, ct)
                           ?? throw new NotFoundException(nameof(Subscription), id);
        var plans = await BillingContext.PlansAsync(db, ct);
        var (plan, addOns) = Resolve(plans, command);
        var before = subscription.Items();
        subscription.ChangeItems(plan, command.Quantity, addOns); // checks the state and currency; the copy is not tracked
        var now = clock.GetUtcNow();
        var prorations = subscription.PeriodIsPaid
            ? InvoiceDerivation.ProrationLines(before, subscription.Items(), now, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, plans)
            : [];
        var hypothetical = SubscriptionChange.Of(subscription, now);
        var next = await UpcomingAsync(db, subscription, plans, hypothetical, ct);
        return new ChangePreview([.. prorations.Select(InvoiceLineView.Of)], prorations.Sum(p => p.Amount.Minor), subscription.Currency, next);
    }

    /// <summary>Changes the plan, quantity or add-ons now; the proration (credit for unused time, charge for the rest) is on the next invoice.</summary>
    public async Task<SubscriptionDetails> ChangePlanAsync(Guid id, SubscriptionItemsFields command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await itemsValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var subscription = await ForChangeAsync(db, id, version, ct);
        var plans = await BillingContext.PlansAsync(db, ct);
        var (plan, addOns) = Resolve(plans, command);
        subscription.ChangeItems(plan, command.Quantity, addOns);
        if (command.Collection is { } collection) subscription.Collection = collection;
        db.SubscriptionChanges.Add(SubscriptionChange.Of(subscription, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<SubscriptionDetails> CancelAsync(Guid id, CancelSubscription command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var subscription = await ForChangeAsync(db, id, version, ct);
        if (command.AtPeriodEnd is null) throw DomainValidationException.For("atPeriodEnd", "Say whether to cancel at the end of the period (true) or now (false).");
        if (command.AtPeriodEnd.Value) subscription.ScheduleCancel(clock.GetUtcNow());
        else subscription.CancelNow(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>
    /// Switches how its invoices are collected (charge the card ↔ send the invoice) from the next one on; what it bills is
    /// unchanged, so no change row or proration is written. An invoice already sent stays due on its date.
    /// </summary>
    public async Task<SubscriptionDetails> ChangeCollectionAsync(Guid id, CollectionMethod collection, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var subscription = await ForChangeAsync(db, id, version, ct);
        subscription.ChangeCollection(collection);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>Undoes a scheduled cancellation.</summary>
    public async Task<SubscriptionDetails> ResumeAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var subscription = await ForChangeAsync(db, id, version, ct);
        subscription.UndoScheduledCancel();
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>Records usage; a report with a key already recorded answers the first record (<see cref="UsageRow.Duplicate"/>) and counts nothing.</summary>
    public async Task<UsageRow> ReportUsageAsync(Guid id, ReportUsage command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await usageValidator.ValidateOrThrowAsync(command, ct);
        var key = command.IdempotencyKey.Trim();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException(nameof(Subscription), id);
        if (await ExistingUsageAsync(db, id, key, ct) is { } existing) return existing;
        subscription.EnsureCanReportUsage();
        var at = command.At ?? clock.GetUtcNow();
        // Usage is billed for the period it falls in: it cannot be before the current period or in the future.
        if (at < subscription.CurrentPeriodStart || at > clock.GetUtcNow().AddMinutes(5))
            throw DomainValidationException.For("at", $"Usage is reported for the current period: from {subscription.CurrentPeriodStart:u} to now.");
        var record = new UsageRecord { SubscriptionId = id, Quantity = command.Quantity, At = at, IdempotencyKey = key, RecordedAt = clock.GetUtcNow() };
        db.UsageRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same report, retried at the same moment: the unique index kept one.
            await using var again = await dbs.CreateDbContextAsync(ct);
            return await ExistingUsageAsync(again, id, key, ct) ?? throw new ConflictException("usage.not_recorded", "The usage report could not be recorded; send it again.");
        }
        return new UsageRow(record.Id, id, record.Quantity, record.At, key, false);
    }

    public async Task<PagedResult<UsageRow>> UsageAsync(Guid id, ListQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Subscriptions.AnyAsync(s => s.Id == id, ct)) throw new NotFoundException(nameof(Subscription), id);
        return await UsageSorts.Apply(db.UsageRecords.AsNoTracking().Where(u => u.SubscriptionId == id), query.Sort, u => u.Id)
            .ToPageAsync(query, u => new UsageRow(u.Id, u.SubscriptionId, u.Quantity, u.At, u.IdempotencyKey, false), ct);
    }

    /// <summary>The invoice the subscription's next renewal (or trial end) will issue, with usage and changes so far; null once it has ended.</summary>
    public async Task<InvoicePreview?> UpcomingInvoiceAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.AddOns).FirstOrDefaultAsync(s => s.Id == id, ct)
                           ?? throw new NotFoundException(nameof(Subscription), id);
        if (!subscription.Entitles || subscription.CancelAtPeriodEnd) return null;
        return await UpcomingAsync(db, subscription, await BillingContext.PlansAsync(db, ct), null, ct);
    }

    private async Task<InvoicePreview> UpcomingAsync(PortalDbContext db, Subscription s, IReadOnlyDictionary<Guid, Plan> plans, SubscriptionChange? extra, CancellationToken ct)
    {
        var changes = await db.SubscriptionChanges.AsNoTracking().Where(c => c.SubscriptionId == s.Id).ToListAsync(ct);
        if (extra is not null) changes.Add(extra);
        var usage = await db.UsageRecords.AsNoTracking().Where(u => u.SubscriptionId == s.Id && u.At >= s.CurrentPeriodStart).ToListAsync(ct);
        var vat = (await BillingContext.VatAsync(db, [s.OrganisationId], ct))[s.OrganisationId];
        var start = s.CurrentPeriodEnd;
        var plan = plans[s.PlanId];
        var draft = InvoiceDerivation.ForPeriod(BillingReason.SubscriptionCycle, start, plan.PeriodEnd(start), s.PeriodIsPaid ? s.CurrentPeriodStart : null,
            changes, usage, plans, s.Currency, vat);
        return InvoicePreview.Of(draft, start, s.CreditBalanceMinor);
    }

    private static async Task<UsageRow?> ExistingUsageAsync(PortalDbContext db, Guid id, string key, CancellationToken ct) =>
        await db.UsageRecords.AsNoTracking().Where(u => u.SubscriptionId == id && u.IdempotencyKey == key)
            .Select(u => new UsageRow(u.Id, u.SubscriptionId, u.Quantity, u.At, u.IdempotencyKey, true)).FirstOrDefaultAsync(ct);

    /// <summary>The plan and add-ons a command names: known, offered (not archived), a base plan, and add-ons that plan offers.</summary>
    private static (Plan Plan, IReadOnlyList<BillingItem> AddOns) Resolve(IReadOnlyDictionary<Guid, Plan> plans, SubscriptionItemsFields command)
    {
        var byCode = plans.Values.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        var plan = byCode.GetValueOrDefault(command.PlanCode.Trim()) ?? throw DomainValidationException.For("planCode", $"There is no plan {command.PlanCode.Trim()}.");
        if (plan.IsArchived) throw DomainValidationException.For("planCode", $"{plan.Name} is archived and no longer offered.");
        if (plan.Kind != PlanKind.Base) throw DomainValidationException.For("planCode", $"{plan.Name} is an add-on; choose a base plan.");
        var addOns = new List<BillingItem>();
        foreach (var a in command.AddOns)
        {
            var addOn = byCode.GetValueOrDefault(a.Code.Trim());
            if (addOn is null || addOn.Kind != PlanKind.AddOn || !plan.AddOnIds.Contains(addOn.Id))
                throw DomainValidationException.For("addOns", $"{plan.Name} offers no add-on {a.Code.Trim()}.");
            if (addOn.IsArchived) throw DomainValidationException.For("addOns", $"{addOn.Name} is archived and no longer offered.");
            if (addOn.Currency != plan.Currency) throw DomainValidationException.For("addOns", $"{addOn.Name} is priced in {addOn.Currency}, not {plan.Currency}.");
            addOns.Add(new BillingItem(addOn.Id, a.Quantity));
        }
        return (plan, addOns);
    }

    private static async Task<Subscription> ForChangeAsync(PortalDbContext db, Guid id, long version, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.Include(s => s.AddOns).FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException(nameof(Subscription), id);
        subscription.EnsureVersion(version, id);
        return subscription;
    }

    private static Expression<Func<Subscription, SubscriptionRow>> Row(PortalDbContext db) => s => new SubscriptionRow(
        s.Id, s.OrganisationId, db.Set<Organisation>().Where(o => o.Id == s.OrganisationId).Select(o => o.Name).First(),
        s.PlanId, db.Set<Plan>().Where(p => p.Id == s.PlanId).Select(p => p.Name).First(), s.Quantity, s.Currency, s.Status,
        s.CurrentPeriodStart, s.CurrentPeriodEnd, s.TrialEnd, s.CancelAtPeriodEnd, s.CanceledAt, s.EndedAt, s.CreatedAt, s.Version);

    private async Task<SubscriptionDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var s = await db.Subscriptions.AsNoTracking().Include(x => x.AddOns).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(nameof(Subscription), id);
        var row = await db.Subscriptions.AsNoTracking().Where(x => x.Id == id).Select(Row(db)).FirstAsync(ct);
        var addOnIds = s.AddOns.Select(a => a.PlanId).ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => addOnIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var addOns = s.AddOns.OrderBy(a => plans[a.PlanId].Name).Select(a => new AddOnRow(a.PlanId, plans[a.PlanId].Code, plans[a.PlanId].Name, a.Quantity, plans[a.PlanId].Price.Minor, plans[a.PlanId].Currency)).ToList();
        var account = await db.BillingAccounts.AsNoTracking().Include(a => a.PaymentMethods).FirstOrDefaultAsync(a => a.OrganisationId == s.OrganisationId, ct);
        return new SubscriptionDetails(row, addOns, s.AllowedActions(), s.LatestInvoiceId, account?.UsableAt(clock.GetUtcNow()) is not null,
            s.Collection, s.CreditBalanceMinor, s.PaymentDueAt);
    }
}
