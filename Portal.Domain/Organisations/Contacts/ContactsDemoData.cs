using Bogus;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>Addresses, phone numbers and VAT numbers for the demo organisations.</summary>
public sealed class ContactsDemoData(IDbContextFactory<PortalDbContext> dbs) : IDemoDataSeeder
{
    /// <summary>After the organisations.</summary>
    public int Order => 310;

    /// <summary>Once, when no address exists yet (so a store seeded before this feature gets them too, and nobody's own data is touched).</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Set<OrganisationAddress>().AnyAsync(ct)) return;
        var organisations = await db.Organisations.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).ToListAsync(ct);
        var fakers = new DemoContacts(2027);
        foreach (var org in organisations) fakers.AddTo(org, AdminDemoData.DemoUsers[1].Email);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// Realistic contact details in each organisation's own country: local street names and postcodes (Bogus locales),
/// numbers from ranges kept for drama and tests (Ofcom's 020 7946 0xxx, the US 555-01xx), VAT numbers in the country's
/// format. Rows are made directly, not through the aggregate, so archived organisations get history-like data too.
/// </summary>
internal sealed class DemoContacts(int seed)
{
    private static readonly Dictionary<string, string> Locales = new()
    {
        ["GB"] = "en_GB", ["NL"] = "nl", ["IE"] = "en_IE", ["FR"] = "fr", ["DE"] = "de", ["US"] = "en_US", ["ZA"] = "en_ZA", ["NO"] = "nb_NO",
    };

    /// <summary>Calling code and a plausible national number (digits only) for each demo country.</summary>
    private static readonly Dictionary<string, Func<Randomizer, string>> Landlines = new()
    {
        ["GB"] = r => "+4420 79460" + r.Replace("###"),
        ["NL"] = r => "+3120" + r.Replace("#######"),
        ["IE"] = r => "+3531" + r.Replace("#######"),
        ["FR"] = r => "+331" + r.Replace("########"),
        ["DE"] = r => "+4930" + r.Replace("########"),
        ["US"] = r => "+1" + Pick(r, "212", "415", "312") + "55501" + r.Replace("##"),
        ["ZA"] = r => "+2721" + r.Replace("#######"),
    };

    /// <summary>VAT numbers in the country's format (the check digits are not real).</summary>
    private static readonly Dictionary<string, Func<Randomizer, string>> VatFormats = new()
    {
        ["GB"] = r => "GB" + r.Replace("#########"),
        ["NL"] = r => "NL" + r.Replace("#########") + "B0" + r.Number(1, 9),
        ["IE"] = r => "IE" + r.Replace("#######") + r.Char('A', 'W'),
        ["FR"] = r => "FR" + r.Replace("###########"),
        ["DE"] = r => "DE" + r.Replace("#########"),
    };

    private readonly Dictionary<string, Faker> _fakers = new();
    private readonly Randomizer _random = new(seed);

    private Faker FakerFor(string country)
    {
        var locale = Locales.GetValueOrDefault(country, "en");
        if (!_fakers.TryGetValue(locale, out var faker))
            _fakers[locale] = faker = new Faker(locale) { Random = new Randomizer(seed + _fakers.Count + 1) };
        return faker;
    }

