using Portal.Domain.Common;

namespace Portal.Domain.Billing;

/// <summary>The invoices list's filter (API, page address and CSV export share it).</summary>
public sealed record InvoiceQuery : ListQuery
{
    public InvoiceStatus? Status { get; init; }
    public Guid? OrganisationId { get; init; }
    public Guid? SubscriptionId { get; init; }
    /// <summary>Open invoices past their due date.</summary>
    public bool? Overdue { get; init; }
}

public sealed record InvoiceRow(
    Guid Id, string Number, Guid OrganisationId, string OrganisationName, Guid SubscriptionId, InvoiceStatus Status, BillingReason Reason,
    DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, long SubtotalMinor, long VatMinor, long TotalMinor, long AmountPaidMinor, string Currency,
    DateTimeOffset IssuedAt, DateTimeOffset DueAt, DateTimeOffset? PaidAt, long Version)
{
    public Money Total => new(TotalMinor, Currency);
}

public sealed record InvoiceDetails(
    InvoiceRow Invoice, IReadOnlyList<InvoiceLineView> Lines, string VatRule, decimal VatPercent, string VatDescription, string VatCountry,
    string? VatNumber, string OrganisationCountry, string BillingEmail, DateTimeOffset? PreviousPeriodStart, string? PaymentNote,
    DateTimeOffset? VoidedAt, IReadOnlyList<InvoiceAction> AllowedActions,
    long CreditAppliedMinor = 0, long CreditAddedMinor = 0, long AmountDueMinor = 0, CollectionMethod Collection = CollectionMethod.ChargeAutomatically, string? SentTo = null)
{
    public Money CreditApplied => new(CreditAppliedMinor, Invoice.Currency);
    public Money CreditAdded => new(CreditAddedMinor, Invoice.Currency);
    public Money AmountDue => new(AmountDueMinor, Invoice.Currency);
}

/// <summary>An invoice derived again from its subscription's history, beside the stored one.</summary>
public sealed record InvoiceRederivation(InvoicePreview Derived, bool LinesMatch, bool TotalsMatch)
{
    public bool Matches => LinesMatch && TotalsMatch;
}

public sealed class RecordPayment
{
    /// <summary>How it was paid (bank transfer reference, cheque…).</summary>
    public string Note { get; set; } = "";
}
