using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;

namespace Portal.Domain.Store;

/// <summary>Realistic demo data for Development: seeded once (it checks for the demo Admin first), never in Production.</summary>
public sealed partial class DemoData(IDbContextFactory<PortalDbContext> dbs, IPasswordHasher<StaffUser> hasher, ILookupNormalizer normalizer, TimeProvider clock,
    BankDetailsProtector bankDetails)
{
    public const string DemoPassword = "Portal-Demo-2026";

    /// <summary>One demo user per role, listed on the sign-in page in Development.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Role)> DemoUsers =
    [
        ("admin@portal.test", "Ada Admin", Roles.Admin),
        ("staff@portal.test", "Sam Staff", Roles.Staff),
        ("warehouse@portal.test", "Wes Warehouse", Roles.Warehouse),
        ("viewer@portal.test", "Vic Viewer", Roles.Viewer),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var adminEmail = normalizer.NormalizeEmail(DemoUsers[0].Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == adminEmail, ct))
        {
            await SeedOrganisationContactsAsync(ct);
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var (email, name, role) in DemoUsers)
            AddUser(db, email, name, [role], now.AddDays(-90));

        // Colleagues with realistic names, roles and histories; one shared hash keeps seeding fast.
        Randomizer.Seed = new Random(2026);
        var faker = new Faker("en_GB");
        var sharedHash = hasher.HashPassword(new StaffUser(), DemoPassword);
        for (var i = 0; i < 60; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var role = faker.PickRandom(Roles.Staff, Roles.Staff, Roles.Warehouse, Roles.Warehouse, Roles.Viewer, Roles.Admin);
            var user = AddUser(db, $"{first}.{last}{i}@portal.test".ToLowerInvariant(), $"{first} {last}", [role],
                now.AddDays(-faker.Random.Int(1, 700)), sharedHash);
            user.IsDisabled = faker.Random.Bool(0.08f);
            user.LastSignInAt = faker.Random.Bool(0.8f) ? now.AddMinutes(-faker.Random.Int(5, 60 * 24 * 60)) : null;
        }

        foreach (var (name, role, days) in new[] { ("Warehouse scanners", Roles.Warehouse, 365), ("Finance export", Roles.Viewer, 90), ("CRM sync", Roles.Staff, 0) })
        {
            var (key, _) = ApiKey.Generate(name, role, days > 0 ? now.AddDays(days) : null, "seed", now.AddDays(-30));
            db.ApiKeys.Add(key);
        }
        db.OutboxEmails.Add(OutboxEmail.Create(DemoUsers[1].Email, new DemoWelcomeEmail("Sam"), now.AddDays(-1)));
        var managers = db.ChangeTracker.Entries<StaffUser>().Select(e => e.Entity)
            .Where(u => !u.IsDisabled && db.ChangeTracker.Entries<IdentityUserRole<Guid>>()
                .Any(r => r.Entity.UserId == u.Id && (r.Entity.RoleId == RoleIds.ByName[Roles.Staff] || r.Entity.RoleId == RoleIds.ByName[Roles.Admin])))
            .Select(u => u.Id).ToList();
        foreach (var org in Organisations(faker, managers, 300, now)) db.Organisations.Add(org);
        await db.SaveChangesAsync(ct);
        await SeedOrganisationContactsAsync(ct);
        await OrganisationBillingDemoData.SeedAsync(db, bankDetails, faker, now, ct);
        await SeedOrganisationSettingsAsync(ct);
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

    /// <summary>
    /// Modules and white-label domains, through the organisations' own rules: every organisation that is not archived
    /// has 1–4 modules on (switched on by its account manager), about two in three have 1–2 domains named after them
    /// (portal.brightwater-logistics.co.uk), unique across the portal. Seeded once: it does nothing when any exist.
    /// </summary>
    public async Task SeedOrganisationSettingsAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.WhiteLabelDomains.AnyAsync(ct) || await db.OrganisationModules.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        var faker = new Faker("en_GB") { Random = new Randomizer(2027) };
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var orgs = await db.Organisations.Include(o => o.Domains).Include(o => o.Modules)
            .Where(o => o.Status != OrganisationStatus.Archived).OrderBy(o => o.Name).ThenBy(o => o.Id).ToListAsync(ct);
        var taken = new HashSet<string>();
        string[] colours = ["#1F5FBF", "#2E7D32", "#C62828", "#6A1B9A", "#EF6C00", "#00838F", "#37474F", "#AD1457", "#5D4037"];
        string[] prefixes = ["portal", "trade"];
        foreach (var org in orgs)
        {
            var since = org.CreatedAt.AddDays(faker.Random.Double(0, 30));
            if (since > now) since = now;
            var by = org.AccountManagerId is { } manager && names.TryGetValue(manager, out var name) ? name : DemoUsers[1].Name;
            foreach (var module in faker.PickRandom(ModuleCatalogue.All, faker.Random.Int(1, 4)))
                org.SwitchModuleOn(module, since, null, by);
            if (faker.Random.Bool(0.35f)) continue;
            var slug = Slug(org.Name);
            var tld = org.CountryCode switch { "GB" => "co.uk", "ZA" => "co.za", "US" => "com", var c => c.ToLowerInvariant() };
            for (var i = faker.Random.Int(1, 2) - 1; i >= 0; i--)
            {
                var host = $"{prefixes[i]}.{slug}.{tld}";
                for (var n = 2; !taken.Add(host); n++) host = $"{prefixes[i]}.{slug}-{n}.{tld}";
                org.AddDomain(host, faker.PickRandom(colours), faker.Random.Bool(0.6f) ? $"https://cdn.{slug}.{tld}/logo.svg" : null, i == 0, since);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>"O'Brien Farms Ltd" → "obrien-farms": a DNS label from a company name, without its legal form.</summary>
    private static string Slug(string name)
    {
        string[] legal = ["ltd", "llp", "b.v.", "bv", "plc", "gmbh", "&"];
        var words = name.ToLowerInvariant().Replace("'", "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !legal.Contains(w))
            .Select(w => new string(w.Where(char.IsAsciiLetterOrDigit).ToArray()))
            .Where(w => w.Length > 0);
        var slug = string.Join('-', words);
        return slug.Length == 0 ? "organisation" : slug[..Math.Min(slug.Length, 40)].Trim('-');
    }

    private StaffUser AddUser(PortalDbContext db, string email, string name, string[] roles, DateTimeOffset createdAt, string? hash = null)
    {
        var user = new StaffUser
        {
            Email = email, NormalizedEmail = normalizer.NormalizeEmail(email),
            UserName = email, NormalizedUserName = normalizer.NormalizeName(email),
            EmailConfirmed = true, DisplayName = name, CreatedAt = createdAt,
        };
        user.PasswordHash = hash ?? hasher.HashPassword(user, DemoPassword);
        db.Users.Add(user);
        foreach (var role in roles)
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = RoleIds.ByName[role] });
        return user;
    }

    /// <summary>Bulk rows for benchmarks: <paramref name="count"/> organisations with owners and teams, in batches.</summary>
    public async Task SeedOrganisationsForBenchmarkAsync(int count, CancellationToken ct = default)
    {
        var faker = new Faker("en_GB");
        var now = clock.GetUtcNow();
        List<Guid> managers;
        await using (var db = await dbs.CreateDbContextAsync(ct)) managers = await db.Users.OrderBy(u => u.Id).Select(u => u.Id).Take(50).ToListAsync(ct);
        var organisations = Organisations(faker, managers, count, now).GetEnumerator();
        var contacts = new DemoContacts(2027);
        for (var done = 0; done < count; done += 2000)
        {
            await using var db = await BulkContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + 2000) && organisations.MoveNext(); i++)
            {
                contacts.AddBillingAddress(organisations.Current);
                db.Organisations.Add(organisations.Current);
            }
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>A context without the audit interceptor: benchmark rows are not anyone's change.</summary>
    private async Task<PortalDbContext> BulkContextAsync(CancellationToken ct)
    {
        await using var probe = await dbs.CreateDbContextAsync(ct);
        return new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(probe.Database.GetConnectionString()).Options);
    }

    /// <summary>Bulk rows for benchmarks: <paramref name="count"/> staff users, inserted in batches without the audit trail.</summary>
    public async Task SeedStaffUsersForBenchmarkAsync(int count, CancellationToken ct = default)
    {
        var faker = new Faker("en_GB");
        var hash = hasher.HashPassword(new StaffUser(), DemoPassword);
        var now = clock.GetUtcNow();
        var roleIds = RoleIds.ByName.Values.ToArray();
        for (var done = 0; done < count; done += 5000)
        {
            await using var db = await BulkContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + 5000); i++)
            {
                var email = $"bench{i}@load.test";
                var user = new StaffUser
                {
                    Email = email, NormalizedEmail = email.ToUpperInvariant(), UserName = email, NormalizedUserName = email.ToUpperInvariant(),
                    DisplayName = faker.Name.FullName(), CreatedAt = now.AddMinutes(-i), PasswordHash = hash, Version = 1,
                };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[i % roleIds.Length] });
            }
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>The sample email the demo outbox starts with.</summary>
internal sealed record DemoWelcomeEmail(string GivenName) : Email
{
    protected override string RenderSubject() => "Welcome to Portal";
    protected override string RenderText() => $"Hello {GivenName},\n\nYour Portal account is ready.\n";
}
