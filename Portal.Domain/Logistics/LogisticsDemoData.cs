using Bogus;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>
/// Demo logistics: three locations with positions in walk order and SKU defaults, five shipping methods, 300 shipments
/// in every state (some with missing units), and handling lists open, assigned, in progress, on hold, finished and cancelled.
/// </summary>
public sealed class LogisticsDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock) : IDemoDataSeeder
{
    /// <summary>After the staff users (pickers) and organisations (shipments belong to them).</summary>
    public int Order => 400;

    private static readonly string[] Products = ["TSHIRT", "HOODIE", "CAP", "MUG", "SOCKS", "TOTE", "POSTER", "SCARF", "BEANIE", "JACKET"];
    private static readonly string[] Variants = ["RED-M", "RED-L", "BLUE-M", "BLUE-L", "BLACK-S", "BLACK-XL"];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Locations.AnyAsync(ct)) return;
        var faker = new Faker("en_GB") { Random = new Randomizer(400) };
        var now = clock.GetUtcNow();

        var locations = new[]
        {
            NewLocation("Leeds DC", "Unit 4, Thorpe Park", "Leeds", "LS15 8GB", "GB", aisles: 4, now),
            NewLocation("Rotterdam Hub", "Waalhaven Zuidzijde 19", "Rotterdam", "3089 JH", "NL", aisles: 2, now),
            NewLocation("Bristol Store", "12 Broadmead", "Bristol", "BS1 3HA", "GB", aisles: 1, now),
        };
        var skus = Products.SelectMany(p => Variants.Select(v => $"{p}-{v}")).ToList();
        foreach (var location in locations)
            foreach (var (sku, i) in skus.Select((s, i) => (s, i)))
                location.SetSkuDefault(sku, location.Positions[i % location.Positions.Count].Code);
        db.Locations.AddRange(locations);

        var methods = new[]
        {
            new ShippingMethod { Carrier = "royal-mail", Service = "tracked-48", Name = "Royal Mail Tracked 48", Countries = "GB", MaxWeightGrams = 20_000 },
            new ShippingMethod { Carrier = "dpd", Service = "next-day", Name = "DPD Next Day", Countries = "GB,IE", MaxWeightGrams = 30_000 },
            new ShippingMethod { Carrier = "dpd", Service = "pickup", Name = "DPD Pickup Shop", Countries = "GB,NL,BE", MaxWeightGrams = 20_000, ToServicePoint = true },
            new ShippingMethod { Carrier = "postnl", Service = "standard", Name = "PostNL Standard", Countries = "NL,BE,DE", MaxWeightGrams = 23_000 },
            new ShippingMethod { Carrier = "dhl", Service = "express", Name = "DHL Express Worldwide", Countries = "", MaxWeightGrams = 70_000, IsEnabled = false },
        };
        db.ShippingMethods.AddRange(methods);

        var organisations = await db.Organisations.OrderBy(o => o.Name).Select(o => o.Id).Take(40).ToListAsync(ct);
        var warehouseRole = RoleIds.ByName[Roles.Warehouse];
        var pickers = await db.Users.Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == warehouseRole))
            .OrderBy(u => u.CreatedAt).Select(u => new { u.Id, Name = string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email : u.DisplayName }).Take(6).ToListAsync(ct);

        var shipments = new List<Shipment>();
        for (var n = 1; n <= 300; n++)
        {
            var location = locations[n % 5 == 0 ? 1 : n % 7 == 0 ? 2 : 0];
            var toCountry = location.CountryCode == "NL" ? faker.PickRandom("NL", "NL", "BE", "DE") : "GB";
            var method = methods.Where(m => m.IsEnabled && m.Serves(toCountry)).ToList() is { Count: > 0 } fits ? faker.PickRandom(fits) : null;
            var shipAt = now.Date.AddDays(faker.Random.Int(-20, 5)).AddHours(faker.Random.Int(9, 17));
            var shipment = new Shipment
            {
                Number = n, Type = faker.Random.WeightedRandom([ShipmentType.Delivery, ShipmentType.Collect, ShipmentType.Internal], [0.85f, 0.1f, 0.05f]),
                Direction = faker.Random.Bool(0.92f) ? ShipmentDirection.Outbound : ShipmentDirection.Inbound, LocationId = location.Id,
                CreatedAt = new DateTimeOffset(shipAt, TimeSpan.Zero).AddDays(-faker.Random.Int(1, 4)),
                FromKind = PartyKind.Location, FromLocationId = location.Id,
                ToKind = method?.ToServicePoint == true ? PartyKind.ServicePoint : PartyKind.Address,
                ToServicePoint = method?.ToServicePoint == true ? $"PS-{faker.Random.Int(10000, 99999)}" : null,
                ToName = faker.Name.FullName(), ToLine1 = faker.Address.StreetAddress(), ToCity = faker.Address.City(),
                ToPostcode = toCountry switch { "GB" => "LS1 4AP", "NL" => "1012 AB", "BE" => "1000", _ => "10115" }, ToCountryCode = toCountry,
                MethodId = method?.Id, OrderReference = $"ORD-{20260000 + n * 7}", OrganisationId = organisations.Count > 0 ? faker.PickRandom(organisations) : null,
                ShipAt = new DateTimeOffset(shipAt, TimeSpan.Zero), ExpectedAt = new DateTimeOffset(shipAt, TimeSpan.Zero).AddDays(faker.Random.Int(1, 3)),
            };
            var lineNo = 0;
            foreach (var sku in faker.PickRandom(skus, faker.Random.Int(1, 4)))
            {
                var line = new ShipmentLine
                {
                    ShipmentId = shipment.Id, LineNo = ++lineNo, Sku = sku, Description = Describe(sku), Quantity = faker.Random.Int(1, 3),
                    Position = location.SkuDefaults.First(d => d.Sku == sku).Position,
                };
                shipment.Lines.Add(line);
                for (var u = 0; u < line.Quantity; u++)
                    shipment.Units.Add(new ShipmentUnit { ShipmentId = shipment.Id, LineId = line.Id, LocationId = location.Id, Sku = sku, Position = line.Position });
            }
            shipment.ExpectedUnits = shipment.Lines.Sum(l => l.Quantity);
            shipments.Add(shipment);
        }

        // Lists by location, oldest shipments first: finished ones (then packed, shipped, delivered), work under way, and new ones.
        var lists = new List<HandlingList>();
        var listNumber = 0;
        var parcels = new List<Parcel>();
        HandlingList NewList(Location location, IReadOnlyList<Shipment> batch, DateTimeOffset due)
        {
            var list = new HandlingList { Number = ++listNumber, LocationId = location.Id, DueAt = due, CreatedAt = due.AddHours(-6), CreatedBy = "system" };
            foreach (var (s, label) in batch.Zip(HandlingList.Labels()))
            {
                list.Shipments.Add(new HandlingListShipment { HandlingListId = list.Id, ShipmentId = s.Id, Label = label });
                s.HandlingListId = list.Id;
                foreach (var u in s.Units) { u.State = UnitState.Listed; u.HandlingListId = list.Id; u.Label = label; }
            }
            lists.Add(list);
            return list;
        }
        // Each demo pick is a pick record too, as the pick screen writes them: the list's History and the Dashboard's
        // units-picked-per-hour chart read those.
        var picks = new List<HandlingListPick>();
        void Pick(HandlingList list, ShipmentUnit u, DateTimeOffset at, string by, bool missing = false)
        {
            u.State = missing ? UnitState.Missing : UnitState.Handled;
            u.HandledAt = at; u.HandledBy = by; u.PickedPosition = u.Position;
            if (missing) u.MissingReason = "Not found at position";
            var pick = new HandlingListPick
            {
                HandlingListId = list.Id, Key = $"demo-{u.Id:N}", Sku = u.Sku, Position = u.Position, Quantity = 1,
                IsMissing = missing, Reason = u.MissingReason, At = at, By = by,
            };
            u.PickId = pick.Id;
            picks.Add(pick);
        }

        var outbound = shipments.Where(s => s.Direction == ShipmentDirection.Outbound && s.Type != ShipmentType.Collect).OrderBy(s => s.ShipAt).ToList();
        var queue = new Queue<Shipment>(outbound);
        var picker = (Index: 0, List: pickers);
        (Guid Id, string Name)? NextPicker() => pickers.Count == 0 ? null : (pickers[picker.Index++ % pickers.Count].Id, pickers[(picker.Index - 1) % pickers.Count].Name!);

        // Finished lists: their shipments go on to be packed, shipped and delivered.
        for (var l = 0; l < 14 && queue.Count >= 8; l++)
        {
            var batch = Enumerable.Range(0, 8).Select(_ => queue.Dequeue()).ToList();
            var location = locations.First(x => x.Id == batch[0].LocationId);
            batch = [.. batch.Where(s => s.LocationId == location.Id)];
            var list = NewList(location, batch, batch[0].ShipAt!.Value.AddHours(-3));
            var by = NextPicker();
            if (by is { } p) list.Assign(p.Id, p.Name);
            list.Start(list.DueAt!.Value.AddHours(-2));
            foreach (var s in batch)
            {
                foreach (var u in s.Units) Pick(list, u, list.DueAt!.Value.AddHours(-1), by?.Name ?? "system", missing: faker.Random.Bool(0.03f));
                var stage = faker.Random.Int(0, 3); // 0 picked, 1 packed, 2 in transit, 3 finished
                if (stage == 0) continue;
                var parcel = new Parcel { ShipmentId = s.Id, Seq = 1, CreatedAt = list.DueAt!.Value, WeightGrams = faker.Random.Int(300, 6000), LengthMm = 300, WidthMm = 200, HeightMm = 150 };
                parcels.Add(parcel);
                foreach (var u in s.Units.Where(u => u.State == UnitState.Handled))
                {
                    u.State = stage switch { 1 => UnitState.Boxed, 2 => UnitState.InTransit, _ => UnitState.Finished };
                    u.ParcelId = parcel.Id; u.BoxedAt = parcel.CreatedAt;
                }
                if (stage >= 2) { parcel.State = ParcelState.InTransit; parcel.InTransitAt = parcel.CreatedAt.AddHours(2); parcel.TrackingCode = $"TRK{faker.Random.Int(100000000, 999999999)}"; }
                if (stage == 3) { parcel.State = ParcelState.Finished; parcel.FinishedAt = parcel.CreatedAt.AddDays(1); }
            }
            list.Finish(0, list.DueAt!.Value.AddMinutes(-30));
        }

        // Work under way and waiting: in progress (half picked), on hold, assigned, open, and one cancelled (its shipments open again).
        foreach (var kind in new[] { "progress", "progress", "progress", "hold", "assigned", "assigned", "open", "open", "cancelled" })
        {
            if (queue.Count < 6) break;
            var first = queue.Peek();
            var batch = new List<Shipment>();
            while (batch.Count < 6 && queue.Count > 0 && queue.Peek().LocationId == first.LocationId) batch.Add(queue.Dequeue());
            if (kind == "cancelled") { foreach (var s in batch) queue.Enqueue(s); }
            var location = locations.First(x => x.Id == first.LocationId);
            var list = NewList(location, batch, now.AddHours(faker.Random.Int(-3, 8)));
            if (kind != "open" && NextPicker() is { } p) list.Assign(p.Id, p.Name);
            if (kind is "progress" or "hold")
            {
                list.Start(now.AddHours(-1));
                var units = batch.SelectMany(s => s.Units).ToList();
                foreach (var u in units.Take(units.Count / 2)) Pick(list, u, now.AddMinutes(-faker.Random.Int(1, 55)), list.PickerName ?? "system", missing: faker.Random.Bool(0.05f));
            }
            if (kind == "hold") list.Hold("Waiting for a replenishment of aisle B");
            if (kind == "cancelled")
            {
                list.Cancel("Made by mistake", now.AddHours(-2));
                foreach (var s in batch)
                {
                    s.HandlingListId = null;
                    foreach (var u in s.Units) { u.State = UnitState.Open; u.HandlingListId = null; u.Label = null; }
                }
            }
        }

        // A few canceled shipments among the open ones.
        foreach (var s in queue.Where((_, i) => i % 15 == 0).Take(8)) { s.CanceledAt = now.AddDays(-1); s.CancelReason = "Customer cancelled the order"; }

        foreach (var s in shipments) Refresh(s, now);
        foreach (var list in lists)
        {
            var units = shipments.SelectMany(s => s.Units).Where(u => u.HandlingListId == list.Id).ToList();
            list.UnitCount = units.Count;
            list.MissingCount = units.Count(u => u.State == UnitState.Missing);
            list.HandledCount = units.Count(u => u.State is not (UnitState.Missing or UnitState.Listed or UnitState.Open));
        }
        db.Shipments.AddRange(shipments);
        db.HandlingLists.AddRange(lists);
        db.HandlingListPicks.AddRange(picks);
        db.Parcels.AddRange(parcels);
        (await db.LogisticsNumbers.SingleAsync(n => n.Series == LogisticsNumber.Shipments, ct)).Last = shipments.Count;
        (await db.LogisticsNumbers.SingleAsync(n => n.Series == LogisticsNumber.HandlingLists, ct)).Last = listNumber;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Bulk rows for benchmarks: <paramref name="count"/> shipments of ten units each (100,000 make 1,000,000 units) at
    /// one location, spread over every status, in batches without the audit trail.
    /// </summary>
    public async Task SeedForBenchmarkAsync(int count, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var faker = new Faker("en_GB") { Random = new Randomizer(401) };
        var location = NewLocation($"Bench DC {now:HHmmss}", "1 Bench Road", "Leeds", "LS1 1AA", "GB", aisles: 4, now);
        long first;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            db.Locations.Add(location);
            await db.SaveChangesAsync(ct);
            first = await db.InTransactionAsync(ct => LogisticsNumber.TakeAsync(db, LogisticsNumber.Shipments, count, ct), ct: ct);
        }
        UnitState[] stages = [UnitState.Open, UnitState.Listed, UnitState.Handled, UnitState.Boxed, UnitState.InTransit, UnitState.Finished];
        for (var done = 0; done < count; done += 1000)
        {
            await using var db = await dbs.CreateUnauditedContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + 1000); i++)
            {
                var shipAt = now.AddDays(-faker.Random.Int(0, 365));
                var shipment = new Shipment
                {
                    Number = first + i, Type = ShipmentType.Delivery, Direction = ShipmentDirection.Outbound, LocationId = location.Id, CreatedAt = shipAt.AddDays(-1),
                    FromKind = PartyKind.Location, FromLocationId = location.Id, ToKind = PartyKind.Address, ToName = faker.Name.FullName(),
                    ToLine1 = "1 High Street", ToCity = faker.Address.City(), ToPostcode = "LS1 4AP", ToCountryCode = "GB",
                    OrderReference = $"BENCH-{first + i}", ShipAt = shipAt, ExpectedUnits = 10,
                };
                var stage = stages[faker.Random.Int(0, stages.Length - 1)];
                foreach (var (sku, n) in new[] { (faker.PickRandom(Products) + "-" + faker.PickRandom(Variants), 6), (faker.PickRandom(Products) + "-" + faker.PickRandom(Variants), 4) })
                {
                    var line = new ShipmentLine { ShipmentId = shipment.Id, LineNo = shipment.Lines.Count + 1, Sku = sku, Quantity = n, Position = location.Positions[faker.Random.Int(0, location.Positions.Count - 1)].Code };
                    shipment.Lines.Add(line);
                    for (var u = 0; u < n; u++)
                        shipment.Units.Add(new ShipmentUnit { ShipmentId = shipment.Id, LineId = line.Id, LocationId = location.Id, Sku = sku, Position = line.Position, State = stage });
                }
                if (faker.Random.Bool(0.03f)) shipment.CanceledAt = shipAt;
                Refresh(shipment, now);
                db.Shipments.Add(shipment);
            }
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The shipment's stored progress from its units, by the one rule.</summary>
    internal static void Refresh(Shipment s, DateTimeOffset now)
    {
        var c = UnitCounts.Of(s.ExpectedUnits, s.Units.Select(u => u.State));
        var progress = ShipmentStatusRule.Derive(c, s.CanceledAt is not null);
        (s.Status, s.Warnings, s.IsComplete) = (progress.Status, progress.Warnings, progress.IsComplete);
        s.HasWarning = progress.Warnings != ShipmentWarnings.None;
        s.UnitCount = c.Total;
        s.HandledCount = c.Handled + c.Boxed + c.InTransit + c.Finished;
        s.BoxedCount = c.Boxed + c.InTransit + c.Finished;
        s.MissingCount = c.Missing;
        s.ProgressAt = now;
    }

    private static Location NewLocation(string name, string line1, string city, string postcode, string country, int aisles, DateTimeOffset now)
    {
        var location = new Location { Name = name, Line1 = line1, City = city, Postcode = postcode, CountryCode = country, CreatedAt = now };
        // The walk snakes: aisle A up, aisle B down, … so the sorting is not the codes' alphabetical order.
        for (var a = 0; a < aisles; a++)
        {
            var bays = Enumerable.Range(1, 10);
            foreach (var bay in a % 2 == 0 ? bays : bays.Reverse())
                foreach (var level in new[] { 1, 2 })
                    location.AddPosition($"{(char)('A' + a)}-{bay:D2}-{level}");
        }
        return location;
    }

    private static string Describe(string sku)
    {
        var parts = sku.Split('-');
        return $"{char.ToUpperInvariant(parts[0][0])}{parts[0][1..].ToLowerInvariant()}, {parts[1].ToLowerInvariant()}, size {parts[2]}";
    }
}
