using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

/// <summary>An organisation's cards: Admin and Staff attach, detach and set the default; Viewers read (only brand, last four and expiry are kept).</summary>
/// <remarks>A card attached or made the default is charged at once for the organisation's past-due invoices (<see cref="BillingEngine.RetryWithNewCardAsync"/>).</remarks>
public sealed class PaymentMethodService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock, IValidator<PaymentMethodFields> validator,
    BillingEngine engine)
{
    public async Task<PaymentMethodList> ListAsync(Guid organisationId, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await ListAsync(db, organisationId, ct);
    }

    /// <summary>Attaches a card; the first card (or one attached with <c>makeDefault</c>) is the default. Version 0 (or any) before the first card.</summary>
    public async Task<PartResult<PaymentMethodRow>> AttachAsync(Guid organisationId, PaymentMethodFields command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await validator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var account = await AccountForChangeAsync(db, organisationId, version, create: true, ct);
        var card = account.Attach(command, clock.GetUtcNow());
        await SaveAsync(db, ct);
        if (card.Id == account.DefaultPaymentMethodId) await engine.RetryWithNewCardAsync(organisationId, ct);
        return new(RowsOf(account, await NextRenewalAsync(db, organisationId, ct)).Single(r => r.Id == card.Id), account.Version);
    }

    public async Task<long> DetachAsync(Guid organisationId, Guid paymentMethodId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var account = await AccountForChangeAsync(db, organisationId, version, create: false, ct);
        var card = account.Get(paymentMethodId);
        account.Detach(paymentMethodId);
        db.PaymentMethods.Remove(card);
        await db.SaveChangesAsync(ct);
        return account.Version;
    }

    public async Task<PartResult<PaymentMethodRow>> SetDefaultAsync(Guid organisationId, Guid paymentMethodId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var account = await AccountForChangeAsync(db, organisationId, version, create: false, ct);
        var card = account.Get(paymentMethodId);
        if (card.IsExpiredAt(clock.GetUtcNow())) throw new ConflictException("payment_method.expired", $"{card.Display} has expired; it cannot be the default.");
        account.SetDefault(paymentMethodId);
        await db.SaveChangesAsync(ct);
        await engine.RetryWithNewCardAsync(organisationId, ct);
        return new(RowsOf(account, await NextRenewalAsync(db, organisationId, ct)).Single(r => r.Id == card.Id), account.Version);
    }

    private async Task<BillingAccount> AccountForChangeAsync(PortalDbContext db, Guid organisationId, long version, bool create, CancellationToken ct)
    {
        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => new { o.Name, o.Status }).FirstOrDefaultAsync(ct)
                  ?? throw new NotFoundException(nameof(Organisation), organisationId);
        if (org.Status == OrganisationStatus.Archived) throw new ConflictException("organisation.archived", $"{org.Name} is archived and can no longer be changed.");
        var account = await db.BillingAccounts.Include(a => a.PaymentMethods).FirstOrDefaultAsync(a => a.OrganisationId == organisationId, ct);
        if (account is null)
        {
            if (!create) throw new NotFoundException("Payment method", organisationId);
            if (version is not (0 or VersionedExtensions.AnyVersion)) throw new ConcurrencyException(nameof(BillingAccount), organisationId, version, 0);
            account = new BillingAccount { OrganisationId = organisationId, CreatedAt = clock.GetUtcNow() };
            db.BillingAccounts.Add(account);
            return account;
        }
        account.EnsureVersion(version, organisationId);
        return account;
    }

    /// <summary>A first card attached twice at once makes two accounts; the unique index keeps one and the other is told it is stale.</summary>
    private static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && db.ChangeTracker.Entries<BillingAccount>().Any(e => e.State == EntityState.Added))
        {
            var account = db.ChangeTracker.Entries<BillingAccount>().First().Entity;
            throw new ConcurrencyException(nameof(BillingAccount), account.OrganisationId, 0, 1);
        }
    }

    private async Task<PaymentMethodList> ListAsync(PortalDbContext db, Guid organisationId, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct)) throw new NotFoundException(nameof(Organisation), organisationId);
        var account = await db.BillingAccounts.AsNoTracking().Include(a => a.PaymentMethods).FirstOrDefaultAsync(a => a.OrganisationId == organisationId, ct);
        var next = await NextRenewalAsync(db, organisationId, ct);
        return new PaymentMethodList(organisationId, account?.Version ?? 0, account is null ? [] : RowsOf(account, next), next);
    }

    /// <summary>The soonest period end of the organisation's subscriptions that will renew.</summary>
    private static async Task<DateTimeOffset?> NextRenewalAsync(PortalDbContext db, Guid organisationId, CancellationToken ct) =>
        (await db.Subscriptions.AsNoTracking().Where(s => s.OrganisationId == organisationId && Subscription.Entitling.Contains(s.Status) && !s.CancelAtPeriodEnd)
            .Select(s => s.CurrentPeriodEnd).ToListAsync(ct)).Cast<DateTimeOffset?>().Min();

    private IReadOnlyList<PaymentMethodRow> RowsOf(BillingAccount account, DateTimeOffset? nextRenewal)
    {
        var now = clock.GetUtcNow();
        return [.. account.PaymentMethods.OrderByDescending(p => p.Id == account.DefaultPaymentMethodId).ThenByDescending(p => p.AddedAt)
            .Select(p => new PaymentMethodRow(p.Id, p.Brand, p.Last4, p.ExpMonth, p.ExpYear, p.HolderName, p.Id == account.DefaultPaymentMethodId,
                p.IsExpiredAt(now), nextRenewal is { } next && p.IsExpiredAt(next), p.AddedAt))];
    }
}
