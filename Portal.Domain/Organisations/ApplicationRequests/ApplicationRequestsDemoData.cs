using Bogus;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// Application requests for the first 12 active organisations, in every state: sent (fresh and about to expire), expired,
/// complete and deleted, so the tab, its filters and its actions can be seen without sending one first.
/// </summary>
public sealed class ApplicationRequestsDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock) : IDemoDataSeeder
{
    /// <summary>After the organisations and their members.</summary>
    public int Order => 335;

    private static readonly (string Name, string Page)[] Applications =
    [
        ("Identity check", "https://app.rayt.io/form/identity"), ("Proof of address", "https://app.rayt.io/form/address"),
        ("Director verification", "https://app.rayt.io/form/director"),
    ];

    /// <summary>Once: nothing when any request exists.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.ApplicationRequests.AnyAsync(ct)) return;
        var faker = new Faker("en_GB") { Random = new Randomizer(2035) };
        var now = clock.GetUtcNow();
        var validFor = new ApplicationRequestOptions().ValidFor;
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Active)
            .OrderBy(o => o.Id).Select(o => new { o.Id, o.BillingEmail }).Take(12).ToListAsync(ct);
        foreach (var org in orgs)
        {
            var domain = org.BillingEmail[(org.BillingEmail.IndexOf('@') + 1)..];
            // Ages in days and what became of each: one request per state, and a second sent one close to its expiry.
            foreach (var (daysAgo, end) in new[] { (0.2, ApplicationRequestState.Sent), (6.5, ApplicationRequestState.Sent),
                         (9.0, ApplicationRequestState.Expired), (3.0, ApplicationRequestState.Complete), (2.0, ApplicationRequestState.Deleted) })
            {
                var (application, page) = faker.PickRandom(Applications);
                var sentAt = now.AddDays(-daysAgo);
                var owner = faker.PickRandom(AdminDemoData.DemoUsers[1].Email, AdminDemoData.DemoUsers[0].Email);
                var request = ApplicationRequest.Create(org.Id, ApplicationRequest.NewShortCode(), new SendApplicationRequest
                {
                    Email = $"{faker.Name.FirstName()}.{faker.Name.LastName()}@{domain}".ToLowerInvariant(), PageLink = page,
                    AccessApplicationName = application, Source = faker.PickRandom(ApplicationRequestOptions.PortalSource, "Onboarding", "Members page"),
                }, null, owner, sentAt, validFor);
                switch (end)
                {
                    case ApplicationRequestState.Expired: request.ExpireIfDue(now); break;
                    case ApplicationRequestState.Complete: request.Complete("api-key:raytio", sentAt.AddDays(1)); break;
                    case ApplicationRequestState.Deleted: request.Delete(owner, sentAt.AddHours(5)); break;
                }
                db.ApplicationRequests.Add(request);
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
