using Bogus;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>300 demo organisations with owners and teams; their parts come from the sub-features' seeders after this one.</summary>
public sealed class OrganisationDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock) : IDemoDataSeeder
{
    /// <summary>After the staff users (account managers are picked from them), before the organisations' parts.</summary>
    public int Order => 300;

    /// <summary>Once: nothing when any organisation exists.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Organisations.AnyAsync(ct)) return;
        var faker = new Faker("en_GB") { Random = new Randomizer(2026) };
        foreach (var org in Organisations(faker, await ManagersAsync(db, ct), 300, clock.GetUtcNow())) db.Organisations.Add(org);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Who can look after an organisation: enabled Admin and Staff users, oldest first.</summary>
    private static Task<List<Guid>> ManagersAsync(PortalDbContext db, CancellationToken ct)
    {
        Guid[] roles = [RoleIds.ByName[Roles.Staff], RoleIds.ByName[Roles.Admin]];
        return db.Users.Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && roles.Contains(r.RoleId)))
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Organisations as staff meet them: mostly British and Dutch, most active, some waiting, a few suspended or
    /// archived, created over the last two years, each with an owner and a small team.
    /// </summary>
    internal static IEnumerable<Organisation> Organisations(Faker faker, IReadOnlyList<Guid> managers, int count, DateTimeOffset now)
    {
        string[] countries = ["GB", "GB", "GB", "GB", "NL", "NL", "IE", "FR", "DE", "US", "ZA"];
        string[] suffixes = ["Ltd", "Ltd", "LLP", "Farms Ltd", "Foods Ltd", "B.V.", "Trading Ltd", "& Sons"];
        for (var i = 0; i < count; i++)
        {
            var created = now.AddDays(-faker.Random.Double(0, 730));
            var name = $"{faker.Name.LastName()} {faker.PickRandom(suffixes)}";
            var domain = new string(name.ToLowerInvariant().Where(char.IsLetter).ToArray())[..Math.Min(12, name.Count(char.IsLetter))] + ".example";
            var org = new Organisation
            {
                Name = name, BillingEmail = $"accounts@{domain}", CountryCode = faker.PickRandom(countries), CreatedAt = created,
                TradingName = faker.Random.Bool(0.2f) ? faker.Company.CompanyName() : null,
                CompanyNumber = faker.Random.Bool(0.85f) ? faker.Random.Replace("########") : null,
                IsVetted = faker.Random.Bool(0.6f), IsMerchant = faker.Random.Bool(0.3f),
                AccountManagerId = managers.Count > 0 && faker.Random.Bool(0.8f) ? managers[faker.Random.Int(0, managers.Count - 1)] : null,
            };
            if (faker.Random.Bool(0.92f))
            {
                var (given, family) = (faker.Name.FirstName(), faker.Name.LastName());
                org.ChangeOwner(org.AddMember($"{given}.{family}@{domain}".ToLowerInvariant(), given, family, MemberRole.Owner, created).Id);
                for (var m = faker.Random.Int(0, 4); m > 0; m--)
                {
                    var (g, f) = (faker.Name.FirstName(), faker.Name.LastName());
                    var email = $"{g}.{f}{m}@{domain}".ToLowerInvariant();
                    if (org.Members.All(x => x.Email != email)) org.AddMember(email, g, f, faker.PickRandom(MemberRole.Admin, MemberRole.Member), created);
                }
                var roll = faker.Random.Double();
                if (roll < 0.82) org.Activate(created.AddDays(faker.Random.Double(0, 5)));
                if (roll is >= 0.70 and < 0.78) org.Suspend(faker.PickRandom("Unpaid invoices", "Awaiting new bank details", "Requested by the customer"));
                if (roll is >= 0.78 and < 0.82) org.Archive(faker.PickRandom("Ceased trading", "Duplicate of another organisation", "Merged into its parent"));
            }
            yield return org;
        }
    }

    /// <summary>Bulk rows for benchmarks: <paramref name="count"/> organisations with owners, teams and a billing address, in batches without the audit trail.</summary>
    public async Task SeedForBenchmarkAsync(int count, CancellationToken ct = default)
    {
        var faker = new Faker("en_GB");
        var now = clock.GetUtcNow();
        List<Guid> managers;
        await using (var db = await dbs.CreateDbContextAsync(ct)) managers = await db.Users.OrderBy(u => u.Id).Select(u => u.Id).Take(50).ToListAsync(ct);
        var organisations = Organisations(faker, managers, count, now).GetEnumerator();
        var contacts = new DemoContacts(2027);
        for (var done = 0; done < count; done += 2000)
        {
            await using var db = await dbs.CreateUnauditedContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + 2000) && organisations.MoveNext(); i++)
            {
                contacts.AddBillingAddress(organisations.Current);
                db.Organisations.Add(organisations.Current);
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
