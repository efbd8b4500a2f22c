using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.BusinessConnections;

/// <summary>
/// Demo business units (farms, stores and regions; one archived), Red Tractor certificates in every status (valid,
/// expiring soon, in grace, expired, one not linked to any unit) and connections between the demo organisations with
/// every relationship, contacts, and one ended connection.
/// </summary>
public sealed class BusinessConnectionsDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock, IOptions<CertificateOptions> options) : IDemoDataSeeder
{
    /// <summary>After the organisations and their parts (members are the connections' contacts).</summary>
    public int Order => 370;

    private static readonly string[] Farms = ["Pitlands", "Home", "Manor", "Hill", "Brook", "Oak Tree", "Church", "Lower Barn", "Wold", "Fen End"];
    private static readonly string[] Towns = ["Chichester", "Lincoln", "Norwich", "Ely", "Banbury", "Ludlow", "Malton", "Boston"];
    private static readonly string[] Postcodes = ["PO18 9JP", "LN1 3DY", "NR1 3JU", "CB7 4DL", "OX16 5QA", "SY8 1AZ", "YO17 7LP", "PE21 6NB"];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.BusinessUnits.AnyAsync(ct)) return;
        var organisations = await db.Organisations.Include(o => o.Members).Where(o => o.Status != OrganisationStatus.Archived)
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).Take(24).ToListAsync(ct);
        if (organisations.Count < 3) return;
        var faker = new Faker("en_GB") { Random = new Randomizer(360) };
        var now = clock.GetUtcNow();
        var grace = options.Value.Grace;

        var n = 0;
        foreach (var org in organisations.Take(12))
        {
            var region = Unit(org.Id, BusinessUnitType.Region, $"{Towns[n % Towns.Length]} region", n, now, faker);
            n++;
            db.BusinessUnits.Add(region);
            for (var i = 0; i < 3; i++)
            {
                var type = i == 2 ? BusinessUnitType.Stores : BusinessUnitType.Farm;
                var unit = Unit(org.Id, type, $"{Farms[(n + i) % Farms.Length]} {(type == BusinessUnitType.Farm ? "Farm" : "Grain Store")}", n++, now, faker);
                unit.AssuranceScheme = "RT";
                unit.HoldingNumber = $"{10 + n % 80:00}/{100 + n * 7 % 900:000}/{1000 + n * 37 % 9000:0000}";
                unit.MoveTo(region);
                if (n % 17 == 0) unit.Archive(now.AddDays(-faker.Random.Int(5, 60)));
                db.BusinessUnits.Add(unit);
                // Every status: valid (some expiring within the work queue's 30 days), in grace, expired; some units have none.
                var expiry = (n % 5) switch
                {
                    0 => now.AddDays(faker.Random.Int(40, 300)),
                    1 => now.AddDays(faker.Random.Int(3, 25)),
                    2 => now.AddDays(-faker.Random.Int(1, Math.Max(2, (int)grace.TotalDays - 1))),
                    3 => now - grace - TimeSpan.FromDays(faker.Random.Int(5, 90)),
                    _ => (DateTimeOffset?)null,
                };
                if (expiry is { } at && !unit.IsArchived)
                {
                    var certificate = Certificate(unit.HoldingNumber, unit.Postcode, unit.Name, at, now, faker);
                    certificate.LinkTo(unit);
                    db.AssuranceCertificates.Add(certificate);
                }
            }
        }
        // A certificate Portal holds that no unit claims yet: the lookup finds it by postcode or holding number.
        db.AssuranceCertificates.Add(Certificate("12/345/6789", "PO18 9JP", "Up Marden Farms", now.AddDays(200), now, faker));

        var relationships = Enum.GetValues<BusinessRelationship>();
        for (var i = 0; i + 1 < organisations.Count; i++)
        {
            var from = organisations[i];
            foreach (var to in new[] { organisations[(i + 1) % organisations.Count], organisations[(i + 5) % organisations.Count] }.Where(t => t.Id != from.Id).DistinctBy(t => t.Id))
            {
                var set = new[] { relationships[i % 4] }.Concat(i % 3 == 0 ? [relationships[(i + 1) % 4]] : []).ToList();
                var connection = BusinessConnection.Create(from.Id, to.Id, set, now.AddDays(-faker.Random.Int(10, 400)));
                connection.Notes = i % 4 == 0 ? faker.PickRandom("Harvest contract renewed each July.", "Stores wheat at their Malton site.", "Haulage on account, 30 days.") : null;
                foreach (var member in to.Members.Take(2)) connection.Connect(member.Id, connection.CreatedAt);
                if (i == 7) connection.End(now.AddDays(-3));
                db.BusinessConnections.Add(connection);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Bulk rows for benchmarks, on the organisations already seeded: <paramref name="units"/> business units spread over
    /// them (a fifth with a certificate) and 2.5 connections per unit, each organisation to its next three, without the
    /// audit trail.
    /// </summary>
    public async Task SeedForBenchmarkAsync(int units, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var faker = new Faker("en_GB") { Random = new Randomizer(361) };
        List<Guid> organisations;
        await using (var db = await dbs.CreateDbContextAsync(ct)) organisations = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        if (organisations.Count < 4) throw new InvalidOperationException("Seed the organisations first (seed-bench organisations N).");
        for (var done = 0; done < units; done += 2000)
        {
            await using var db = await dbs.CreateUnauditedContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(units, done + 2000); i++)
            {
                var unit = Unit(organisations[i % organisations.Count], i % 10 == 0 ? BusinessUnitType.Stores : BusinessUnitType.Farm,
                    $"{Farms[i % Farms.Length]} Farm {i}", i, now, faker);
                unit.AssuranceScheme = "RT";
                unit.HoldingNumber = $"{10 + i % 90:00}/{i / 90 % 1000:000}/{i % 10000:0000}";
                db.BusinessUnits.Add(unit);
                if (i % 5 == 0)
                {
                    var certificate = Certificate(unit.HoldingNumber, unit.Postcode, unit.Name, now.AddDays(faker.Random.Int(-90, 365)), now, faker);
                    certificate.LinkTo(unit);
                    db.AssuranceCertificates.Add(certificate);
                }
            }
            await db.SaveChangesAsync(ct);
        }
        var connections = units * 5L / 2;
        var relationships = Enum.GetValues<BusinessRelationship>();
        for (long done = 0; done < connections; done += 5000)
        {
            await using var db = await dbs.CreateUnauditedContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(connections, done + 5000); i++)
            {
                var from = (int)(i % organisations.Count);
                var to = (from + 1 + (int)(i / organisations.Count)) % organisations.Count;
                db.BusinessConnections.Add(BusinessConnection.Create(organisations[from], organisations[to], [relationships[(int)(i % 4)]], now.AddDays(-(i % 700))));
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private static BusinessUnit Unit(Guid org, BusinessUnitType type, string name, int n, DateTimeOffset now, Faker faker)
    {
        var place = n % Towns.Length;
        return new BusinessUnit
        {
            OrganisationId = org, Type = type, Name = name, Line1 = faker.Address.StreetAddress(), City = Towns[place], Postcode = Postcodes[place],
            CountryCode = "GB", Latitude = Math.Round(faker.Random.Double(50.7, 54.5), 6), Longitude = Math.Round(faker.Random.Double(-2.8, 1.6), 6),
            What3Words = $"///{faker.Lorem.Word().ToLowerInvariant()}.{faker.Lorem.Word().ToLowerInvariant()}.{faker.Lorem.Word().ToLowerInvariant()}",
            Tags = BusinessUnit.JoinTags(type == BusinessUnitType.Region ? ["region"] : [faker.PickRandom("arable", "livestock", "mixed"), faker.PickRandom("north", "south", "east")]),
            LocationTag = Towns[place], ManagementTag = faker.PickRandom("Estate", "Tenant", "Contract"), CreatedAt = now.AddDays(-faker.Random.Int(30, 700)),
        };
    }

    private static AssuranceCertificate Certificate(string holding, string postcode, string siteName, DateTimeOffset expiresAt, DateTimeOffset now, Faker faker)
    {
        var certificate = new AssuranceCertificate
        {
            Identifier = faker.Random.String2(10, "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"), ExpiresAt = expiresAt, CreatedAt = now,
            Enterprises = string.Join(';', faker.PickRandom(new[] { "Combinable Crops", "Beef and Lamb", "Dairy", "Fresh Produce" }, faker.Random.Int(1, 2)).Distinct()),
        };
        certificate.Sites.Add(new CertifiedSite { CertificateId = certificate.Id, Identifier = holding, IsPrimary = true, SiteName = siteName, Address = siteName, Postcode = postcode, CountryCode = "GB" });
        return certificate;
    }
}
