using System.Text.Json.Serialization;
using Portal.Domain.Common;
using Portal.Domain.Outbox;

namespace Portal.Domain.Billing;

public enum InvoiceStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("paid")] Paid,
    [JsonStringEnumMemberName("void")] Void,
    [JsonStringEnumMemberName("uncollectible")] Uncollectible,
}

/// <summary>Why an invoice was raised (Stripe's <c>billing_reason</c>).</summary>
public enum BillingReason
{
    /// <summary>The first period of a subscription without a trial.</summary>
    [JsonStringEnumMemberName("subscription_create")] SubscriptionCreate,
    /// <summary>A period after a trial or after the previous period: its licences and add-ons, the previous period's usage and prorations.</summary>
    [JsonStringEnumMemberName("subscription_cycle")] SubscriptionCycle,
}

public enum InvoiceLineKind
{
    [JsonStringEnumMemberName("licence")] Licence,
    [JsonStringEnumMemberName("add_on")] AddOn,
    [JsonStringEnumMemberName("usage")] Usage,
    [JsonStringEnumMemberName("proration_credit")] ProrationCredit,
    [JsonStringEnumMemberName("proration_charge")] ProrationCharge,
}

public enum InvoiceAction { RecordPayment, Void, MarkUncollectible }

/// <summary>
/// An invoice of one subscription period: sequential number per year (<c>INV-2026-000123</c>), lines that each say the
/// rule, period, price, quantity and proration that produced them, subtotal, VAT by the organisation's country and VAT
/// status, total and due date. Its lifecycle is <c>draft → open → paid</c>, or <c>void</c> / <c>uncollectible</c>; the
/// lines and totals never change after it is issued, and the total is always the line sum plus VAT.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class Invoice : IVersioned
{
    public const int NumberMaxLength = 20;
    public const int VatRuleMaxLength = 32;
    public const int PaymentNoteMaxLength = 500;
    public const int VatNumberMaxLength = 32;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>As people read it: <c>INV-2026-000123</c>.</summary>
    public required string Number { get; init; }
    public Guid OrganisationId { get; init; }
    public Guid SubscriptionId { get; init; }
    public BillingReason Reason { get; init; }
    public InvoiceStatus Status { get; private set; } = InvoiceStatus.Open;
    public required string Currency { get; init; }
    /// <summary>The period the licences and add-ons are for.</summary>
    public DateTimeOffset PeriodStart { get; init; }
    public DateTimeOffset PeriodEnd { get; init; }
    /// <summary>The previous paid period's start (its end is <see cref="PeriodStart"/>): its usage and changes are billed here; null after a trial.</summary>
    public DateTimeOffset? PreviousPeriodStart { get; init; }
    public Money Subtotal { get; init; }
    public required string VatRule { get; init; }
    public decimal VatPercent { get; init; }
    /// <summary>The VAT inputs as they were at issue: the organisation's country and its valid VAT number, if any.</summary>
    public required string VatCountry { get; init; }
    public string? VatNumber { get; init; }
    public Money Vat { get; init; }
    public Money Total { get; init; }
    public Money AmountPaid { get; private set; }
    /// <summary>The subscription's credit this invoice used (zero or more): it lowers what is collected.</summary>
    public Money CreditApplied { get; private set; }
    /// <summary>What a negative total added to the subscription's credit (zero or more): nothing is paid out, the next invoices use it.</summary>
    public Money CreditAdded { get; private set; }
    public CollectionMethod Collection { get; init; }
    /// <summary>Where a send_invoice invoice was emailed (through the outbox); null when charged automatically.</summary>
    public string? SentTo { get; private set; }
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset? PaidAt { get; private set; }
    public DateTimeOffset? VoidedAt { get; private set; }
    /// <summary>How it was paid: "Card •••• 4242 (simulated charge)" or staff's note of a manual payment.</summary>
    public string? PaymentNote { get; private set; }
    public List<InvoiceLine> Lines { get; init; } = [];
    public long Version { get; set; }

    /// <summary>What is left to collect: the total less the credit used and what was paid (a credit invoice owes nothing).</summary>
    public Money AmountDue => Status is InvoiceStatus.Open or InvoiceStatus.Uncollectible ? ToCollect - AmountPaid : Money.Zero(Currency);

    /// <summary>The total less the credit used; zero for a credit invoice (its negative total went to the credit).</summary>
    public Money ToCollect => Total - CreditApplied + CreditAdded;

    private static readonly Dictionary<InvoiceAction, InvoiceStatus[]> LegalFrom = new()
    {
        [InvoiceAction.RecordPayment] = [InvoiceStatus.Open, InvoiceStatus.Uncollectible],
        [InvoiceAction.Void] = [InvoiceStatus.Draft, InvoiceStatus.Open, InvoiceStatus.Uncollectible],
        [InvoiceAction.MarkUncollectible] = [InvoiceStatus.Open],
    };

    public bool Can(InvoiceAction action) => LegalFrom[action].Contains(Status);

    public IReadOnlyList<InvoiceAction> AllowedActions() => [.. Enum.GetValues<InvoiceAction>().Where(Can)];

    /// <summary>An issued invoice from its derived lines; refuses totals that do not add up (a programming error).</summary>
    /// <remarks>
    /// The subscription's credit settles it first: a negative total (a downgrade's proration) adds to the credit, a positive
    /// one uses what there is. When nothing is left to collect it is paid at issue.
    /// </remarks>
    public static Invoice Issue(string number, Subscription subscription, InvoiceDerivation.Draft draft, DateTimeOffset now, TimeSpan dueIn)
    {
        var invoice = new Invoice
        {
            Number = number, OrganisationId = subscription.OrganisationId, SubscriptionId = subscription.Id, Reason = draft.Reason,
            Currency = draft.Subtotal.Currency, PeriodStart = draft.PeriodStart, PeriodEnd = draft.PeriodEnd, PreviousPeriodStart = draft.PreviousPeriodStart,
            Subtotal = draft.Subtotal, VatRule = draft.Vat.Code, VatPercent = draft.Vat.Percent, VatCountry = draft.Vat.Country, VatNumber = draft.Vat.VatNumber,
            Vat = draft.VatAmount, Total = draft.Total, AmountPaid = Money.Zero(draft.Subtotal.Currency), IssuedAt = now, DueAt = now + dueIn,
            Collection = subscription.Collection,
        };
        var sorting = 0;
        foreach (var line in draft.Lines)
            invoice.Lines.Add(new InvoiceLine
            {
                InvoiceId = invoice.Id, Sorting = ++sorting, Kind = line.Kind, Description = line.Description, Rule = line.Rule, PlanId = line.PlanId,
                PeriodStart = line.PeriodStart, PeriodEnd = line.PeriodEnd, UnitAmountMinor = line.UnitAmountMinor, Quantity = line.Quantity,
                ProrationNumerator = line.ProrationNumerator, ProrationDenominator = line.ProrationDenominator, Amount = line.Amount,
            });
        if (Money.Sum(invoice.Lines.Select(l => l.Amount), invoice.Currency) != invoice.Subtotal || invoice.Subtotal + invoice.Vat != invoice.Total)
            throw new InvalidOperationException($"Invoice {number} does not add up.");
        var (used, added) = subscription.ApplyCredit(invoice.Total.Minor);
        (invoice.CreditApplied, invoice.CreditAdded) = (new Money(used, invoice.Currency), new Money(added, invoice.Currency));
        // Nothing to collect (a zero or credit invoice, or one the credit covers): settled at issue.
        if (invoice.ToCollect.Minor <= 0)
            invoice.Settle(now, added > 0 ? $"Nothing to collect: {invoice.CreditAdded} added to the credit balance"
                : used > 0 ? $"Paid from the credit balance ({invoice.CreditApplied})" : "Nothing to collect");
        return invoice;
    }

    public void RecordPayment(DateTimeOffset now, string note)
    {
        EnsureLegal(InvoiceAction.RecordPayment);
        Settle(now, note);
    }

    /// <summary>Voids it; the caller gives <see cref="CreditApplied"/> back to the subscription.</summary>
    public void VoidIt(DateTimeOffset now)
    {
        EnsureLegal(InvoiceAction.Void);
        (Status, VoidedAt) = (InvoiceStatus.Void, now);
    }

    /// <summary>Emailed to the organisation's billing address (send_invoice).</summary>
    public void MarkSent(string to) => SentTo = to.Length <= OutboxEmail.AddressMaxLength ? to : to[..OutboxEmail.AddressMaxLength];

    public void MarkUncollectible()
    {
        EnsureLegal(InvoiceAction.MarkUncollectible);
        Status = InvoiceStatus.Uncollectible;
    }

    private void Settle(DateTimeOffset now, string note)
    {
        (Status, PaidAt, AmountPaid) = (InvoiceStatus.Paid, now, ToCollect.Minor > 0 ? ToCollect : Money.Zero(Currency));
        PaymentNote = note.Length <= PaymentNoteMaxLength ? note : note[..PaymentNoteMaxLength];
    }

    private void EnsureLegal(InvoiceAction action)
    {
        if (Can(action)) return;
        var status = Status.ToString().ToLowerInvariant();
        var (code, message) = (action, Status) switch
        {
            (InvoiceAction.RecordPayment, InvoiceStatus.Paid) => ("invoice.already_paid", $"{Number} is already paid."),
            (_, InvoiceStatus.Void) => ("invoice.void", $"{Number} is void; it can no longer change."),
            (_, InvoiceStatus.Paid) => ("invoice.paid", $"{Number} is paid; it can no longer be voided or written off."),
            _ => ("invoice.illegal_transition", $"{Number} is {status}; that is not possible now ({action})."),
        };
        throw new ConflictException(code, message);
    }
}

/// <summary>
/// One line and how it came about: the rule (<c>licence</c>, <c>usage.tier.2</c>, <c>proration.credit</c>…), the period,
/// the unit price, the quantity and, for a proration, the fraction of the period (seconds left over the period's seconds).
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class InvoiceLine : IAggregatePart
{
    Guid IFiledUnderAggregate.AggregateId => InvoiceId;
    public const int DescriptionMaxLength = 300;
    public const int RuleMaxLength = 40;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid InvoiceId { get; init; }
    public int Sorting { get; init; }
    public InvoiceLineKind Kind { get; init; }
    public required string Description { get; init; }
    public required string Rule { get; init; }
    public Guid? PlanId { get; init; }
    public DateTimeOffset PeriodStart { get; init; }
    public DateTimeOffset PeriodEnd { get; init; }
    public long UnitAmountMinor { get; init; }
    public long Quantity { get; init; }
    public long? ProrationNumerator { get; init; }
    public long? ProrationDenominator { get; init; }
    public Money Amount { get; init; }
}
