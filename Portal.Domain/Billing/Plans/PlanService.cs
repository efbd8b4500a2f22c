using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Billing;

/// <summary>The plan catalogue: Admin and Staff create, edit, archive and restore plans; everyone who reads sees them. A plan is never deleted.</summary>
public sealed class PlanService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock, IValidator<PlanFields> validator)
{
    private static readonly SortMap<Plan> Sorts = new SortMap<Plan>("name")
        .Add("name", p => p.Name).Add("code", p => p.Code).Add("priceMinor", p => p.Price.Minor).Add("createdAt", p => p.CreatedAt);

    private static readonly Expression<Func<Plan, PlanRow>> Row = p => new PlanRow(
        p.Id, p.Code, p.Name, p.Description, p.Kind, p.Interval, p.Price.Minor, p.Price.Currency, p.UsageUnit, p.TrialDays, p.IsArchived, p.CreatedAt, p.Version);

    private static readonly Func<Plan, PlanRow> RowOf = Row.Compile();

    public async Task<PagedResult<PlanRow>> ListAsync(PlanQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<Plan> plans = db.Plans.AsNoTracking();
        if (query.Archived is { } archived) plans = plans.Where(p => p.IsArchived == archived);
        if (query.Kind is { } kind) plans = plans.Where(p => p.Kind == kind);
        if (query.Interval is { } interval) plans = plans.Where(p => p.Interval == interval);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            plans = plans.Where(p => EF.Functions.Like(p.Name, pattern, "\\") || EF.Functions.Like(p.Code, pattern, "\\"));
        }
        return await Sorts.Apply(plans, query.Sort, p => p.Id).ToPageAsync(query, Row, ct);
    }

    public async Task<PlanDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<PlanDetails> CreateAsync(PlanFields command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await validator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var code = command.Code.Trim();
        if (await db.Plans.AnyAsync(p => p.Code == code, ct)) throw DomainValidationException.For("code", $"There is already a plan {code}.");
        var plan = new Plan { Code = code, Name = command.Name.Trim(), CreatedAt = clock.GetUtcNow() };
        await ApplyAsync(db, plan, command, inUse: false, ct);
        db.Plans.Add(plan);
        await SaveAsync(db, code, ct);
        return await DetailsAsync(db, plan.Id, ct);
    }

    /// <summary>Edits a plan; its price, currency, interval, kind and tiers are fixed once a subscription uses it (409 <c>plan.in_use</c>).</summary>
    public async Task<PlanDetails> UpdateAsync(Guid id, PlanFields command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await validator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var plan = await ForChangeAsync(db, id, version, ct);
        var code = command.Code.Trim();
        if (await db.Plans.AnyAsync(p => p.Code == code && p.Id != id, ct)) throw DomainValidationException.For("code", $"There is already a plan {code}.");
        var inUse = await InUseAsync(db, id, ct);
        if (inUse && code != plan.Code) throw new ConflictException("plan.in_use", $"{plan.Name} is in use; its code stays {plan.Code}.");
        plan.Code = code;
        await ApplyAsync(db, plan, command, inUse, ct);
        await SaveAsync(db, code, ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<PlanDetails> ArchiveAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var plan = await ForChangeAsync(db, id, version, ct);
        plan.Archive();
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<PlanDetails> RestoreAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var plan = await ForChangeAsync(db, id, version, ct);
        plan.Restore();
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>Deletes a plan no subscription has ever used (Admin); one in use is archived instead (409 <c>plan.in_use</c>).</summary>
    public async Task DeleteAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var plan = await ForChangeAsync(db, id, version, ct);
        if (await InUseAsync(db, id, ct)) throw new ConflictException("plan.in_use", $"{plan.Name} is in use; archive it instead.");
        if (await db.Plans.AnyAsync(p => p.AddOnIds.Contains(id), ct)) throw new ConflictException("plan.in_use", $"{plan.Name} is offered as an add-on; archive it instead.");
        db.Plans.Remove(plan);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<bool> InUseAsync(PortalDbContext db, Guid id, CancellationToken ct) =>
        await db.Subscriptions.AnyAsync(s => s.PlanId == id, ct) || await db.SubscriptionAddOns.AnyAsync(a => a.PlanId == id, ct)
        || await db.InvoiceLines.AnyAsync(l => l.PlanId == id, ct);

    private static async Task ApplyAsync(PortalDbContext db, Plan plan, PlanFields command, bool inUse, CancellationToken ct)
    {
        var price = new Money(command.PriceMinor, command.Currency);
        var tiers = command.Tiers.Select(t => new PlanTierRow(t.UpTo, t.UnitAmountMinor, t.FlatAmountMinor)).ToList();
        var sameTiers = plan.Tiers.OrderBy(t => t.Sorting).Select(t => new PlanTierRow(t.UpTo, t.UnitAmountMinor, t.FlatAmountMinor)).SequenceEqual(tiers);
        if (inUse && (price != plan.Price || command.Interval != plan.Interval || command.Kind != plan.Kind || !sameTiers))
            throw new ConflictException("plan.in_use", $"{plan.Name} is in use: its price, interval, kind and tiers are fixed. Make a new plan and archive this one.");
        var addOns = new List<Guid>();
        foreach (var addOnCode in command.AddOnCodes.Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var addOn = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Code == addOnCode, ct);
            if (addOn is null || addOn.Kind != PlanKind.AddOn) throw DomainValidationException.For("addOnCodes", $"There is no add-on plan {addOnCode}.");
            if (addOn.Currency != command.Currency) throw DomainValidationException.For("addOnCodes", $"{addOn.Name} is priced in {addOn.Currency}, not {command.Currency}.");
            addOns.Add(addOn.Id);
        }
        plan.Name = command.Name.Trim();
        plan.Description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim();
        plan.Kind = command.Kind;
        plan.Interval = command.Interval;
        if (plan.Price != price) plan.Price = price;
        plan.UsageUnit = string.IsNullOrWhiteSpace(command.UsageUnit) ? null : command.UsageUnit.Trim();
        if (!sameTiers)
        {
            db.PlanTiers.RemoveRange(plan.Tiers);
            plan.SetTiers(command.Tiers);
        }
        plan.TrialDays = command.TrialDays;
        var modules = command.ModuleIds.Select(m => ModuleCatalogue.Get(m).Id).Distinct().Order(StringComparer.Ordinal).ToList();
        if (!modules.SequenceEqual(plan.ModuleIds)) plan.ModuleIds = modules;
        if (!addOns.SequenceEqual(plan.AddOnIds)) plan.AddOnIds = addOns;
    }

    /// <summary>Saves; a concurrent create of the same code loses to the unique index and is told as a field error.</summary>
    private static async Task SaveAsync(PortalDbContext db, string code, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            throw DomainValidationException.For("code", $"There is already a plan {code}.");
        }
    }

    private static async Task<Plan> ForChangeAsync(PortalDbContext db, Guid id, long version, CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Tiers).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException(nameof(Plan), id);
        plan.EnsureVersion(version, id);
        return plan;
    }

    private static async Task<PlanDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Tiers).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException(nameof(Plan), id);
        var addOns = await db.Plans.AsNoTracking().Where(p => plan.AddOnIds.Contains(p.Id)).OrderBy(p => p.Name).Select(Row).ToListAsync(ct);
        var count = await db.Subscriptions.CountAsync(s => s.PlanId == id && Subscription.Live.Contains(s.Status), ct);
        return new PlanDetails(RowOf(plan), [.. plan.Tiers.OrderBy(t => t.Sorting).Select(t => new PlanTierRow(t.UpTo, t.UnitAmountMinor, t.FlatAmountMinor))],
            plan.ModuleIds, addOns, count);
    }
}
