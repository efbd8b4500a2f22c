using Portal.Domain.Common;

namespace Portal.Domain.Billing;

/// <summary>The work queues of the subscriptions list.</summary>
public enum SubscriptionQueue
{
    /// <summary>Trials that end within 7 days.</summary>
    TrialEnding,
    /// <summary>Past due or unpaid: waiting for a payment.</summary>
    PastDue,
    /// <summary>Cancels at the end of its period.</summary>
    CancelScheduled,
}

/// <summary>The subscriptions list's filter (API, page address and CSV export share it).</summary>
public sealed record SubscriptionQuery : ListQuery
{
    public SubscriptionStatus? Status { get; init; }
    public Guid? PlanId { get; init; }
    public Guid? OrganisationId { get; init; }
    public SubscriptionQueue? Queue { get; init; }
}

public sealed record SubscriptionRow(
    Guid Id, Guid OrganisationId, string OrganisationName, Guid PlanId, string PlanName, int Quantity, string Currency, SubscriptionStatus Status,
    DateTimeOffset CurrentPeriodStart, DateTimeOffset CurrentPeriodEnd, DateTimeOffset? TrialEnd, bool CancelAtPeriodEnd,
    DateTimeOffset? CanceledAt, DateTimeOffset? EndedAt, DateTimeOffset CreatedAt, long Version);

public sealed record AddOnRow(Guid PlanId, string Code, string Name, int Quantity, long PriceMinor, string Currency);

public sealed record SubscriptionDetails(
    SubscriptionRow Subscription, IReadOnlyList<AddOnRow> AddOns, IReadOnlyList<SubscriptionAction> AllowedActions, Guid? LatestInvoiceId,
    bool HasUsablePaymentMethod, CollectionMethod Collection = CollectionMethod.ChargeAutomatically, long CreditBalanceMinor = 0, DateTimeOffset? PaymentDueAt = null)
{
    /// <summary>What the next invoices use before anything is collected.</summary>
    public Money CreditBalance => new(CreditBalanceMinor, Subscription.Currency);
}

/// <summary>A plan (by code) and a quantity; add-ons by code.</summary>
public sealed class SubscriptionItemsFields
{
    public string PlanCode { get; set; } = "";
    public int Quantity { get; set; } = 1;
    public List<AddOnFields> AddOns { get; set; } = [];
    /// <summary>How invoices are collected; on a change, null keeps the subscription's.</summary>
    public CollectionMethod? Collection { get; set; }
}

public sealed class AddOnFields
{
    public string Code { get; set; } = "";
    public int Quantity { get; set; } = 1;
}

public sealed class CancelSubscription
{
    /// <summary>True: at the end of the current period (undo with resume); false: now, for good. Required: the two are far apart.</summary>
    public bool? AtPeriodEnd { get; set; }
}

public sealed class ReportUsage
{
    public long Quantity { get; set; }
    /// <summary>When the usage happened; now when empty.</summary>
    public DateTimeOffset? At { get; set; }
    /// <summary>The reporter's key: a report retried with the same key counts once.</summary>
    public string IdempotencyKey { get; set; } = "";
}

/// <summary>A subscription's usage records, newest first (no filters beyond paging).</summary>
public sealed record UsageQuery : ListQuery;

public sealed record UsageRow(Guid Id, Guid SubscriptionId, long Quantity, DateTimeOffset At, string IdempotencyKey, bool Duplicate);

public sealed record InvoiceLineView(
    InvoiceLineKind Kind, string Description, string Rule, Guid? PlanId, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    long UnitAmountMinor, long Quantity, long? ProrationNumerator, long? ProrationDenominator, long AmountMinor, string Currency)
{
    public Money Amount => new(AmountMinor, Currency);
    public static InvoiceLineView Of(InvoiceDerivation.Line l) => new(l.Kind, l.Description, l.Rule, l.PlanId, l.PeriodStart, l.PeriodEnd,
        l.UnitAmountMinor, l.Quantity, l.ProrationNumerator, l.ProrationDenominator, l.Amount.Minor, l.Amount.Currency);
}

/// <summary>An invoice as it would be issued (not stored): the upcoming invoice, or the effect of a change before it is confirmed.</summary>
public sealed record InvoicePreview(
    BillingReason Reason, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, IReadOnlyList<InvoiceLineView> Lines,
    long SubtotalMinor, string VatRule, decimal VatPercent, long VatMinor, long TotalMinor, string Currency, DateTimeOffset IssuedAt,
    long CreditAppliedMinor = 0, long CreditAddedMinor = 0)
{
    public Money Subtotal => new(SubtotalMinor, Currency);
    public Money Vat => new(VatMinor, Currency);
    public Money Total => new(TotalMinor, Currency);
    public Money CreditApplied => new(CreditAppliedMinor, Currency);
    public Money CreditAdded => new(CreditAddedMinor, Currency);
    /// <summary>What would be collected: the total less the credit it would use (nothing for a credit invoice).</summary>
    public Money AmountDue => new(Math.Max(0, TotalMinor - CreditAppliedMinor), Currency);

    /// <param name="creditBalanceMinor">The subscription's credit now: what the invoice would use, or add to when negative.</param>
    public static InvoicePreview Of(InvoiceDerivation.Draft d, DateTimeOffset issuedAt, long creditBalanceMinor = 0) => new(d.Reason, d.PeriodStart, d.PeriodEnd,
        [.. d.Lines.Select(InvoiceLineView.Of)], d.Subtotal.Minor, d.Vat.Code, d.Vat.Percent, d.VatAmount.Minor, d.Total.Minor, d.Subtotal.Currency, issuedAt,
        d.Total.Minor > 0 ? Math.Min(creditBalanceMinor, d.Total.Minor) : 0, d.Total.Minor < 0 ? -d.Total.Minor : 0);
}

/// <summary>A change's preview: what it adds to the next invoice now (prorations) and that next invoice with the change made.</summary>
public sealed record ChangePreview(IReadOnlyList<InvoiceLineView> Prorations, long ProrationTotalMinor, string Currency, InvoicePreview NextInvoice);
