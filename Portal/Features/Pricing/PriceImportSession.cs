using Portal.Domain.Common;
using Portal.Domain.Pricing;

namespace Portal.Features.Pricing;

/// <summary>
/// One run of the shared <c>CsvImportDialog</c> over a group's prices: the import the dialog calls, as a comparing
/// all-or-nothing import. The apply is made at the group's version the last preview saw, so a price change since (this
/// page's or another's) is the stale-change dialog, not a silent overwrite.
/// </summary>
public sealed class PriceImportSession(PriceImportService prices, PricingGroupRow group)
{
    private long _version = group.Version;

    public async Task<CsvImportReport> ImportAsync(Stream csv, bool dryRun, IProgress<WorkProgress> progress)
    {
        var report = await prices.ImportAsync(group.Id, csv, apply: !dryRun, _version, progress);
        _version = report.GroupVersion;
        return ToCsvReport(report);
    }

    private CsvImportReport ToCsvReport(PriceImportReport r) =>
        new(r.Total, r.Applied ? r.New + r.Changed : 0, r.Errors, r.FailedRowsCsv)
        {
            Comparison = new CsvImportComparison(r.New, r.Changed, r.Unchanged, [.. r.Lines.Select(l => new CsvImportChange(
                l.Row, $"{l.Sku} from {PricingText.When(l.ActiveAt)}", l.Kind == PriceImportKind.New,
                l.OldAmount is { } old ? PricingText.Amount(old, group.Currency) : null,
                PricingText.Amount(l.Amount, group.Currency) + (l.OldVat is not null && l.OldVat != l.Vat ? $" (VAT {PricingText.Vat(l.Vat)})" : "")))]),
        };
}