    /// <summary>One billing and up to two shipping addresses, one or two phone numbers and, for most EU and UK ones, a VAT number.</summary>
    public void AddTo(Organisation org, string checkedBy)
    {
        org.Addresses.Add(Address(org, AddressKind.Billing, primary: true, PickOrNone(_random, "Head office", "Accounts", null, null)));
        for (var i = _random.Number(0, 2); i > 0; i--)
            org.Addresses.Add(Address(org, AddressKind.Shipping, primary: i == 1, Pick(_random, "Warehouse", "Depot", "Distribution centre", "Farm shop")));

        var landline = Landlines.GetValueOrDefault(org.CountryCode, Landlines["GB"]);
        org.PhoneNumbers.Add(Phone(org, "Main", landline(_random), primary: true));
        if (_random.Bool(0.6f))
        {
            var (label, number) = _random.Bool() && org.CountryCode == "GB"
                ? ("Depot", "+441614960" + _random.Replace("###")) // Ofcom's Manchester drama range (its mobile one, 07700 900, is no number in use)
                : (Pick(_random, "Accounts", "Warehouse", "Orders"), landline(_random));
            if (org.PhoneNumbers.All(p => p.Number != number)) org.PhoneNumbers.Add(Phone(org, label, number, primary: false));
        }

        if (VatFormats.TryGetValue(org.CountryCode, out var vatFormat) && _random.Bool(0.85f))
        {
            var vat = new OrganisationVatNumber
            {
                OrganisationId = org.Id, CountryCode = org.CountryCode, Number = vatFormat(_random), CreatedAt = org.CreatedAt.AddMinutes(5),
            };
            var roll = _random.Double();
            if (roll < 0.5) vat.RecordCheck(VatState.Valid, org.Name.ToUpperInvariant(), checkedBy, org.CreatedAt.AddDays(1));
            else if (roll < 0.65) vat.RecordCheck(VatState.Invalid, null, checkedBy, org.CreatedAt.AddDays(1));
            org.VatNumbers.Add(vat);
        }
    }

    /// <summary>For benchmark rows: just the primary billing address.</summary>
    public void AddBillingAddress(Organisation org) =>
        org.Addresses.Add(Address(org, AddressKind.Billing, primary: true, label: null));

    private OrganisationAddress Address(Organisation org, AddressKind kind, bool primary, string? label)
    {
        var f = FakerFor(org.CountryCode);
        return new OrganisationAddress
        {
            OrganisationId = org.Id, Kind = kind, IsPrimary = primary, Label = label, CreatedAt = org.CreatedAt,
            Attention = kind == AddressKind.Billing && _random.Bool(0.3f) ? "Accounts payable" : null,
            // English-speaking countries put the number first and keep it small; Bogus's own numbers run to five digits.
            Line1 = Limit(org.CountryCode is "GB" or "IE" or "US" or "ZA"
                ? $"{_random.Number(1, 250)} {f.Address.StreetName()}" : f.Address.StreetAddress(), PostalAddress.LineMaxLength),
            Line2 = _random.Bool(0.2f) ? $"Unit {_random.Number(1, 40)}" : null,
            City = Limit(f.Address.City(), PostalAddress.CityMaxLength),
            Region = org.CountryCode switch { "GB" => f.Address.County(), "US" => f.Address.StateAbbr(), _ => null },
            Postcode = Postcode(f, org.CountryCode),
            CountryCode = org.CountryCode,
        };
    }

    /// <summary>The locale's postcode, tidied; where the locale's pattern is not the country's real one, one that is.</summary>
    private string Postcode(Faker f, string country)
    {
        var postcode = PostcodeFormat.Normalise(f.Address.ZipCode(), country);
        if (PostcodeFormat.Problem(postcode, country) is null && postcode.Length <= PostalAddress.PostcodeMaxLength
            && postcode.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-'))
            return postcode;
        return country switch
        {
            "GB" => _random.Replace("??# #??").ToUpperInvariant(),
            "NL" => $"{_random.Number(1000, 9999)} {_random.Replace("??").ToUpperInvariant()}",
            _ => _random.Replace("#####"),
        };
    }

    private OrganisationPhoneNumber Phone(Organisation org, string label, string number, bool primary) => new()
    {
        OrganisationId = org.Id, Label = label, Number = PhoneNumberFormat.Normalise(number), IsPrimary = primary,
        CreatedAt = org.CreatedAt.AddMinutes(org.PhoneNumbers.Count),
    };

    private static string Pick(Randomizer r, params string[] items) => items[r.Number(0, items.Length - 1)];

    private static string? PickOrNone(Randomizer r, params string?[] items) => items[r.Number(0, items.Length - 1)];

    private static string Limit(string s, int max) => s.Length <= max ? s : s[..max].TrimEnd();
}
