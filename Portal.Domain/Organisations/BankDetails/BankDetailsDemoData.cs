using Bogus;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>Demo bank details for about half the organisations that are not archived, encrypted as real ones are.</summary>
public sealed class BankDetailsDemoData(IDbContextFactory<PortalDbContext> dbs, BankDetailsProtector protector, TimeProvider clock) : IDemoDataSeeder
{
    private static readonly string[] Banks = ["Barclays", "HSBC UK", "Lloyds Bank", "NatWest", "Santander UK", "Starling Bank", "Metro Bank", "ABN AMRO"];

    /// <summary>After the organisations.</summary>
    public int Order => 320;

    /// <summary>Once: nothing when any organisation has bank details.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.OrganisationBankDetails.AnyAsync(ct)) return;
        var faker = new Faker("en_GB") { Random = new Randomizer(2028) };
        var now = clock.GetUtcNow();
        // Bank details are a part: each organisation is loaded tracked so the store can move its version with them.
        var orgs = await db.Organisations.Where(o => o.Status != OrganisationStatus.Archived).OrderBy(o => o.Id).ToListAsync(ct);
        foreach (var org in orgs.Where(_ => faker.Random.Bool(0.45f)))
            db.OrganisationBankDetails.Add(new OrganisationBankDetails
            {
                OrganisationId = org.Id, AccountHolderName = org.Name, BankName = faker.Random.Bool(0.85f) ? faker.PickRandom(Banks) : null,
                ProtectedSortCode = protector.Protect(faker.Random.Replace("##-##-##")),
                ProtectedAccountNumber = protector.Protect(faker.Random.Replace(faker.Random.Bool(0.8f) ? "########" : "##########")),
                UpdatedAt = now.AddDays(-faker.Random.Int(1, 300)), UpdatedBy = AdminDemoData.DemoUsers[1].Email,
            });
        await db.SaveChangesAsync(ct);
    }
}
