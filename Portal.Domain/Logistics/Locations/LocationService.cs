using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>Fulfilment locations, their positions (walk order) and SKU defaults: Admin and Staff change them, everyone reads.</summary>
public sealed class LocationService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<LocationFields> fieldsValidator,
    IValidator<AddPosition> positionValidator,
    IValidator<ReorderPositions> reorderValidator,
    IValidator<SetSkuDefaults> skuValidator)
{
    private static readonly SortMap<Location> Sorts = new SortMap<Location>("name")
        .Add("name", l => l.Name).Add("city", l => l.City).Add("countryCode", l => l.CountryCode).Add("createdAt", l => l.CreatedAt);

    private static readonly Expression<Func<Location, LocationRow>> Row = l => new LocationRow(
        l.Id, l.Name, l.Line1, l.Line2, l.City, l.Region, l.Postcode, l.CountryCode, l.IsDisabled, l.Positions.Count, l.CreatedAt, l.Version);

    public async Task<PagedResult<LocationRow>> ListAsync(LocationQuery query, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<Location> locations = db.Locations.AsNoTracking();
        if (query.Disabled is { } disabled) locations = locations.Where(l => l.IsDisabled == disabled);
        if (!string.IsNullOrWhiteSpace(query.Country)) locations = locations.Where(l => l.CountryCode == query.Country.ToUpperInvariant());
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            locations = locations.Where(l => EF.Functions.Like(l.Name, pattern, "\\") || EF.Functions.Like(l.City, pattern, "\\"));
        }
        return await Sorts.Apply(locations, query.Sort, l => l.Id).ToPageAsync(query, Row, ct);
    }

    public async Task<LocationDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<LocationDetails> CreateAsync(LocationFields command, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await fieldsValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var location = new Location { Name = command.Name.Trim(), CreatedAt = clock.GetUtcNow() };
        Apply(location, command);
        db.Locations.Add(location);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, location.Id, ct);
    }

    public async Task<LocationDetails> UpdateAsync(Guid id, LocationFields command, long version, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await fieldsValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var location = await ForChangeAsync(db.Locations, id, version, ct);
        Apply(location, command);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<PartResult<PositionRow>> AddPositionAsync(Guid id, AddPosition command, long version, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await positionValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var location = await ForChangeAsync(db.Locations.Include(l => l.Positions), id, version, ct);
        var position = location.AddPosition(command.Code);
        await db.SaveChangesAsync(ct);
        return new(new PositionRow(position.Id, position.Code, position.Sorting), location.Version);
    }

    /// <summary>Sets the walk order from every position code in order; an unknown, missing or repeated code changes nothing.</summary>
    public async Task<PartResult<IReadOnlyList<PositionRow>>> ReorderPositionsAsync(Guid id, ReorderPositions command, long version, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await reorderValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var location = await ForChangeAsync(db.Locations.Include(l => l.Positions), id, version, ct);
        location.Reorder(command.Codes);
        await db.SaveChangesAsync(ct);
        return new(PositionsOf(location), location.Version);
    }

    /// <summary>Removes a position; one that is some SKU's default, or that units still wait at, is kept (409).</summary>
    public async Task<long> RemovePositionAsync(Guid id, Guid positionId, long version, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var location = await ForChangeAsync(db.Locations.Include(l => l.Positions).Include(l => l.SkuDefaults), id, version, ct);
        var position = location.Positions.FirstOrDefault(p => p.Id == positionId) ?? throw new NotFoundException("Position", positionId);
        if (location.SkuDefaults.Any(d => d.Position == position.Code))
            throw new ConflictException("location.position_in_use", $"{position.Code} is the default position of a SKU; move those SKUs first.");
        if (await db.ShipmentUnits.AnyAsync(u => u.LocationId == id && u.Position == position.Code && u.State == UnitState.Listed, ct))
            throw new ConflictException("location.position_in_use", $"Units on a handling list are still to be picked at {position.Code}.");
        location.Positions.Remove(position);
        db.LocationPositions.Remove(position);
        await db.SaveChangesAsync(ct);
        return location.Version;
    }

    /// <summary>Sets the default position of each SKU (adding or moving it); every position must be one of the location's.</summary>
    public async Task<PartResult<IReadOnlyList<SkuDefaultRow>>> SetSkuDefaultsAsync(Guid id, SetSkuDefaults command, long version, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await skuValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var location = await ForChangeAsync(db.Locations.Include(l => l.Positions).Include(l => l.SkuDefaults), id, version, ct);
        foreach (var item in command.Items) location.SetSkuDefault(item.Sku, item.Position);
        await db.SaveChangesAsync(ct);
        return new(SkuDefaultsOf(location), location.Version);
    }

    internal static async Task<Location> ForChangeAsync(IQueryable<Location> locations, Guid id, long version, CancellationToken ct)
    {
        var location = await locations.FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("Location", id);
        location.EnsureVersion(version, id);
        return location;
    }

    private static void Apply(Location location, LocationFields command)
    {
        location.Name = command.Name.Trim();
        location.Line1 = command.Line1.Trim();
        location.Line2 = string.IsNullOrWhiteSpace(command.Line2) ? null : command.Line2.Trim();
        location.City = command.City.Trim();
        location.Region = string.IsNullOrWhiteSpace(command.Region) ? null : command.Region.Trim();
        location.Postcode = command.Postcode.Trim().ToUpperInvariant();
        location.CountryCode = command.CountryCode;
        location.IsDisabled = command.IsDisabled;
    }

    private static IReadOnlyList<PositionRow> PositionsOf(Location l) =>
        [.. l.Positions.OrderBy(p => p.Sorting).ThenBy(p => p.Code, StringComparer.Ordinal).Select(p => new PositionRow(p.Id, p.Code, p.Sorting))];

    private static IReadOnlyList<SkuDefaultRow> SkuDefaultsOf(Location l) =>
        [.. l.SkuDefaults.OrderBy(d => d.Sku, StringComparer.Ordinal).Select(d => new SkuDefaultRow(d.Id, d.Sku, d.Position))];

    private static async Task<LocationDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var location = await db.Locations.AsNoTracking().Include(l => l.Positions).Include(l => l.SkuDefaults).AsSplitQuery()
            .FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("Location", id);
        var row = new LocationRow(location.Id, location.Name, location.Line1, location.Line2, location.City, location.Region, location.Postcode,
            location.CountryCode, location.IsDisabled, location.Positions.Count, location.CreatedAt, location.Version);
        return new LocationDetails(row, PositionsOf(location), SkuDefaultsOf(location));
    }
}
