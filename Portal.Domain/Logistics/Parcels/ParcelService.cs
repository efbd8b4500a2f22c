using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>
/// Packing: Admin and Warehouse make parcels, scan units in (checked against the shipment), hand them to the carrier and
/// finish them; everyone reads. Units move by conditional updates, as picks do, so a unit is boxed once.
/// </summary>
public sealed class ParcelService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<CreateParcel> createValidator,
    IValidator<ParcelFields> updateValidator,
    IValidator<AddParcelItems> addValidator,
    IValidator<RemoveParcelItems> removeValidator)
{
    private static readonly SortMap<Parcel> Sorts = new SortMap<Parcel>("-createdAt").Add("createdAt", p => p.CreatedAt).Add("state", p => p.State);

    public async Task<PagedResult<ParcelRow>> ListAsync(ParcelQuery query, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<Parcel> parcels = db.Parcels.AsNoTracking();
        if (query.ShipmentId is { } shipment) parcels = parcels.Where(p => p.ShipmentId == shipment);
        if (query.State is { } state) parcels = parcels.Where(p => p.State == state);
        return await Sorts.Apply(parcels, query.Sort, p => p.Id).ToPageAsync(query, p => new ParcelRow(
            p.Id, NameOf(LogisticsNumber.Format(Shipment.NumberPrefix, db.Set<Shipment>().Where(s => s.Id == p.ShipmentId).Select(s => s.Number).First()), p.Seq),
            p.ShipmentId, LogisticsNumber.Format(Shipment.NumberPrefix, db.Set<Shipment>().Where(s => s.Id == p.ShipmentId).Select(s => s.Number).First()),
            p.State, db.Set<ShipmentUnit>().Count(u => u.ParcelId == p.Id), p.WeightGrams, p.LengthMm, p.WidthMm, p.HeightMm, p.TrackingCode,
            p.CreatedAt, p.InTransitAt, p.FinishedAt, p.Version), ct);
    }

    public async Task<ParcelDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    public async Task<ParcelDetails> CreateAsync(CreateParcel command, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsHandle);
        await createValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var id = await db.InTransactionAsync(async ct =>
        {
            if (await db.Shipments.Where(s => s.Id == command.ShipmentId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ProgressAt, now), ct) == 0)
                throw DomainValidationException.For("shipmentId", "There is no such shipment.");
            var shipment = await db.Shipments.AsNoTracking().SingleAsync(s => s.Id == command.ShipmentId, ct);
            if (shipment.CanceledAt is not null) throw new ConflictException("shipment.canceled", $"{shipment.NumberText} is canceled; it is not packed.");
            var seq = (await db.Parcels.Where(p => p.ShipmentId == shipment.Id).MaxAsync(p => (int?)p.Seq, ct) ?? 0) + 1;
            var parcel = new Parcel
            {
                ShipmentId = shipment.Id, Seq = seq, CreatedAt = now, WeightGrams = command.WeightGrams, LengthMm = command.LengthMm,
                WidthMm = command.WidthMm, HeightMm = command.HeightMm, TrackingCode = Clean(command.TrackingCode),
            };
            db.Parcels.Add(parcel);
            await db.SaveChangesAsync(ct);
            if (command.UnitIds is { Count: > 0 } unitIds) await BoxAsync(db, parcel, shipment, unitIds, now, ct);
            return parcel.Id;
        }, ct: ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>Weight, dimensions and tracking code, while the parcel is open.</summary>
    public async Task<ParcelDetails> UpdateAsync(Guid id, ParcelFields command, long version, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsHandle);
        await updateValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var parcel = await ForChangeAsync(db, id, version, ct);
        parcel.EnsureOpen(await NameAsync(db, parcel, ct));
        (parcel.WeightGrams, parcel.LengthMm, parcel.WidthMm, parcel.HeightMm, parcel.TrackingCode) =
            (command.WeightGrams, command.LengthMm, command.WidthMm, command.HeightMm, Clean(command.TrackingCode));
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>
    /// Scan-to-verify: boxes picked units of the parcel's own shipment, by unit id or by SKU. A unit of another shipment
    /// (by SKU: a SKU only another tote of the same list holds) is refused naming that shipment (409
    /// <c>parcel.unit_of_another_shipment</c>); so is one not picked, missing or already boxed. Nothing is boxed unless
    /// every scanned unit can be.
    /// </summary>
    public async Task<ParcelDetails> AddItemsAsync(Guid id, AddParcelItems command, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsHandle);
        await addValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.InTransactionAsync(async ct =>
        {
            var (parcel, shipment) = await LockOpenAsync(db, id, now, ct);
            List<Guid> unitIds;
            if (command.UnitIds is { Count: > 0 } ids) unitIds = ids;
            else
            {
                var sku = ShipmentLine.NormalizeSku(command.Sku!);
                var ofSku = await db.ShipmentUnits.Where(u => u.ShipmentId == shipment.Id && u.Sku == sku).Select(u => new { u.Id, u.State }).ToListAsync(ct);
                if (ofSku.Count == 0)
                {
                    // A SKU scan cannot name a unit, but when another tote of the same pick holds that SKU the item
                    // surely came from there: say whose it is, as a unit scan of another shipment does.
                    var lists = db.ShipmentUnits.Where(u => u.ShipmentId == shipment.Id && u.HandlingListId != null).Select(u => u.HandlingListId);
                    var elsewhere = await db.ShipmentUnits.AsNoTracking()
                        .Where(u => u.Sku == sku && u.ShipmentId != shipment.Id && lists.Contains(u.HandlingListId))
                        .Select(u => new { u.Label, Number = db.Set<Shipment>().Where(s => s.Id == u.ShipmentId).Select(s => s.Number).First() })
                        .FirstOrDefaultAsync(ct);
                    if (elsewhere is not null)
                        throw new ConflictException("parcel.unit_of_another_shipment",
                            $"This {sku} belongs to {LogisticsNumber.Format(Shipment.NumberPrefix, elsewhere.Number)}{(elsewhere.Label is { } tote ? $" (tote {tote})" : "")}, not {shipment.NumberText}: put it back in its own tote.");
                    throw new ConflictException("parcel.sku_not_on_shipment", $"{sku} is not on {shipment.NumberText}; check the item before packing it.");
                }
                var ready = ofSku.Where(u => u.State == UnitState.Handled).Select(u => u.Id).ToList();
                if (ready.Count < command.Quantity)
                    throw new ConflictException("parcel.quantity_above_left", $"Only {ready.Count} picked {sku} of {shipment.NumberText} are left to pack; you scanned {command.Quantity}.");
                unitIds = [.. ready.Take(command.Quantity)];
            }
            await BoxAsync(db, parcel, shipment, unitIds, now, ct);
        }, ct: ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>Takes units out of an open parcel; they are picked again, waiting to be packed.</summary>
    public async Task<ParcelDetails> RemoveItemsAsync(Guid id, RemoveParcelItems command, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsHandle);
        await removeValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.InTransactionAsync(async ct =>
        {
            var (parcel, shipment) = await LockOpenAsync(db, id, now, ct);
            var ids = command.UnitIds.Distinct().ToList();
            var moved = await db.ShipmentUnits.Where(u => ids.Contains(u.Id) && u.ParcelId == parcel.Id && u.State == UnitState.Boxed)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.State, UnitState.Handled).SetProperty(x => x.ParcelId, (Guid?)null)
                    .SetProperty(x => x.BoxedAt, (DateTimeOffset?)null), ct);
            if (moved != ids.Count) throw DomainValidationException.For("unitIds", "Some of these units are not in this parcel.");
            await ShipmentProgressStore.RefreshAsync(db, [shipment.Id], now, ct);
        }, ct: ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>Hands it to the carrier: its units are in transit and its contents fixed. An empty parcel is refused.</summary>
    public Task<ParcelDetails> TransitAsync(Guid id, long version, CancellationToken ct = default) =>
        MoveAsync(id, version, ParcelState.Open, ParcelState.InTransit, UnitState.Boxed, UnitState.InTransit, ct);

    /// <summary>Delivered or otherwise done: its units are finished.</summary>
    public Task<ParcelDetails> FinishAsync(Guid id, long version, CancellationToken ct = default) =>
        MoveAsync(id, version, ParcelState.InTransit, ParcelState.Finished, UnitState.InTransit, UnitState.Finished, ct);

    private async Task<ParcelDetails> MoveAsync(Guid id, long version, ParcelState from, ParcelState to, UnitState unitsFrom, UnitState unitsTo, CancellationToken ct)
    {
        user.Require(Access.LogisticsHandle);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.InTransactionAsync(async ct =>
        {
            var parcel = await ForChangeAsync(db, id, version, ct);
            var name = await NameAsync(db, parcel, ct);
            if (parcel.State != from)
                throw new ConflictException(to == ParcelState.InTransit ? "parcel.in_transit" : "parcel.not_in_transit", to == ParcelState.InTransit
                    ? $"Parcel {name} is already {(parcel.State == ParcelState.Finished ? "finished" : "in transit")}."
                    : $"Parcel {name} is {(parcel.State == ParcelState.Open ? "not yet handed to the carrier" : "already finished")}.");
            if (to == ParcelState.InTransit && !await db.ShipmentUnits.AnyAsync(u => u.ParcelId == id, ct))
                throw new ConflictException("parcel.empty", $"Parcel {name} is empty; pack units into it first.");
            parcel.State = to;
            if (to == ParcelState.InTransit) parcel.InTransitAt = now; else parcel.FinishedAt = now;
            await db.SaveChangesAsync(ct);
            await db.ShipmentUnits.Where(u => u.ParcelId == id && u.State == unitsFrom).ExecuteUpdateAsync(u => u.SetProperty(x => x.State, unitsTo), ct);
            await ShipmentProgressStore.RefreshAsync(db, [parcel.ShipmentId], now, ct);
        }, ct: ct);
        return await DetailsAsync(db, id, ct);
    }

    private static async Task BoxAsync(PortalDbContext db, Parcel parcel, Shipment shipment, IReadOnlyCollection<Guid> unitIds, DateTimeOffset now, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        var units = await db.ShipmentUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.ShipmentId, u.State, u.Sku }).ToListAsync(ct);
        var unknown = ids.Except(units.Select(u => u.Id)).ToList();
        if (unknown.Count > 0) throw DomainValidationException.For("unitIds", $"There is no unit {string.Join(", ", unknown.Take(5))}.");
        if (units.FirstOrDefault(u => u.ShipmentId != shipment.Id) is { } foreign)
        {
            var other = await db.Shipments.Where(s => s.Id == foreign.ShipmentId).Select(s => s.Number).SingleAsync(ct);
            throw new ConflictException("parcel.unit_of_another_shipment",
                $"This {foreign.Sku} belongs to {LogisticsNumber.Format(Shipment.NumberPrefix, other)}, not {shipment.NumberText}: put it back in its own tote.");
        }
        if (units.FirstOrDefault(u => u.State != UnitState.Handled) is { } wrong)
            throw new ConflictException(wrong.State switch
            {
                UnitState.Boxed or UnitState.InTransit or UnitState.Finished => "parcel.unit_already_boxed",
                UnitState.Missing => "parcel.unit_missing",
                _ => "parcel.unit_not_picked",
            }, $"This {wrong.Sku} is {DescribeUnit(wrong.State)}; only picked units are packed.");
        var boxed = await db.ShipmentUnits.Where(u => ids.Contains(u.Id) && u.ShipmentId == shipment.Id && u.State == UnitState.Handled)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.State, UnitState.Boxed).SetProperty(x => x.ParcelId, parcel.Id).SetProperty(x => x.BoxedAt, now), ct);
        if (boxed != ids.Count) throw new ConflictException("parcel.unit_already_boxed", "Some of these units were packed elsewhere at the same moment; scan again.");
        await ShipmentProgressStore.RefreshAsync(db, [shipment.Id], now, ct);
    }

    private static string DescribeUnit(UnitState state) => state switch
    {
        UnitState.Open or UnitState.Listed => "not picked yet",
        UnitState.Missing => "marked missing",
        UnitState.InTransit => "already in transit",
        _ => "already " + state.ToString().ToLowerInvariant(),
    };

    /// <summary>The parcel's write lock (the transaction's first write), when it is open.</summary>
    private static async Task<(Parcel Parcel, Shipment Shipment)> LockOpenAsync(PortalDbContext db, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var locked = await db.Parcels.Where(p => p.Id == id && p.State == ParcelState.Open).ExecuteUpdateAsync(p => p.SetProperty(x => x.LastScanAt, now), ct);
        var parcel = await db.Parcels.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Parcel", id);
        var shipment = await db.Shipments.AsNoTracking().SingleAsync(s => s.Id == parcel.ShipmentId, ct);
        if (locked == 0) parcel.EnsureOpen(NameOf(shipment.NumberText, parcel.Seq));
        if (shipment.CanceledAt is not null) throw new ConflictException("shipment.canceled", $"{shipment.NumberText} is canceled; it is not packed.");
        return (parcel, shipment);
    }

    private static async Task<Parcel> ForChangeAsync(PortalDbContext db, Guid id, long version, CancellationToken ct)
    {
        var parcel = await db.Parcels.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Parcel", id);
        parcel.EnsureVersion(version, id);
        return parcel;
    }

    private static async Task<string> NameAsync(PortalDbContext db, Parcel parcel, CancellationToken ct) =>
        NameOf(LogisticsNumber.Format(Shipment.NumberPrefix, await db.Shipments.Where(s => s.Id == parcel.ShipmentId).Select(s => s.Number).SingleAsync(ct)), parcel.Seq);

    private static string NameOf(string shipmentNumber, int seq) => $"{shipmentNumber}/{seq}";

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static async Task<ParcelDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var p = await db.Parcels.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Parcel", id);
        var shipment = await db.Shipments.AsNoTracking().SingleAsync(s => s.Id == p.ShipmentId, ct);
        var units = await db.ShipmentUnits.AsNoTracking().Where(u => u.ParcelId == id).OrderBy(u => u.BoxedAt).ThenBy(u => u.Id)
            .Select(u => new ParcelUnitRow(u.Id, u.Sku, u.Label, u.State, u.BoxedAt)).ToListAsync(ct);
        var warnings = new List<ParcelWarning>();
        if (shipment.MethodId is { } methodId && await db.ShippingMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == methodId, ct) is { MaxWeightGrams: { } max } method
            && p.WeightGrams > max)
            warnings.Add(new("parcel.over_max_weight", $"{p.WeightGrams / 1000m:0.###} kg is over {method.Name}'s maximum of {max / 1000m:0.###} kg."));
        if (!shipment.IsComplete)
            warnings.Add(new("shipment.incomplete", $"{shipment.NumberText} is not complete: {shipment.UnitCount - shipment.BoxedCount - shipment.MissingCount} unit(s) are not packed yet."));
        var name = NameOf(shipment.NumberText, p.Seq);
        return new ParcelDetails(new ParcelRow(p.Id, name, p.ShipmentId, shipment.NumberText, p.State, units.Count, p.WeightGrams, p.LengthMm, p.WidthMm,
            p.HeightMm, p.TrackingCode, p.CreatedAt, p.InTransitAt, p.FinishedAt, p.Version), units, warnings, shipment.IsComplete);
    }
}
