using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>The shipping-method catalogue: Admin and Staff keep it, everyone reads it.</summary>
public sealed class ShippingMethodService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, IValidator<ShippingMethodFields> validator)
{
    private static readonly SortMap<ShippingMethod> Sorts = new SortMap<ShippingMethod>("name")
        .Add("name", m => m.Name).Add("carrier", m => m.Carrier).Add("maxWeightGrams", m => m.MaxWeightGrams);

    public async Task<PagedResult<ShippingMethodRow>> ListAsync(ShippingMethodQuery query, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<ShippingMethod> methods = db.ShippingMethods.AsNoTracking();
        if (query.Enabled is { } enabled) methods = methods.Where(m => m.IsEnabled == enabled);
        if (!string.IsNullOrWhiteSpace(query.Carrier)) methods = methods.Where(m => m.Carrier == query.Carrier.Trim().ToLowerInvariant());
        if (!string.IsNullOrWhiteSpace(query.Country))
        {
            var code = query.Country.Trim().ToUpperInvariant();
            methods = methods.Where(m => m.Countries == "" || ("," + m.Countries + ",").Contains("," + code + ","));
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            methods = methods.Where(m => EF.Functions.Like(m.Name, pattern, "\\") || EF.Functions.Like(m.Carrier, pattern, "\\") || EF.Functions.Like(m.Service, pattern, "\\"));
        }
        var page = await Sorts.Apply(methods, query.Sort, m => m.Id).ToPageAsync(query, ct);
        return new PagedResult<ShippingMethodRow>([.. page.Items.Select(RowOf)], page.Page, page.PageSize, page.Total);
    }

    public async Task<ShippingMethodRow> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return RowOf(await db.ShippingMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Shipping method", id));
    }

    public async Task<ShippingMethodRow> CreateAsync(ShippingMethodFields command, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await validator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var method = new ShippingMethod { Carrier = "", Service = "", Name = "" };
        await ApplyAsync(db, method, command, ct);
        db.ShippingMethods.Add(method);
        await SaveAsync(db, method, ct);
        return RowOf(method);
    }

    public async Task<ShippingMethodRow> UpdateAsync(Guid id, ShippingMethodFields command, long version, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await validator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var method = await db.ShippingMethods.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("Shipping method", id);
        method.EnsureVersion(version, id);
        await ApplyAsync(db, method, command, ct);
        await SaveAsync(db, method, ct);
        return RowOf(method);
    }

    /// <summary>
    /// Saves; when another request took the same carrier and service between the check in <see cref="ApplyAsync"/> and
    /// this save, the unique index refuses it and that is a 409 <c>shipping_method.duplicate</c>, not an error.
    /// </summary>
    private async Task SaveAsync(PortalDbContext db, ShippingMethod method, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await using var fresh = await dbs.CreateDbContextAsync(ct);
            if (await fresh.ShippingMethods.AnyAsync(m => m.Id != method.Id && m.Carrier == method.Carrier && m.Service == method.Service, ct))
                throw new ConflictException("shipping_method.duplicate", $"There is already a method for {method.Carrier} {method.Service}; someone saved it a moment ago.");
            throw;
        }
    }

    private static async Task ApplyAsync(PortalDbContext db, ShippingMethod method, ShippingMethodFields command, CancellationToken ct)
    {
        var carrier = command.Carrier.Trim().ToLowerInvariant();
        var service = command.Service.Trim().ToLowerInvariant();
        if (await db.ShippingMethods.AnyAsync(m => m.Id != method.Id && m.Carrier == carrier && m.Service == service, ct))
            throw DomainValidationException.For("service", $"There is already a method for {carrier} {service}.");
        method.Carrier = carrier;
        method.Service = service;
        method.Name = command.Name.Trim();
        method.Countries = ShippingMethod.JoinCountries(command.Countries);
        method.MaxWeightGrams = command.MaxWeightGrams;
        method.IsEnabled = command.IsEnabled;
        method.ToServicePoint = command.ToServicePoint;
    }

    internal static ShippingMethodRow RowOf(ShippingMethod m) =>
        new(m.Id, m.Carrier, m.Service, m.Name, m.CountryList, m.MaxWeightGrams, m.IsEnabled, m.ToServicePoint, m.Version);
}
