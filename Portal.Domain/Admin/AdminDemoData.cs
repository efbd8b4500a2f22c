using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Admin;

/// <summary>The demo staff users (one per role, listed on the sign-in page, and 60 colleagues) and three API keys.</summary>
public sealed class AdminDemoData(IDbContextFactory<PortalDbContext> dbs, IPasswordHasher<StaffUser> hasher, ILookupNormalizer normalizer, TimeProvider clock)
    : IDemoDataSeeder
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

    /// <summary>First: every other area's demo rows name these people (account managers, who checked, who invited).</summary>
    public int Order => 100;

    /// <summary>Once: nothing when the demo Admin exists.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var adminEmail = normalizer.NormalizeEmail(DemoUsers[0].Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == adminEmail, ct)) return;

        var now = clock.GetUtcNow();
        foreach (var (email, name, role) in DemoUsers)
            AddUser(db, email, name, [role], now.AddDays(-90));

        // Colleagues with realistic names, roles and histories; one shared hash keeps seeding fast.
        var faker = new Faker("en_GB") { Random = new Randomizer(2026) };
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
        await db.SaveChangesAsync(ct);
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

    /// <summary>Bulk rows for benchmarks: <paramref name="count"/> staff users, inserted in batches without the audit trail.</summary>
    public async Task SeedStaffUsersForBenchmarkAsync(int count, CancellationToken ct = default)
    {
        var faker = new Faker("en_GB");
        var hash = hasher.HashPassword(new StaffUser(), DemoPassword);
        var now = clock.GetUtcNow();
        var roleIds = RoleIds.ByName.Values.ToArray();
        for (var done = 0; done < count; done += 5000)
        {
            await using var db = await dbs.CreateUnauditedContextAsync(ct);
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
