using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

/// <summary>Invoices: everyone who reads sees them; Admin and Staff record a manual payment, void or write one off.</summary>
public sealed class InvoiceService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock, IValidator<RecordPayment> paymentValidator)
{
    private static readonly SortMap<Invoice> Sorts = new SortMap<Invoice>("-issuedAt")
        .Add("issuedAt", i => i.IssuedAt).Add("dueAt", i => i.DueAt).Add("number", i => i.Number).Add("totalMinor", i => i.Total.Minor);

    public async Task<PagedResult<InvoiceRow>> ListAsync(InvoiceQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invoices = Filter(db, query);
        return await Sorts.Apply(invoices, query.Sort, i => i.Id).ToPageAsync(query, Row(db), ct);
    }

    /// <summary>The list's filter in SQL, shared by the page, the API and the CSV export.</summary>
    private IQueryable<Invoice> Filter(PortalDbContext db, InvoiceQuery query)
    {
        IQueryable<Invoice> invoices = db.Invoices.AsNoTracking();
        if (query.Status is { } status) invoices = invoices.Where(i => i.Status == status);
        if (query.OrganisationId is { } orgId) invoices = invoices.Where(i => i.OrganisationId == orgId);
        if (query.SubscriptionId is { } subId) invoices = invoices.Where(i => i.SubscriptionId == subId);
        if (query.Overdue == true)
        {
            var now = clock.GetUtcNow();
            invoices = invoices.Where(i => i.Status == InvoiceStatus.Open && i.DueAt < now);
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var text = query.Q.Trim();
            var pattern = PagingExtensions.ContainsPattern(text);
            invoices = text.StartsWith("INV-", StringComparison.OrdinalIgnoreCase)
                ? invoices.Where(i => i.Number == text.ToUpperInvariant())
                : invoices.Where(i => db.Set<Organisation>().Any(o => o.Id == i.OrganisationId && EF.Functions.Like(o.Name, pattern, "\\")));
        }
        return invoices;
    }

    /// <summary>The filtered list as CSV, in the list's order, streamed row by row.</summary>
    public async Task ExportAsync(InvoiceQuery query, Stream output, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = Sorts.Apply(Filter(db, query), query.Sort, i => i.Id).Select(Row(db)).AsAsyncEnumerable();
        await CsvFiles.WriteAsync(output,
        [
            ("number", i => i.Number), ("organisation", i => i.OrganisationName), ("status", i => i.Status.ToString()), ("reason", i => i.Reason.ToString()),
            ("periodStart", i => i.PeriodStart.ToString("O")), ("periodEnd", i => i.PeriodEnd.ToString("O")), ("currency", i => i.Currency),
            ("subtotalMinor", i => i.SubtotalMinor.ToString()), ("vatMinor", i => i.VatMinor.ToString()), ("totalMinor", i => i.TotalMinor.ToString()),
            ("amountPaidMinor", i => i.AmountPaidMinor.ToString()), ("issuedAt", i => i.IssuedAt.ToString("O")), ("dueAt", i => i.DueAt.ToString("O")),
            ("paidAt", i => i.PaidAt?.ToString("O")), ("id", i => i.Id.ToString()),
        ], rows, ct);
    }

