using System.Linq.Expressions;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>
/// Shipments: Admin and Staff create, change and cancel them; Warehouse reads them and marks units missing; Viewers read.
/// </summary>
public sealed partial class ShipmentService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<CreateShipment> createValidator,
    IValidator<UpdateShipment> updateValidator,
    IValidator<CancelShipment> cancelValidator,
    IValidator<SetUnitsMissing> missingValidator)
{
    private static readonly SortMap<Shipment> Sorts = new SortMap<Shipment>("-number")
        .Add("number", s => s.Number).Add("shipAt", s => s.ShipAt).Add("expectedAt", s => s.ExpectedAt)
        .Add("createdAt", s => s.CreatedAt).Add("status", s => s.Status);

    public async Task<PagedResult<ShipmentRow>> ListAsync(ShipmentQuery query, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await Sorts.Apply(Filter(db, query), query.Sort, s => s.Id).ToPageAsync(query, RowOf(db), ct);
    }

    /// <summary>Every shipment the filter selects (paging ignored) as CSV, streamed from SQL.</summary>
    public async Task ExportAsync(ShipmentQuery query, Stream output, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = Sorts.Apply(Filter(db, query), query.Sort, s => s.Id).Select(RowOf(db)).AsAsyncEnumerable();
        await CsvFiles.WriteAsync(output,
        [
            ("number", s => s.Number), ("type", s => s.Type.ToString()), ("direction", s => s.Direction.ToString()), ("status", s => s.Status.ToString()),
            ("warnings", s => s.Warnings == ShipmentWarnings.None ? "" : s.Warnings.ToString()), ("location", s => s.LocationName),
            ("method", s => s.MethodName), ("orderReference", s => s.OrderReference), ("organisation", s => s.OrganisationName),
            ("toName", s => s.ToName), ("toCity", s => s.ToCity), ("toCountry", s => s.ToCountryCode),
            ("shipAt", s => s.ShipAt?.ToString("O")), ("expectedAt", s => s.ExpectedAt?.ToString("O")),
            ("units", s => s.UnitCount.ToString()), ("handled", s => s.HandledCount.ToString()), ("missing", s => s.MissingCount.ToString()),
            ("boxed", s => s.BoxedCount.ToString()), ("createdAt", s => s.CreatedAt.ToString("O")), ("id", s => s.Id.ToString()),
        ], rows, ct);
    }

    [GeneratedRegex(@"^(?:SH-?)?0*(\d{1,12})$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    /// <summary>
    /// The filter in SQL. <c>q</c> finds a shipment by its number (<c>SH-000123</c> or <c>123</c>), its order reference
    /// (whole, any case: references are scanned or pasted) or a SKU on one of its lines; each is an index seek, not a scan.
    /// </summary>
    internal static IQueryable<Shipment> Filter(PortalDbContext db, ShipmentQuery query)
    {
        IQueryable<Shipment> shipments = db.Shipments.AsNoTracking();
        if (query.Status is { } status) shipments = shipments.Where(s => s.Status == status);
        if (query.Type is { } type) shipments = shipments.Where(s => s.Type == type);
        if (query.Direction is { } direction) shipments = shipments.Where(s => s.Direction == direction);
        if (query.MethodId is { } method) shipments = shipments.Where(s => s.MethodId == method);
        if (query.LocationId is { } location) shipments = shipments.Where(s => s.LocationId == location);
        if (query.OrganisationId is { } organisation) shipments = shipments.Where(s => s.OrganisationId == organisation);
        if (query.HandlingListId is { } list) shipments = shipments.Where(s => s.HandlingListId == list);
        if (query.ShipFrom is { } from) shipments = shipments.Where(s => s.ShipAt >= from);
        if (query.ShipTo is { } to) shipments = shipments.Where(s => s.ShipAt < to);
        if (query.Warning is { } warning) shipments = shipments.Where(s => s.HasWarning == warning);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            // Three index seeks (number, reference, SKU on a line) joined, not one OR that would read every row.
            var text = query.Q.Trim();
            var sku = ShipmentLine.NormalizeSku(text);
            var number = NumberPattern().Match(text) is { Success: true } m && long.TryParse(m.Groups[1].Value, out var n) ? n : -1;
            var matches = db.Shipments.Where(s => s.Number == number).Select(s => s.Id)
                .Concat(db.Shipments.Where(s => s.OrderReference == text).Select(s => s.Id))
                .Concat(db.ShipmentLines.Where(l => l.Sku == sku).Select(l => l.ShipmentId));
            shipments = shipments.Where(s => matches.Contains(s.Id));
        }
        return shipments;
    }

    private static Expression<Func<Shipment, ShipmentRow>> RowOf(PortalDbContext db) => s => new ShipmentRow(
        s.Id, LogisticsNumber.Format(Shipment.NumberPrefix, s.Number), s.Type, s.Direction, s.Status, s.Warnings, s.IsComplete,
        s.LocationId, db.Set<Location>().Where(l => l.Id == s.LocationId).Select(l => l.Name).FirstOrDefault(),
        s.MethodId, db.Set<ShippingMethod>().Where(m => m.Id == s.MethodId).Select(m => m.Name).FirstOrDefault(),
        s.OrderReference, s.OrganisationId, db.Set<Organisations.Organisation>().Where(o => o.Id == s.OrganisationId).Select(o => o.Name).FirstOrDefault(),
        s.ToName, s.ToCity, s.ToCountryCode, s.ShipAt, s.ExpectedAt, s.ExpectedUnits, s.UnitCount, s.HandledCount, s.MissingCount,
        s.BoxedCount, s.HandlingListId, s.CreatedAt, s.Version);

    public async Task<ShipmentDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsRead);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>
    /// A new shipment with a unit row per unit of every line, numbered from the series in the same transaction (two
    /// concurrent creates never share a number). A line without a position gets its SKU's default at the location.
    /// </summary>
    public async Task<ShipmentDetails> CreateAsync(CreateShipment command, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await createValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var location = await db.Locations.AsNoTracking().Include(l => l.Positions).Include(l => l.SkuDefaults).AsSplitQuery()
            .FirstOrDefaultAsync(l => l.Id == command.LocationId, ct)
            ?? throw DomainValidationException.For("locationId", "There is no such location.");
        if (location.IsDisabled) throw new ConflictException("location.disabled", $"{location.Name} is disabled and takes no new shipments.");
        await CheckHeaderAsync(db, command, ct);

        var positions = location.Positions.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var defaults = location.SkuDefaults.ToDictionary(d => d.Sku, d => d.Position, StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < command.Lines.Count; i++)
            if (!string.IsNullOrWhiteSpace(command.Lines[i].Position) && !positions.Contains(LocationPosition.Normalize(command.Lines[i].Position!)))
                errors[$"lines[{i}].position"] = [$"{location.Name} has no position {LocationPosition.Normalize(command.Lines[i].Position!)}."];
        if (errors.Count > 0) throw new DomainValidationException(errors);

        var now = clock.GetUtcNow();
        var shipment = new Shipment { Type = command.Type, Direction = command.Direction, LocationId = location.Id, CreatedAt = now };
        ApplyHeader(shipment, command);
        var lineNo = 0;
        foreach (var fields in command.Lines)
        {
            var sku = ShipmentLine.NormalizeSku(fields.Sku);
            var position = string.IsNullOrWhiteSpace(fields.Position) ? defaults.GetValueOrDefault(sku) : LocationPosition.Normalize(fields.Position);
            var line = new ShipmentLine
            {
                ShipmentId = shipment.Id, LineNo = ++lineNo, Sku = sku, Description = fields.Description?.Trim(), Quantity = fields.Quantity, Position = position,
            };
            shipment.Lines.Add(line);
            for (var u = 0; u < line.Quantity; u++)
                shipment.Units.Add(new ShipmentUnit { ShipmentId = shipment.Id, LineId = line.Id, LocationId = location.Id, Sku = sku, Position = position });
        }
        var counts = new UnitCounts(shipment.Lines.Sum(l => l.Quantity), Open: shipment.Units.Count);
        var progress = ShipmentStatusRule.Derive(counts, canceled: false);
        shipment.ExpectedUnits = counts.Expected;
        shipment.UnitCount = counts.Total;
        shipment.Status = progress.Status;
        shipment.Warnings = progress.Warnings;
        shipment.HasWarning = progress.Warnings != ShipmentWarnings.None;

        // The shipment is new, not loaded: each attempt adds it again (to an empty change tracker) under a fresh number.
        await db.InTransactionAsync(async ct =>
        {
            shipment.Number = await LogisticsNumber.TakeAsync(db, LogisticsNumber.Shipments, 1, ct);
            db.Shipments.Add(shipment);
            await db.SaveChangesAsync(ct);
        }, ct: ct);
        return await DetailsAsync(db, shipment.Id, ct);
    }

    /// <summary>Method, addressing, dates and references; until the shipment is in transit (409 <c>shipment.in_transit</c>).</summary>
    public async Task<ShipmentDetails> UpdateAsync(Guid id, UpdateShipment command, long version, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await updateValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var shipment = await ForChangeAsync(db, id, version, ct);
        shipment.EnsureEditable();
        await CheckHeaderAsync(db, command, ct);
        ApplyHeader(shipment, command);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>
    /// Cancels it: its units leave any handling list (back to open) and it is never picked or packed. Refused once
    /// anything of it is in transit (409 <c>shipment.in_transit</c>) and when already canceled (<c>shipment.canceled</c>).
    /// Runs under the same write lock as a pick, so a pick and a cancel of one shipment never both win.
    /// </summary>
    public async Task<ShipmentDetails> CancelAsync(Guid id, CancelShipment command, long version, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await cancelValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.InTransactionAsync(async ct =>
        {
            var shipment = await ForChangeAsync(db, id, version, ct);
            if (await db.ShipmentUnits.AnyAsync(u => u.ShipmentId == id && (u.State == UnitState.InTransit || u.State == UnitState.Finished), ct))
                throw new ConflictException("shipment.in_transit", $"{shipment.NumberText} is already on its way; it can no longer be canceled.");
            if (shipment.CanceledAt is not null) throw new ConflictException("shipment.canceled", $"{shipment.NumberText} is already canceled.");
            var now = clock.GetUtcNow();
            shipment.CanceledAt = now;
            shipment.CancelReason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
            var listId = shipment.HandlingListId;
            shipment.HandlingListId = null;
            await db.SaveChangesAsync(ct);
            await db.ShipmentUnits.Where(u => u.ShipmentId == id && (u.State == UnitState.Listed || u.State == UnitState.Missing || u.State == UnitState.Handled))
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.State, UnitState.Open).SetProperty(x => x.HandlingListId, (Guid?)null)
                    .SetProperty(x => x.Label, (string?)null).SetProperty(x => x.PickId, (Guid?)null).SetProperty(x => x.MissingReason, (string?)null), ct);
            await ShipmentProgressStore.RefreshAsync(db, [id], now, ct);
            if (listId is { } list) await HandlingListCounts.RefreshAsync(db, list, ct);
        }, ct: ct);
        db.ChangeTracker.Clear();
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>
    /// Marks units not found (or clears the mark, putting them back to be picked). Only a listed unit can go missing
    /// and only a missing one be found again; the others are refused with their state named, and nothing changes.
    /// </summary>
    public async Task<ShipmentDetails> SetMissingAsync(Guid id, SetUnitsMissing command, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsHandle);
        await missingValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.InTransactionAsync(async ct =>
        {
            // The first write takes the lock (SQLite: the database's, PostgreSQL: the shipment row's) before anything is read.
            var found = await db.Shipments.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ProgressAt, clock.GetUtcNow()), ct);
            if (found == 0) throw new NotFoundException("Shipment", id);
            var shipment = await db.Shipments.AsNoTracking().SingleAsync(s => s.Id == id, ct);
            if (shipment.CanceledAt is not null) throw new ConflictException("shipment.canceled", $"{shipment.NumberText} is canceled.");
            var ids = command.UnitIds.Distinct().ToList();
            var units = await db.ShipmentUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.ShipmentId, u.State, u.BackorderId }).ToListAsync(ct);
            var foreign = ids.Except(units.Where(u => u.ShipmentId == id).Select(u => u.Id)).ToList();
            if (foreign.Count > 0)
                throw DomainValidationException.For("unitIds", $"{foreign.Count} of the units are not units of {shipment.NumberText}: {string.Join(", ", foreign.Take(5))}.");
            var from = command.Missing ? UnitState.Listed : UnitState.Missing;
            var wrong = units.Where(u => u.State != from).ToList();
            if (wrong.Count > 0)
                throw new ConflictException(command.Missing ? "shipment.unit_not_listed" : "shipment.unit_not_missing",
                    command.Missing
                        ? $"Only units waiting on a handling list can be marked missing; {wrong.Count} are {string.Join(", ", wrong.Select(w => w.State).Distinct())}."
                        : $"Only missing units can be found again; {wrong.Count} are {string.Join(", ", wrong.Select(w => w.State).Distinct())}.");
            if (!command.Missing && units.Count(u => u.BackorderId is not null) is > 0 and var sent)
                throw new ConflictException("shipment.unit_backordered", $"{sent} of these units are already sent again on a backorder; they stay missing here.");
            var reason = command.Missing ? (string.IsNullOrWhiteSpace(command.Reason) ? "Not found" : command.Reason.Trim()) : null;
            var now = clock.GetUtcNow();
            await db.ShipmentUnits.Where(u => ids.Contains(u.Id) && u.State == from).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.State, command.Missing ? UnitState.Missing : UnitState.Listed)
                .SetProperty(x => x.MissingReason, reason)
                .SetProperty(x => x.HandledAt, command.Missing ? now : null)
                .SetProperty(x => x.HandledBy, command.Missing ? user.ActorName : null), ct);
            await ShipmentProgressStore.RefreshAsync(db, [id], now, ct);
            if (shipment.HandlingListId is { } list) await HandlingListCounts.RefreshAsync(db, list, ct);
        }, ct: ct);
        return await DetailsAsync(db, id, ct);
    }

    /// <summary>
    /// A backorder: a new shipment (next number, the same type, location, addressing, method, references and
    /// organisation, shipping now) whose lines are this shipment's missing units not yet sent again, by line. Those units
    /// stay missing here and point at the backorder, so they are never sent twice and never "found" here again. 409
    /// <c>shipment.canceled</c>; <c>shipment.nothing_to_backorder</c> when no missing unit is left to send.
    /// </summary>
    public async Task<ShipmentDetails> CreateBackorderAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.LogisticsPlan);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var backorderId = await db.InTransactionAsync(async ct =>
        {
            var original = await ForChangeAsync(db, id, version, ct);
            if (original.CanceledAt is not null) throw new ConflictException("shipment.canceled", $"{original.NumberText} is canceled; nothing of it is sent again.");
            var missing = await db.ShipmentUnits.AsNoTracking().Where(u => u.ShipmentId == id && u.State == UnitState.Missing && u.BackorderId == null)
                .Select(u => new { u.Id, u.LineId }).ToListAsync(ct);
            if (missing.Count == 0)
                throw new ConflictException("shipment.nothing_to_backorder", $"{original.NumberText} has no missing units left to send again.");
            var lines = await db.ShipmentLines.AsNoTracking().Where(l => l.ShipmentId == id).OrderBy(l => l.LineNo).ToListAsync(ct);
            var now = clock.GetUtcNow();
            var backorder = new Shipment
            {
                Number = await LogisticsNumber.TakeAsync(db, LogisticsNumber.Shipments, 1, ct), BackorderOfId = id,
                Type = original.Type, Direction = original.Direction, LocationId = original.LocationId, CreatedAt = now,
                FromKind = original.FromKind, FromLocationId = original.FromLocationId, FromServicePoint = original.FromServicePoint, FromName = original.FromName,
                FromLine1 = original.FromLine1, FromLine2 = original.FromLine2, FromCity = original.FromCity, FromRegion = original.FromRegion,
                FromPostcode = original.FromPostcode, FromCountryCode = original.FromCountryCode,
                ToKind = original.ToKind, ToLocationId = original.ToLocationId, ToServicePoint = original.ToServicePoint, ToName = original.ToName,
                ToLine1 = original.ToLine1, ToLine2 = original.ToLine2, ToCity = original.ToCity, ToRegion = original.ToRegion,
                ToPostcode = original.ToPostcode, ToCountryCode = original.ToCountryCode,
                MethodId = original.MethodId, OrderReference = original.OrderReference, OrganisationId = original.OrganisationId, ShipAt = now,
            };
            foreach (var line in lines.Where(l => missing.Any(u => u.LineId == l.Id)))
            {
                var copy = new ShipmentLine
                {
                    ShipmentId = backorder.Id, LineNo = backorder.Lines.Count + 1, Sku = line.Sku, Description = line.Description,
                    Quantity = missing.Count(u => u.LineId == line.Id), Position = line.Position,
                };
                backorder.Lines.Add(copy);
                for (var u = 0; u < copy.Quantity; u++)
                    backorder.Units.Add(new ShipmentUnit { ShipmentId = backorder.Id, LineId = copy.Id, LocationId = backorder.LocationId, Sku = copy.Sku, Position = copy.Position });
            }
            var counts = new UnitCounts(backorder.Units.Count, Open: backorder.Units.Count);
            var progress = ShipmentStatusRule.Derive(counts, canceled: false);
            (backorder.ExpectedUnits, backorder.UnitCount, backorder.Status, backorder.Warnings) = (counts.Expected, counts.Total, progress.Status, progress.Warnings);
            db.Shipments.Add(backorder);
            await db.SaveChangesAsync(ct);
            // The units are claimed only from "missing, not sent again": two backorders at once never both send a unit.
            var ids = missing.Select(u => u.Id).ToList();
            var claimed = await db.ShipmentUnits.Where(u => ids.Contains(u.Id) && u.State == UnitState.Missing && u.BackorderId == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.BackorderId, backorder.Id), ct);
            if (claimed != ids.Count)
                throw new ConflictException("shipment.nothing_to_backorder", $"Some missing units of {original.NumberText} were sent again by someone else at the same moment; reload.");
            return backorder.Id;
        }, ct: ct);
        return await DetailsAsync(db, backorderId, ct);
    }

    private static async Task<Shipment> ForChangeAsync(PortalDbContext db, Guid id, long version, CancellationToken ct)
    {
        var shipment = await db.Shipments.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Shipment", id);
        shipment.EnsureVersion(version, id);
        return shipment;
    }

    /// <summary>What only the store can check: the method, organisation and locations named exist, and the method serves the destination.</summary>
    private static async Task CheckHeaderAsync(PortalDbContext db, ShipmentHeaderFields header, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (header.MethodId is { } methodId)
        {
            var method = await db.ShippingMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == methodId, ct);
            if (method is null) errors["methodId"] = ["There is no such shipping method."];
            else if (!method.IsEnabled) errors["methodId"] = [$"{method.Name} is not enabled."];
            else if (await CountryOfAsync(db, header.To, ct) is { } country && !method.Serves(country))
                errors["methodId"] = [$"{method.Name} does not ship to {Countries.NameOf(country)}."];
        }
        if (header.OrganisationId is { } orgId && !await db.Organisations.AnyAsync(o => o.Id == orgId, ct))
            errors["organisationId"] = ["There is no such organisation."];
        foreach (var (side, party) in new[] { ("from", header.From), ("to", header.To) })
            if (party.Kind == PartyKind.Location && party.LocationId is { } lid && !await db.Locations.AnyAsync(l => l.Id == lid, ct))
                errors[$"{side}.locationId"] = ["There is no such location."];
        if (errors.Count > 0) throw new DomainValidationException(errors);
    }

    private static async Task<string?> CountryOfAsync(PortalDbContext db, PartyFields party, CancellationToken ct) => party.Kind == PartyKind.Location
        ? await db.Locations.Where(l => l.Id == party.LocationId).Select(l => l.CountryCode).FirstOrDefaultAsync(ct)
        : party.CountryCode;

    private static void ApplyHeader(Shipment s, ShipmentHeaderFields h)
    {
        var (from, to) = (h.From, h.To);
        s.FromKind = from.Kind; s.FromLocationId = from.Kind == PartyKind.Location ? from.LocationId : null;
        s.FromServicePoint = from.Kind == PartyKind.ServicePoint ? from.ServicePoint?.Trim() : null;
        var fromAddress = from.Kind != PartyKind.Location;
        s.FromName = Clean(from.Name); s.FromLine1 = fromAddress ? Clean(from.Line1) : null; s.FromLine2 = fromAddress ? Clean(from.Line2) : null;
        s.FromCity = fromAddress ? Clean(from.City) : null; s.FromRegion = fromAddress ? Clean(from.Region) : null;
        s.FromPostcode = fromAddress ? Clean(from.Postcode)?.ToUpperInvariant() : null; s.FromCountryCode = fromAddress ? Clean(from.CountryCode) : null;
        s.ToKind = to.Kind; s.ToLocationId = to.Kind == PartyKind.Location ? to.LocationId : null;
        s.ToServicePoint = to.Kind == PartyKind.ServicePoint ? to.ServicePoint?.Trim() : null;
        var toAddress = to.Kind != PartyKind.Location;
        s.ToName = Clean(to.Name); s.ToLine1 = toAddress ? Clean(to.Line1) : null; s.ToLine2 = toAddress ? Clean(to.Line2) : null;
        s.ToCity = toAddress ? Clean(to.City) : null; s.ToRegion = toAddress ? Clean(to.Region) : null;
        s.ToPostcode = toAddress ? Clean(to.Postcode)?.ToUpperInvariant() : null; s.ToCountryCode = toAddress ? Clean(to.CountryCode) : null;
        s.MethodId = h.MethodId;
        s.OrderReference = Clean(h.OrderReference);
        s.OrganisationId = h.OrganisationId;
        s.ShipAt = h.ShipAt;
        s.ExpectedAt = h.ExpectedAt;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static async Task<ShipmentDetails> DetailsAsync(PortalDbContext db, Guid id, CancellationToken ct)
    {
        var row = await db.Shipments.AsNoTracking().Where(s => s.Id == id).Select(RowOf(db)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Shipment", id);
        var s = await db.Shipments.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var lines = await db.ShipmentLines.AsNoTracking().Where(l => l.ShipmentId == id).OrderBy(l => l.LineNo).ToListAsync(ct);
        var units = await db.ShipmentUnits.AsNoTracking().Where(u => u.ShipmentId == id).OrderBy(u => u.Id).ToListAsync(ct);
        var locationIds = new[] { s.FromLocationId, s.ToLocationId }.OfType<Guid>().ToList();
        var names = await db.Locations.Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        PartyRow Party(PartyKind kind, Guid? lid, string? sp, string? name, string? l1, string? l2, string? city, string? region, string? pc, string? cc) =>
            new(kind, lid, lid is { } x ? names.GetValueOrDefault(x) : null, sp, name, l1, l2, city, region, pc, cc);
        var lineRows = lines.Select(l =>
        {
            var of = units.Where(u => u.LineId == l.Id).ToList();
            int Count(UnitState state) => of.Count(u => u.State == state);
            return new ShipmentLineRow(l.Id, l.LineNo, l.Sku, l.Description, l.Quantity, l.Position,
                Count(UnitState.Listed), Count(UnitState.Handled), Count(UnitState.Missing), Count(UnitState.Boxed), Count(UnitState.InTransit), Count(UnitState.Finished));
        }).ToList();
        var unitRows = units.Select(u => new ShipmentUnitRow(u.Id, u.LineId, u.Sku, u.Position, u.State, u.IsOverage, u.HandlingListId, u.Label,
            u.PickedPosition, u.LotNumber, u.ExpiresAt, u.HandledAt, u.HandledBy, u.MissingReason, u.ParcelId, u.BoxedAt, u.BackorderId)).ToList();
        // The shipment this one sends missing units of, and the backorders made of this one's missing units.
        var related = await db.Shipments.AsNoTracking().Where(x => x.Id == s.BackorderOfId || x.BackorderOfId == id)
            .Select(x => new { x.Id, x.Number, x.BackorderOfId, x.Status, x.UnitCount }).ToListAsync(ct);
        var backorderOf = related.Where(x => x.Id == s.BackorderOfId)
            .Select(x => new ShipmentLink(x.Id, LogisticsNumber.Format(Shipment.NumberPrefix, x.Number), x.Status, x.UnitCount)).FirstOrDefault();
        var backorders = related.Where(x => x.BackorderOfId == id).OrderBy(x => x.Number)
            .Select(x => new ShipmentLink(x.Id, LogisticsNumber.Format(Shipment.NumberPrefix, x.Number), x.Status, x.UnitCount)).ToList();
        var actions = new List<ShipmentAction>();
        if (s.IsEditable) actions.Add(ShipmentAction.Edit);
        if (s.CanceledAt is null && units.All(u => u.State is not (UnitState.InTransit or UnitState.Finished))) actions.Add(ShipmentAction.Cancel);
        if (s.CanceledAt is null && units.Any(u => u.State is UnitState.Listed or UnitState.Missing)) actions.Add(ShipmentAction.MarkMissing);
        if (s.CanceledAt is null && units.Any(u => u.State == UnitState.Missing && u.BackorderId is null)) actions.Add(ShipmentAction.Backorder);
        return new ShipmentDetails(row,
            Party(s.FromKind, s.FromLocationId, s.FromServicePoint, s.FromName, s.FromLine1, s.FromLine2, s.FromCity, s.FromRegion, s.FromPostcode, s.FromCountryCode),
            Party(s.ToKind, s.ToLocationId, s.ToServicePoint, s.ToName, s.ToLine1, s.ToLine2, s.ToCity, s.ToRegion, s.ToPostcode, s.ToCountryCode),
            s.CanceledAt, s.CancelReason, lineRows, unitRows, actions, backorderOf, backorders);
    }
}
