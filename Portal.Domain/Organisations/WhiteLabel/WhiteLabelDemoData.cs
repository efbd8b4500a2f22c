using Bogus;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// White-label domains through the organisations' own rules: about two in three organisations that are not archived
/// have 1–2 domains named after them (portal.brightwater-logistics.co.uk), unique across the portal.
/// </summary>
public sealed class WhiteLabelDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock) : IDemoDataSeeder
{
    /// <summary>After the organisations.</summary>
    public int Order => 350;

    /// <summary>Once: nothing when any domain exists.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.WhiteLabelDomains.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        var faker = new Faker("en_GB") { Random = new Randomizer(2030) };
        var orgs = await db.Organisations.Include(o => o.Domains)
            .Where(o => o.Status != OrganisationStatus.Archived).OrderBy(o => o.Name).ThenBy(o => o.Id).ToListAsync(ct);
        var taken = new HashSet<string>();
        string[] colours = ["#1F5FBF", "#2E7D32", "#C62828", "#6A1B9A", "#EF6C00", "#00838F", "#37474F", "#AD1457", "#5D4037"];
        string[] prefixes = ["portal", "trade"];
        foreach (var org in orgs)
        {
            if (faker.Random.Bool(0.35f)) continue;
            var since = org.CreatedAt.AddDays(faker.Random.Double(0, 30));
            if (since > now) since = now;
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
}