    public async Task<InvoiceDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<InvoiceDetails> RecordPaymentAsync(Guid id, RecordPayment command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await paymentValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invoice = await ForChangeAsync(db, id, version, ct);
        invoice.RecordPayment(clock.GetUtcNow(), $"Manual payment recorded by {user.ActorName}: {command.Note.Trim()}");
        // The subscription this invoice is the latest of is paid up again.
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == invoice.SubscriptionId && s.LatestInvoiceId == invoice.Id, ct);
        subscription?.MarkPaid();
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<InvoiceDetails> VoidAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invoice = await ForChangeAsync(db, id, version, ct);
        invoice.VoidIt(clock.GetUtcNow());
        // The credit it used is the subscription's again.
        if (invoice.CreditApplied.Minor > 0)
            (await db.Subscriptions.FirstAsync(s => s.Id == invoice.SubscriptionId, ct)).ReturnCredit(invoice.CreditApplied.Minor);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<InvoiceDetails> MarkUncollectibleAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invoice = await ForChangeAsync(db, id, version, ct);
        invoice.MarkUncollectible();
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>
    /// Derives the invoice again from its subscription's changes, the plans' prices, its usage records and the VAT inputs
    /// it kept, and says whether the lines and totals are the stored ones.
    /// </summary>
    public async Task<InvoiceRederivation> RederiveAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException(nameof(Invoice), id);
        var plans = await BillingContext.PlansAsync(db, ct);
        var changes = await db.SubscriptionChanges.AsNoTracking().Where(c => c.SubscriptionId == invoice.SubscriptionId).ToListAsync(ct);
        var usage = invoice.PreviousPeriodStart is { } from
            ? await db.UsageRecords.AsNoTracking().Where(u => u.SubscriptionId == invoice.SubscriptionId && u.At >= from && u.At < invoice.PeriodStart).ToListAsync(ct)
            : [];
        var draft = InvoiceDerivation.ForPeriod(invoice.Reason, invoice.PeriodStart, invoice.PeriodEnd, invoice.PreviousPeriodStart, changes, usage, plans,
            invoice.Currency, VatRules.Of(invoice));
        var derived = InvoicePreview.Of(draft, invoice.IssuedAt);
        var stored = invoice.Lines.OrderBy(l => l.Sorting).Select(LineOf).ToList();
        var linesMatch = stored.SequenceEqual(derived.Lines);
        var totalsMatch = draft.Subtotal == invoice.Subtotal && draft.VatAmount == invoice.Vat && draft.Total == invoice.Total;
        return new InvoiceRederivation(derived, linesMatch, totalsMatch);
    }

    private static InvoiceLineView LineOf(InvoiceLine l) => new(l.Kind, l.Description, l.Rule, l.PlanId, l.PeriodStart, l.PeriodEnd, l.UnitAmountMinor,
        l.Quantity, l.ProrationNumerator, l.ProrationDenominator, l.Amount.Minor, l.Amount.Currency);

    private static async Task<Invoice> ForChangeAsync(PortalDbContext db, Guid id, long version, CancellationToken ct)
    {
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException(nameof(Invoice), id);
        invoice.EnsureVersion(version, id);
        return invoice;
    }

    private static Expression<Func<Invoice, InvoiceRow>> Row(PortalDbContext db) => i => new InvoiceRow(
        i.Id, i.Number, i.OrganisationId, db.Set<Organisation>().Where(o => o.Id == i.OrganisationId).Select(o => o.Name).First(), i.SubscriptionId,
        i.Status, i.Reason, i.PeriodStart, i.PeriodEnd, i.Subtotal.Minor, i.Vat.Minor, i.Total.Minor, i.AmountPaid.Minor, i.Currency,
        i.IssuedAt, i.DueAt, i.PaidAt, i.Version);

    private static async Task<InvoiceDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException(nameof(Invoice), id);
        var row = await db.Invoices.AsNoTracking().Where(i => i.Id == id).Select(Row(db)).FirstAsync(ct);
        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == invoice.OrganisationId).Select(o => new { o.CountryCode, o.BillingEmail }).FirstAsync(ct);
        return new InvoiceDetails(row, [.. invoice.Lines.OrderBy(l => l.Sorting).Select(LineOf)], invoice.VatRule, invoice.VatPercent, VatRules.Of(invoice).Description,
            invoice.VatCountry, invoice.VatNumber, org.CountryCode, org.BillingEmail, invoice.PreviousPeriodStart, invoice.PaymentNote, invoice.VoidedAt,
            invoice.AllowedActions(), invoice.CreditApplied.Minor, invoice.CreditAdded.Minor, invoice.AmountDue.Minor, invoice.Collection, invoice.SentTo);
    }
}
