using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain.Common;

namespace Portal.Domain.Billing;

/// <summary>Stripe's subscription statuses, with Stripe's names on the wire.</summary>
public enum SubscriptionStatus
{
    [JsonStringEnumMemberName("incomplete")] Incomplete,
    [JsonStringEnumMemberName("incomplete_expired")] IncompleteExpired,
    [JsonStringEnumMemberName("trialing")] Trialing,
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("past_due")] PastDue,
    [JsonStringEnumMemberName("unpaid")] Unpaid,
    [JsonStringEnumMemberName("canceled")] Canceled,
}

public enum SubscriptionAction { ChangePlan, Cancel, ScheduleCancel, UndoScheduledCancel, ReportUsage }

/// <summary>How a subscription's invoices are collected (Stripe's <c>collection_method</c>).</summary>
public enum CollectionMethod
{
    /// <summary>Charged to the default card when issued (a simulated charge).</summary>
    [JsonStringEnumMemberName("charge_automatically")] ChargeAutomatically,
    /// <summary>Emailed to the organisation's billing address with a due date; past due (dunning) when not paid by then.</summary>
    [JsonStringEnumMemberName("send_invoice")] SendInvoice,
}

/// <summary>A plan (or add-on) and its quantity, as a subscription has it at one moment.</summary>
public sealed record BillingItem(Guid PlanId, int Quantity);

