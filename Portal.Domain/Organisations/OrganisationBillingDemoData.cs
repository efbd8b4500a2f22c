using Bogus;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>Demo bank details and invitations for the demo organisations; adds only what is not there yet.</summary>
internal static class OrganisationBillingDemoData
{
    private static readonly string[] Banks = ["Barclays", "HSBC UK", "Lloyds Bank", "NatWest", "Santander UK", "Starling Bank", "Metro Bank", "ABN AMRO"];

    public static async Task SeedAsync(PortalDbContext db, BankDetailsProtector protector, Faker faker, DateTimeOffset now, CancellationToken ct)
    {
        // Bank details are a part: each organisation is changed with them, as it is stored now (its contacts moved its version).
        db.ChangeTracker.Clear();
        var orgs = await db.Organisations
            .Where(o => o.Status != OrganisationStatus.Archived && !db.OrganisationBankDetails.Any(b => b.OrganisationId == o.Id))
            .OrderBy(o => o.Id).ToListAsync(ct);
        foreach (var org in orgs.Where(_ => faker.Random.Bool(0.45f)))
            db.OrganisationBankDetails.Add(new OrganisationBankDetails
            {
                OrganisationId = org.Id, AccountHolderName = org.Name, BankName = faker.Random.Bool(0.85f) ? faker.PickRandom(Banks) : null,
                ProtectedSortCode = protector.Protect(faker.Random.Replace("##-##-##")),
                ProtectedAccountNumber = protector.Protect(faker.Random.Replace(faker.Random.Bool(0.8f) ? "########" : "##########")),
                UpdatedAt = now.AddDays(-faker.Random.Int(1, 300)), UpdatedBy = "staff@portal.test",
            });

        if (!await db.OrganisationInvitations.AnyAsync(ct))
            foreach (var org in orgs.Where(o => o.Status == OrganisationStatus.Active).Take(60).Where(_ => faker.Random.Bool(0.5f)))
            {
                var domain = org.BillingEmail[(org.BillingEmail.IndexOf('@') + 1)..];
                var (given, family) = (faker.Name.FirstName(), faker.Name.LastName());
                var sentDaysAgo = faker.PickRandom(0, 1, 2, 3, 5, 9);
                // The token is thrown away: demo links cannot be opened, as a real link only ever travels in its email.
                var (invitation, _) = OrganisationInvitation.Create(org.Id, $"{given}.{family}@{domain}".ToLowerInvariant(),
                    faker.Random.Bool(0.6f) ? given : null, null, faker.PickRandom(MemberRole.Member, MemberRole.Member, MemberRole.Admin),
                    null, faker.PickRandom("staff@portal.test", "admin@portal.test"), now.AddDays(-sentDaysAgo).AddHours(-faker.Random.Int(0, 8)),
                    TimeSpan.FromDays(7));
                db.OrganisationInvitations.Add(invitation);
            }
        await db.SaveChangesAsync(ct);
    }
}
