using Portal.Domain.Common;

namespace Portal.Domain.Billing;

/// <summary>A send_invoice invoice, to the organisation's billing address: what it is for, what is due and by when.</summary>
public sealed record InvoiceEmail(string OrganisationName, string Number, Money AmountDue, Money CreditApplied, DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd, DateTimeOffset DueAt) : Email
{
    protected override string RenderSubject() => $"Invoice {Number} for {OrganisationName}: {AmountDue} due by {DueAt.ToString("d MMMM yyyy", British)}";

    protected override string RenderText() => $"""
        Hello,

        Invoice {Number} for {OrganisationName} covers {PeriodStart.ToString("d MMMM yyyy", British)} to {PeriodEnd.ToString("d MMMM yyyy", British)}.
        {(CreditApplied.Minor > 0 ? $"Your credit balance paid {CreditApplied} of it. " : "")}{AmountDue} is due by {DueAt.ToString("d MMMM yyyy", British)}.

        Please pay by bank transfer quoting {Number}. If it is not paid by then, the subscription becomes past due.

        """;
}