/// <summary>
/// An organisation's subscription to a base plan (with a quantity of licences and add-ons), driven by Portal's own
/// clock: the billing job ends trials, renews periods, runs dunning and ends scheduled cancellations; staff change the
/// plan or quantity (prorated on the next invoice), cancel now or at period end, and undo a scheduled cancel. Each change
/// of what is billed is written to <see cref="SubscriptionChange"/>, so every invoice can be derived again.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class Subscription : IVersioned
{
    public const int MaxQuantity = 100_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public Guid PlanId { get; set; }
    public int Quantity { get; set; }
    /// <summary>The plan's currency; every subscription of one organisation bills in one currency.</summary>
    public required string Currency { get; init; }
    public SubscriptionStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset CurrentPeriodStart { get; private set; }
    public DateTimeOffset CurrentPeriodEnd { get; private set; }
    public DateTimeOffset? TrialEnd { get; private set; }
    public bool CancelAtPeriodEnd { get; private set; }
    public DateTimeOffset? CanceledAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    /// <summary>When it went past due (dunning counts from here); null when not past due or unpaid.</summary>
    public DateTimeOffset? PastDueSince { get; private set; }
    public DateTimeOffset? UnpaidSince { get; private set; }
    /// <summary>Whether the current period is a paid one (false in a trial): changes in it are prorated.</summary>
    public bool PeriodIsPaid { get; private set; }
    public Guid? LatestInvoiceId { get; set; }
    public CollectionMethod Collection { get; set; }
    /// <summary>
    /// Credit in minor units of <see cref="Currency"/> (never negative): what a negative invoice (a downgrade's proration)
    /// left over. The next invoices use it before anything is charged.
    /// </summary>
    public long CreditBalanceMinor { get; private set; }
    /// <summary>A sent invoice's due date while it is open (send_invoice): the job makes the subscription past due when it passes.</summary>
    public DateTimeOffset? PaymentDueAt { get; private set; }
    public List<SubscriptionAddOn> AddOns { get; init; } = [];
    public long Version { get; set; }

    /// <summary>While it entitles the organisation to its plan's modules.</summary>
    public static readonly SubscriptionStatus[] Entitling = [SubscriptionStatus.Trialing, SubscriptionStatus.Active, SubscriptionStatus.PastDue];
    /// <summary>Not over: counts for the one-currency rule and the work queues.</summary>
    public static readonly SubscriptionStatus[] Live = [SubscriptionStatus.Incomplete, SubscriptionStatus.Trialing, SubscriptionStatus.Active, SubscriptionStatus.PastDue, SubscriptionStatus.Unpaid];

    public bool Entitles => Entitling.Contains(Status);

    public Money CreditBalance => new(CreditBalanceMinor, Currency);

    /// <summary>
    /// Settles a just-issued invoice against the credit: a negative total adds its amount to the credit; a positive one
    /// uses as much credit as it can. Answers (credit used, credit added), both zero or more.
    /// </summary>
    public (long Used, long Added) ApplyCredit(long invoiceTotalMinor)
    {
        if (invoiceTotalMinor < 0)
        {
            CreditBalanceMinor -= invoiceTotalMinor;
            return (0, -invoiceTotalMinor);
        }
        var used = Math.Min(CreditBalanceMinor, invoiceTotalMinor);
        CreditBalanceMinor -= used;
        return (used, 0);
    }

    /// <summary>A voided invoice gives back the credit it used.</summary>
    public void ReturnCredit(long minor)
    {
        if (minor > 0) CreditBalanceMinor += minor;
    }

    /// <summary>A sent invoice is open until <paramref name="dueAt"/>: the subscription stays as it is until then.</summary>
    /// <remarks>A new or trialing one is active meanwhile (Stripe); an earlier unpaid invoice keeps its earlier due date.</remarks>
    public void AwaitPayment(DateTimeOffset dueAt)
    {
        if (Status is SubscriptionStatus.Incomplete or SubscriptionStatus.Trialing) Status = SubscriptionStatus.Active;
        if (Status == SubscriptionStatus.Active) PaymentDueAt ??= dueAt;
    }

    /// <summary>The lifecycle in one table: which action is legal from which status.</summary>
    private static readonly Dictionary<SubscriptionAction, SubscriptionStatus[]> LegalFrom = new()
    {
        [SubscriptionAction.ChangePlan] = [SubscriptionStatus.Trialing, SubscriptionStatus.Active, SubscriptionStatus.PastDue],
        [SubscriptionAction.Cancel] = [SubscriptionStatus.Incomplete, SubscriptionStatus.Trialing, SubscriptionStatus.Active, SubscriptionStatus.PastDue, SubscriptionStatus.Unpaid],
        [SubscriptionAction.ScheduleCancel] = [SubscriptionStatus.Trialing, SubscriptionStatus.Active, SubscriptionStatus.PastDue],
        [SubscriptionAction.UndoScheduledCancel] = [SubscriptionStatus.Trialing, SubscriptionStatus.Active, SubscriptionStatus.PastDue],
        [SubscriptionAction.ReportUsage] = [SubscriptionStatus.Trialing, SubscriptionStatus.Active, SubscriptionStatus.PastDue],
    };

    public bool Can(SubscriptionAction action) => LegalFrom[action].Contains(Status) && action switch
    {
        SubscriptionAction.ScheduleCancel => !CancelAtPeriodEnd,
        SubscriptionAction.UndoScheduledCancel => CancelAtPeriodEnd,
        _ => true,
    };

    public IReadOnlyList<SubscriptionAction> AllowedActions() => [.. Enum.GetValues<SubscriptionAction>().Where(Can)];

    /// <summary>The base plan first, then the add-ons by plan id: what the subscription bills now.</summary>
    public IReadOnlyList<BillingItem> Items() =>
        [new BillingItem(PlanId, Quantity), .. AddOns.OrderBy(a => a.PlanId).Select(a => new BillingItem(a.PlanId, a.Quantity))];

    /// <summary>A new subscription: trialing when the plan has trial days, else incomplete until its first invoice is paid.</summary>
    public static Subscription Start(Guid organisationId, Plan plan, int quantity, IEnumerable<BillingItem> addOns, DateTimeOffset now,
        CollectionMethod collection = CollectionMethod.ChargeAutomatically)
    {
        var subscription = new Subscription
        {
            OrganisationId = organisationId, PlanId = plan.Id, Quantity = quantity, Currency = plan.Currency, CreatedAt = now, Collection = collection,
        };
        subscription.SetAddOns(addOns);
        if (plan.TrialDays > 0)
        {
            subscription.Status = SubscriptionStatus.Trialing;
            subscription.TrialEnd = now.AddDays(plan.TrialDays);
            (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd) = (now, subscription.TrialEnd.Value);
        }
        else
        {
            subscription.Status = SubscriptionStatus.Incomplete;
            (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, subscription.PeriodIsPaid) = (now, plan.PeriodEnd(now), true);
        }
        return subscription;
    }

    public void ChangeItems(Plan plan, int quantity, IEnumerable<BillingItem> addOns)
    {
        EnsureLegal(SubscriptionAction.ChangePlan);
        if (plan.Currency != Currency)
            throw new ConflictException("subscription.currency_mismatch", $"{plan.Name} is priced in {plan.Currency}; this subscription bills in {Currency}.");
        (PlanId, Quantity) = (plan.Id, quantity);
        SetAddOns(addOns);
    }

    /// <summary>Collection can change while the subscription can change its plan (not once it is unpaid or ended).</summary>
    public void ChangeCollection(CollectionMethod collection)
    {
        EnsureLegal(SubscriptionAction.ChangePlan);
        Collection = collection;
    }

    public void CancelNow(DateTimeOffset now)
    {
        EnsureLegal(SubscriptionAction.Cancel);
        End(now);
    }

    public void ScheduleCancel(DateTimeOffset now)
    {
        EnsureLegal(SubscriptionAction.ScheduleCancel);
        CancelAtPeriodEnd = true;
        CanceledAt = now;
    }

    public void UndoScheduledCancel()
    {
        EnsureLegal(SubscriptionAction.UndoScheduledCancel);
        CancelAtPeriodEnd = false;
        CanceledAt = null;
    }

    public void EnsureCanReportUsage() => EnsureLegal(SubscriptionAction.ReportUsage);

    // ---- What the billing job (and a recorded payment) does; each answers whether anything changed. ----

    /// <summary>The first paid period starts: the trial is over (or the subscription was created without one).</summary>
    public void StartPaidPeriod(Plan plan, DateTimeOffset start)
    {
        (CurrentPeriodStart, CurrentPeriodEnd, PeriodIsPaid) = (start, plan.PeriodEnd(start), true);
    }

    /// <summary>The next period: starts where the current one ended.</summary>
    public void Renew(Plan plan)
    {
        var start = CurrentPeriodEnd;
        (CurrentPeriodStart, CurrentPeriodEnd, PeriodIsPaid) = (start, plan.PeriodEnd(start), true);
    }

    /// <summary>Its invoice is paid: active again (from incomplete, past due or unpaid).</summary>
    public void MarkPaid()
    {
        if (Status is SubscriptionStatus.Incomplete or SubscriptionStatus.Trialing or SubscriptionStatus.PastDue or SubscriptionStatus.Unpaid)
            Status = SubscriptionStatus.Active;
        (PastDueSince, UnpaidSince, PaymentDueAt) = (null, null, null);
    }

    /// <summary>A renewal that could not be collected: past due from now (an already past-due one keeps its date).</summary>
    public void MarkPastDue(DateTimeOffset now)
    {
        PaymentDueAt = null;
        if (Status == SubscriptionStatus.Incomplete) return; // stays incomplete until paid or expired
        if (Status != SubscriptionStatus.PastDue && Status != SubscriptionStatus.Unpaid) PastDueSince = now;
        if (Status != SubscriptionStatus.Unpaid) Status = SubscriptionStatus.PastDue;
    }

    public void MarkUnpaid(DateTimeOffset now) => (Status, UnpaidSince) = (SubscriptionStatus.Unpaid, now);

    public void ExpireIncomplete(DateTimeOffset now) => (Status, EndedAt) = (SubscriptionStatus.IncompleteExpired, now);

    /// <summary>Ends it now (a cancel, the end of dunning or of a period with a scheduled cancel).</summary>
    public void End(DateTimeOffset at)
    {
        Status = SubscriptionStatus.Canceled;
        CanceledAt ??= at;
        EndedAt = at;
        CancelAtPeriodEnd = false;
        (PastDueSince, UnpaidSince, PaymentDueAt) = (null, null, null);
    }

    private void SetAddOns(IEnumerable<BillingItem> addOns)
    {
        var wanted = addOns.ToList();
        AddOns.RemoveAll(a => wanted.All(w => w.PlanId != a.PlanId));
        foreach (var item in wanted)
        {
            var existing = AddOns.FirstOrDefault(a => a.PlanId == item.PlanId);
            if (existing is null) AddOns.Add(new SubscriptionAddOn { SubscriptionId = Id, PlanId = item.PlanId, Quantity = item.Quantity });
            else existing.Quantity = item.Quantity;
        }
    }

    private void EnsureLegal(SubscriptionAction action)
    {
        if (Can(action)) return;
        var status = StatusName(Status);
        var (code, message) = (action, Status) switch
        {
            (_, SubscriptionStatus.Canceled or SubscriptionStatus.IncompleteExpired) => ("subscription.ended", $"The subscription is {status}; it can no longer be changed."),
            (SubscriptionAction.ScheduleCancel, _) when CancelAtPeriodEnd => ("subscription.cancel_already_scheduled", "The subscription already cancels at the end of its period."),
            (SubscriptionAction.UndoScheduledCancel, _) when !CancelAtPeriodEnd => ("subscription.no_scheduled_cancel", "The subscription has no scheduled cancellation to undo."),
            _ => ("subscription.illegal_transition", $"A subscription that is {status} cannot do that ({action})."),
        };
        throw new ConflictException(code, message);
    }

    public static string StatusName(SubscriptionStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}

/// <summary>An add-on bought with a subscription, and how many.</summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class SubscriptionAddOn : IAggregatePart
{
    Guid IFiledUnderAggregate.AggregateId => SubscriptionId;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SubscriptionId { get; init; }
    public Guid PlanId { get; init; }
    public int Quantity { get; set; }
}

/// <summary>
/// What a subscription billed from one moment on (its items after a start or a change). The renewal and proration lines
/// of every invoice are derived from these rows, the plans' fixed prices and the usage records, so an invoice can be
/// derived again and compared with what was stored.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class SubscriptionChange : IFiledUnderAggregate
{
    Guid IFiledUnderAggregate.AggregateId => SubscriptionId;
    public const int ItemsMaxLength = 4000;

    public Guid Id { get; init; } = SequentialIds.Next();
    public Guid SubscriptionId { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The items from <see cref="At"/> on, as JSON (<see cref="BillingItem"/>s, base plan first).</summary>
    public required string ItemsJson { get; init; }

    public IReadOnlyList<BillingItem> Items => JsonSerializer.Deserialize<List<BillingItem>>(ItemsJson) ?? [];

    public static SubscriptionChange Of(Subscription subscription, DateTimeOffset at) =>
        new() { SubscriptionId = subscription.Id, At = at, ItemsJson = JsonSerializer.Serialize(subscription.Items()) };
}

/// <summary>
/// A usage report (Stripe's usage record): a quantity at a time, with the reporter's idempotency key so a retried report
/// counts once. Billed in arrears on the renewal invoice after the period it falls in, through the plan's tiers.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class UsageRecord : IFiledUnderAggregate
{
    Guid IFiledUnderAggregate.AggregateId => SubscriptionId;
    public const int IdempotencyKeyMaxLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SubscriptionId { get; init; }
    public long Quantity { get; init; }
    public DateTimeOffset At { get; init; }
    public required string IdempotencyKey { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}
