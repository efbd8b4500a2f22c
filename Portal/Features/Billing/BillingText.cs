using System.Globalization;
using Portal.Domain.Billing;
using Portal.Domain.Common;

namespace Portal.Features.Billing;

/// <summary>How the Billing pages word statuses, amounts, periods and intervals.</summary>
public static class BillingText
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static bool CanWrite(ICurrentUser user) => user.Has(Access.Write);

    public static string Status(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Incomplete => "Incomplete",
        SubscriptionStatus.IncompleteExpired => "Incomplete expired",
        SubscriptionStatus.Trialing => "Trialing",
        SubscriptionStatus.Active => "Active",
        SubscriptionStatus.PastDue => "Past due",
        SubscriptionStatus.Unpaid => "Unpaid",
        SubscriptionStatus.Canceled => "Canceled",
        _ => status.ToString(),
    };

    public static string Status(InvoiceStatus status) => status.ToString();

    public static string Money(long minor, string currency) => new Money(minor, currency).ToString();

    public static string Day(DateTimeOffset at) => at.ToString("d MMM yyyy", EnGb);

    public static string Day(DateTimeOffset? at) => at is { } a ? Day(a) : "—";

    public static string Period(DateTimeOffset start, DateTimeOffset end) => $"{Day(start)} – {Day(end)}";

    public static string Per(PlanInterval interval) => interval == PlanInterval.Month ? "a month" : "a year";

    public static string Price(PlanRow plan) => $"{plan.Price} {Per(plan.Interval)}";

    public static string Line(InvoiceLineKind kind) => kind switch
    {
        InvoiceLineKind.Licence => "Licence",
        InvoiceLineKind.AddOn => "Add-on",
        InvoiceLineKind.Usage => "Usage",
        InvoiceLineKind.ProrationCredit => "Proration credit",
        InvoiceLineKind.ProrationCharge => "Proration charge",
        _ => kind.ToString(),
    };

    /// <summary>How a line came about, in words: "2 × £19.00", "20 of 30 days left".</summary>
    public static string Explain(InvoiceLineView line)
    {
        var unit = Money(line.UnitAmountMinor, line.Currency);
        var basis = $"{line.Quantity:N0} × {unit}";
        if (line.ProrationNumerator is { } left && line.ProrationDenominator is { } total && total > 0)
            basis += $" × {left / 86400.0:0.##} of {total / 86400.0:0.##} days left";
        return $"{basis} · rule {line.Rule} · {Period(line.PeriodStart, line.PeriodEnd)}";
    }
}
