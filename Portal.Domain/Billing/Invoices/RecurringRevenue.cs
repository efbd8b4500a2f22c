using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

/// <summary>One currency's monthly recurring revenue, in whole units, for each of the last months (oldest first).</summary>
public sealed record CurrencyRevenue(string Currency, IReadOnlyList<MonthCount> Months);

/// <summary>
/// Monthly recurring revenue as the Dashboard charts it: for each month's end, the licence and add-on lines of invoices
/// that are not void whose period covers that moment (a yearly line counts a twelfth), per currency (never summed across
/// currencies). Each sum reads one range of <c>IX_InvoiceLines_Recurring</c> per plan, (plan, period start) bounded by the
/// plan's longest period before the month's end, so it reads the month's lines (or the year's, for yearly plans), never
/// all 600,000 invoices' lines; the few void invoices' lines are read once and taken off.
/// </summary>
public static class RecurringRevenue
{
    public const string IndexName = "IX_InvoiceLines_Recurring";

    /// <summary>A monthly period is at most 31 days and a yearly one 366, so a line covering a moment started less than that before it.</summary>
    public static TimeSpan LongestPeriod(PlanInterval interval) => interval == PlanInterval.Month ? TimeSpan.FromDays(31) : TimeSpan.FromDays(366);

    /// <summary>Licence and add-on lines of <paramref name="planIds"/> whose period covers <paramref name="at"/>.</summary>
    public static IQueryable<InvoiceLine> Covering(PortalDbContext db, IReadOnlyCollection<Guid?> planIds, DateTimeOffset at, TimeSpan longestPeriod)
    {
        var after = at - longestPeriod;
        return db.InvoiceLines.AsNoTracking().Where(l => planIds.Contains(l.PlanId) && l.PeriodStart > after && l.PeriodStart <= at && l.PeriodEnd > at
            && (l.Kind == InvoiceLineKind.Licence || l.Kind == InvoiceLineKind.AddOn));
    }

    /// <summary>Per plan, the sum of its covering lines (void invoices included: see <see cref="VoidedLines"/>).</summary>
    public static IQueryable<PlanSum> ByPlan(PortalDbContext db, IReadOnlyCollection<Guid?> planIds, DateTimeOffset at, TimeSpan longestPeriod) =>
        Covering(db, planIds, at, longestPeriod).GroupBy(l => l.PlanId).Select(g => new PlanSum(g.Key, g.Sum(l => l.Amount.Minor)));

    /// <summary>
    /// The licence and add-on lines of void invoices issued after <paramref name="since"/> (a line is never issued before
    /// its period starts), read once for all months from the invoices' (Status, IssuedAt) index and taken off in memory:
    /// void invoices are few, and subtracting them spares the sums a lookup of every line's invoice.
    /// </summary>
    public static IQueryable<VoidLine> VoidedLines(PortalDbContext db, DateTimeOffset since) =>
        from v in db.Invoices.AsNoTracking()
        where v.Status == InvoiceStatus.Void && v.IssuedAt > since
        join l in db.InvoiceLines.AsNoTracking() on v.Id equals l.InvoiceId
        where l.Kind == InvoiceLineKind.Licence || l.Kind == InvoiceLineKind.AddOn
        select new VoidLine(l.PlanId, l.PeriodStart, l.PeriodEnd, l.Amount.Minor);

    public sealed record VoidLine(Guid? PlanId, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, long Minor);

    public sealed record PlanSum(Guid? PlanId, long Minor);

    /// <summary>The last <paramref name="months"/> months up to <paramref name="now"/> (the current month at now), per currency, the catalogue's currency first.</summary>
    public static async Task<IReadOnlyList<CurrencyRevenue>> MonthsAsync(PortalDbContext db, DateTimeOffset now, int months, string firstCurrency, CancellationToken ct)
    {
        var plans = await db.Plans.AsNoTracking().Select(p => new { p.Id, p.Interval, p.Price.Currency }).ToListAsync(ct);
        var currencies = plans.Select(p => p.Currency).Distinct().OrderBy(c => c == firstCurrency ? "" : c, StringComparer.Ordinal).ToList();
        if (currencies.Count == 0) currencies.Add(firstCurrency);
        var planOf = plans.ToDictionary(p => p.Id);
        var totals = currencies.ToDictionary(c => c, _ => new List<MonthCount>());
        var today = now.UtcDateTime;
        var first = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-(months - 1));
        var voided = await VoidedLines(db, first - LongestPeriod(PlanInterval.Year)).ToListAsync(ct);
        for (var i = months - 1; i >= 0; i--)
        {
            var start = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-i);
            var end = i == 0 ? now : start.AddMonths(1);
            var sums = currencies.ToDictionary(c => c, _ => 0m);
            foreach (var interval in new[] { PlanInterval.Month, PlanInterval.Year })
            {
                var ids = plans.Where(p => p.Interval == interval).Select(p => (Guid?)p.Id).ToList();
                if (ids.Count == 0) continue;
                var longest = LongestPeriod(interval);
                var share = interval == PlanInterval.Month ? 1m : 1m / 12;
                foreach (var s in await ByPlan(db, ids, end, longest).ToListAsync(ct)) sums[planOf[s.PlanId!.Value].Currency] += s.Minor * share;
                foreach (var v in voided.Where(v => ids.Contains(v.PlanId) && v.PeriodStart > end - longest && v.PeriodStart <= end && v.PeriodEnd > end))
                    sums[planOf[v.PlanId!.Value].Currency] -= v.Minor * share;
            }
            foreach (var c in currencies) totals[c].Add(new MonthCount(DateOnly.FromDateTime(start.UtcDateTime), (int)(sums[c] / 100)));
        }
        return [.. currencies.Select(c => new CurrencyRevenue(c, totals[c]))];
    }
}
