using Portal.Domain.Common;

namespace Portal.Domain.Billing;

/// <summary>
/// How every invoice amount is derived, in one place and without the database: from a subscription's changes (what it
/// billed from when), the plans' fixed prices and its usage records. The billing job issues what this derives, the
/// preview shows it before a change is confirmed, and <c>InvoiceService.RederiveAsync</c> runs it again for a stored
/// invoice so the two can be compared. Prorations split the item's period amount by seconds used and left with
/// <see cref="Money.Allocate"/>, so the credit and the part used add up to the period amount to the minor unit.
/// </summary>
public static class InvoiceDerivation
{
    public sealed record Line(
        InvoiceLineKind Kind, string Description, string Rule, Guid? PlanId, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
        long UnitAmountMinor, long Quantity, long? ProrationNumerator, long? ProrationDenominator, Money Amount);

    public sealed record Draft(
        BillingReason Reason, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateTimeOffset? PreviousPeriodStart,
        IReadOnlyList<Line> Lines, Money Subtotal, VatRules.Rule Vat, Money VatAmount, Money Total);

    /// <summary>The invoice for the period [<paramref name="start"/>, <paramref name="end"/>).</summary>
    /// <param name="changes">The subscription's changes, any order.</param>
    /// <param name="usage">Its usage records (those outside the previous period are ignored).</param>
    /// <param name="previousStart">The previous paid period's start (it ended at <paramref name="start"/>), or null after a trial or at creation.</param>
    public static Draft ForPeriod(
        BillingReason reason, DateTimeOffset start, DateTimeOffset end, DateTimeOffset? previousStart,
        IEnumerable<SubscriptionChange> changes, IEnumerable<UsageRecord> usage, IReadOnlyDictionary<Guid, Plan> plans, string currency, VatRules.Rule vat)
    {
        var ordered = changes.OrderBy(c => c.At).ThenBy(c => c.Id).ToList();
        var lines = new List<Line>();
        lines.AddRange(PeriodLines(ItemsAt(ordered, start), plans, start, end));
        if (previousStart is { } ps)
        {
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i].At >= ps && ordered[i].At < start)
                    lines.AddRange(ProrationLines(ordered[i - 1].Items, ordered[i].Items, ordered[i].At, ps, start, plans));
            var basePlan = plans[ItemsAt(ordered, start)[0].PlanId];
            var used = usage.Where(u => u.At >= ps && u.At < start).Sum(u => u.Quantity);
            lines.AddRange(UsageLines(basePlan, used, ps, start));
        }
        return Totalled(reason, start, end, previousStart, lines, currency, vat);
    }

    /// <summary>What a change made at <paramref name="at"/> would add to the next invoice: credit for the old items' unused time, charge for the new items' rest.</summary>
    public static IReadOnlyList<Line> ProrationLines(
        IReadOnlyList<BillingItem> before, IReadOnlyList<BillingItem> after, DateTimeOffset at, DateTimeOffset periodStart, DateTimeOffset periodEnd,
        IReadOnlyDictionary<Guid, Plan> plans)
    {
        var total = (long)(periodEnd - periodStart).TotalSeconds;
        var left = Math.Clamp((long)(periodEnd - at).TotalSeconds, 0, total);
        var lines = new List<Line>();
        if (left == 0) return lines;
        foreach (var item in before.Where(b => !after.Contains(b)))
        {
            var plan = plans[item.PlanId];
            var whole = plan.Price * item.Quantity;
            var credit = -whole.Allocate(total - left, left)[1];
            lines.Add(new Line(InvoiceLineKind.ProrationCredit, $"Unused time on {item.Quantity} × {plan.Name} after {at:d MMM yyyy HH:mm}", "proration.credit",
                plan.Id, at, periodEnd, plan.Price.Minor, item.Quantity, left, total, credit));
        }
        foreach (var item in after.Where(a => !before.Contains(a)))
        {
            var plan = plans[item.PlanId];
            var whole = plan.Price * item.Quantity;
            var charge = whole.Allocate(total - left, left)[1];
            lines.Add(new Line(InvoiceLineKind.ProrationCharge, $"Remaining time on {item.Quantity} × {plan.Name} from {at:d MMM yyyy HH:mm}", "proration.charge",
                plan.Id, at, periodEnd, plan.Price.Minor, item.Quantity, left, total, charge));
        }
        return lines;
    }

    /// <summary>Graduated tiers: each tier's units at its unit price, plus its flat amount once when any unit falls in it.</summary>
    public static IReadOnlyList<Line> UsageLines(Plan plan, long quantity, DateTimeOffset from, DateTimeOffset to)
    {
        var lines = new List<Line>();
        if (plan.Tiers.Count == 0 || quantity <= 0) return lines;
        long below = 0;
        foreach (var tier in plan.Tiers.OrderBy(t => t.Sorting))
        {
            var upTo = tier.UpTo ?? long.MaxValue;
            var units = Math.Min(quantity, upTo) - below;
            if (units <= 0) break;
            var amount = new Money(tier.UnitAmountMinor, plan.Currency) * units + new Money(tier.FlatAmountMinor, plan.Currency);
            var range = tier.UpTo is null ? $"{below + 1:N0} and up" : $"{below + 1:N0}–{tier.UpTo:N0}";
            lines.Add(new Line(InvoiceLineKind.Usage, $"{plan.UsageUnit ?? "Usage"} {range} ({units:N0} × {new Money(tier.UnitAmountMinor, plan.Currency)}"
                + (tier.FlatAmountMinor > 0 ? $" + {new Money(tier.FlatAmountMinor, plan.Currency)} flat)" : ")"),
                $"usage.tier.{tier.Sorting}", plan.Id, from, to, tier.UnitAmountMinor, units, null, null, amount));
            below = upTo;
        }
        return lines;
    }

    public static Draft Totalled(BillingReason reason, DateTimeOffset start, DateTimeOffset end, DateTimeOffset? previousStart,
        IReadOnlyList<Line> lines, string currency, VatRules.Rule vat)
    {
        var subtotal = Money.Sum(lines.Select(l => l.Amount), currency);
        var vatAmount = subtotal.Percent(vat.Percent);
        return new Draft(reason, start, end, previousStart, lines, subtotal, vat, vatAmount, subtotal + vatAmount);
    }

    /// <summary>The items in force at <paramref name="at"/>: the last change at or before it (the first one if none is).</summary>
    public static IReadOnlyList<BillingItem> ItemsAt(IReadOnlyList<SubscriptionChange> ordered, DateTimeOffset at) =>
        (ordered.LastOrDefault(c => c.At <= at) ?? ordered[0]).Items;

    private static IEnumerable<Line> PeriodLines(IReadOnlyList<BillingItem> items, IReadOnlyDictionary<Guid, Plan> plans, DateTimeOffset start, DateTimeOffset end)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var plan = plans[items[i].PlanId];
            yield return new Line(i == 0 ? InvoiceLineKind.Licence : InvoiceLineKind.AddOn,
                $"{items[i].Quantity} × {plan.Name} ({start:d MMM yyyy} – {end:d MMM yyyy})", i == 0 ? "licence" : "add_on",
                plan.Id, start, end, plan.Price.Minor, items[i].Quantity, null, null, plan.Price * items[i].Quantity);
        }
    }
}
