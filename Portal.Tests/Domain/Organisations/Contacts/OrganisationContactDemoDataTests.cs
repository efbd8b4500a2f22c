using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>The demo and benchmark contact details obey the same rules as what staff enter.</summary>
[Collection(DemoDataCollection.Name)]
public sealed class OrganisationContactDemoDataTests(SeededDemoStore demo)
{
    [Fact]
    public async Task EveryDemoOrganisation_GetsValidAddressesPhonesAndMostAVatNumber_Once()
    {
        var store = demo.Store;
        await store.Get<DemoData>().SeedAsync(); // a second start adds nothing

        await using var db = await store.DbAsync();
        var orgs = await db.Organisations.AsNoTracking().AsSplitQuery()
            .Include(o => o.Addresses).Include(o => o.PhoneNumbers).Include(o => o.VatNumbers).ToListAsync();
        Assert.Equal(300, orgs.Count);
        var addressValidator = store.Get<IValidator<AddressFields>>();
        var phoneValidator = store.Get<IValidator<PhoneNumberFields>>();
        var vatValidator = store.Get<IValidator<VatNumberFields>>();
        foreach (var org in orgs)
        {
            var billing = Assert.Single(org.Addresses, a => a.Kind == AddressKind.Billing);
            Assert.True(billing.IsPrimary);
            var shipping = org.Addresses.Where(a => a.Kind == AddressKind.Shipping).ToList();
            Assert.InRange(shipping.Count, 0, 2);
            if (shipping.Count > 0) Assert.Single(shipping, a => a.IsPrimary);
            Assert.All(org.Addresses, a => Assert.Equal(org.CountryCode, a.CountryCode));
            foreach (var a in org.Addresses)
            {
                var result = await addressValidator.ValidateAsync(new AddressFields
                {
                    Kind = a.Kind, Label = a.Label, Attention = a.Attention, Line1 = a.Line1, Line2 = a.Line2, City = a.City, Region = a.Region,
                    Postcode = a.Postcode, CountryCode = a.CountryCode,
                });
                Assert.True(result.IsValid, $"{org.CountryCode} {a.Postcode}: {result}");
            }
            Assert.InRange(org.PhoneNumbers.Count, 1, 2);
            Assert.Single(org.PhoneNumbers, p => p.IsPrimary);
            foreach (var p in org.PhoneNumbers)
            {
                Assert.Matches(PhoneNumberFormat.E164Pattern, p.Number);
                Assert.True((await phoneValidator.ValidateAsync(new PhoneNumberFields { Label = p.Label, Number = p.Number })).IsValid, p.Number);
            }
            foreach (var v in org.VatNumbers)
            {
                var result = await vatValidator.ValidateAsync(new VatNumberFields { CountryCode = v.CountryCode, Number = v.Number });
                Assert.True(result.IsValid, $"{v.Number}: {result}");
                Assert.Equal(v.Number, VatNumberFormat.Normalise(v.CountryCode, v.Number));
            }
        }
        var withVat = orgs.Where(o => o.CountryCode is "GB" or "NL" or "IE" or "FR" or "DE").ToList();
        Assert.True(withVat.Count(o => o.VatNumbers.Count == 1) > withVat.Count * 0.7, "most EU and UK organisations have a VAT number");
        Assert.Empty(orgs.Where(o => o.CountryCode is "US" or "ZA").SelectMany(o => o.VatNumbers));
        var states = withVat.SelectMany(o => o.VatNumbers).GroupBy(v => v.State).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, states.Count); // Unverified, Valid and Invalid all appear
        Assert.All(withVat.SelectMany(o => o.VatNumbers).Where(v => v.State != VatState.Unverified),
            v => Assert.Equal(AdminDemoData.DemoUsers[1].Email, v.CheckedBy));
    }

    [Fact]
    public async Task BenchmarkOrganisations_EachGetOnePrimaryBillingAddress()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Get<OrganisationDemoData>().SeedForBenchmarkAsync(2500);

        await using var db = await store.DbAsync();
        Assert.Equal(2500, await db.Organisations.CountAsync());
        Assert.Equal(2500, await db.Set<OrganisationAddress>().CountAsync(a => a.Kind == AddressKind.Billing && a.IsPrimary));
        Assert.Equal(0, await db.Organisations.CountAsync(o => o.Addresses.Count != 1));
    }
}
