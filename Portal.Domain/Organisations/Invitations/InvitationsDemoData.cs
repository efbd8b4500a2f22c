using Bogus;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>Pending invitations sent over the last nine days to about half of the first 60 active organisations.</summary>
public sealed class InvitationsDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock) : IDemoDataSeeder
{
    /// <summary>After the organisations.</summary>
    public int Order => 330;

    /// <summary>Once: nothing when any invitation exists.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Invitations.AnyAsync(i => i.Kind == Invitations.InvitationKind.Member, ct)) return;
        var faker = new Faker("en_GB") { Random = new Randomizer(2029) };
        var now = clock.GetUtcNow();
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Active)
            .OrderBy(o => o.Id).Select(o => new { o.Id, o.BillingEmail }).Take(60).ToListAsync(ct);
        foreach (var org in orgs.Where(_ => faker.Random.Bool(0.5f)))
        {
            var domain = org.BillingEmail[(org.BillingEmail.IndexOf('@') + 1)..];
            var (given, family) = (faker.Name.FirstName(), faker.Name.LastName());
            var sentDaysAgo = faker.PickRandom(0, 1, 2, 3, 5, 9);
            // The token is thrown away: demo links cannot be opened, as a real link only ever travels in its email.
            var (invitation, _) = Invitations.Invitation.CreateMember(org.Id, $"{given}.{family}@{domain}".ToLowerInvariant(),
                faker.Random.Bool(0.6f) ? given : null, null, faker.PickRandom(MemberRole.Member, MemberRole.Member, MemberRole.Admin),
                null, faker.PickRandom(AdminDemoData.DemoUsers[1].Email, AdminDemoData.DemoUsers[0].Email),
                now.AddDays(-sentDaysAgo).AddHours(-faker.Random.Int(0, 8)), TimeSpan.FromDays(7));
            db.Invitations.Add(invitation);
        }
        await db.SaveChangesAsync(ct);
    }
}
