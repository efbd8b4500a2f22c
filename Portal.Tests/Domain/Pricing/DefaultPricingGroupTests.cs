using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Pricing;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Pricing;

/// <summary>Pricing:DefaultGroup: every new organisation joins it, however it is made (the form and the API share CreateAsync; the import).</summary>
public sealed class DefaultPricingGroupTests
{
    private const string DefaultName = "House prices";

    private static Task<TestStore> StoreAsync(string? defaultGroup = DefaultName) =>
        TestStore.CreateAsync(s => s.Configure<PricingOptions>(o => o.DefaultGroup = defaultGroup));

    private static async Task<PricingGroupRow> GroupAsync(TestStore store, string name)
    {
        store.ActAs(Roles.Staff);
        return await store.Get<PricingGroupService>().CreateAsync(new CreatePricingGroup { Name = name, Currency = Currencies.EUR });
    }

    private static Task<OrganisationDetails> CreateAsync(TestStore store)
    {
        store.ActAs(Roles.Staff);
        return store.Get<OrganisationService>().CreateAsync(new CreateOrganisation { Name = $"Org {Guid.NewGuid():N}", BillingEmail = "a@example.com", CountryCode = "GB" });
    }

    private static async Task<Guid?> GroupOfAsync(TestStore store, Guid organisationId)
    {
        await using var db = await store.DbAsync();
        return await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.PricingGroupId).SingleAsync();
    }

    [Fact]
    public async Task ANewOrganisation_FromTheFormOrApi_OrAnImport_JoinsTheDefaultGroup_NamedInAnyCase()
    {
        await using var store = await StoreAsync(DefaultName.ToUpperInvariant());
        await GroupAsync(store, "Another group");
        var house = await GroupAsync(store, DefaultName);

        var created = await CreateAsync(store);
        var import = await store.Get<OrganisationImportService>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(
            string.Join(",", OrganisationImportService.Columns) + "\nImported One Ltd,,one@example.com,,GB,false,false,,,,\nImported Two Ltd,,two@example.com,,NL,false,false,,,,\n")));

        Assert.Equal(house.Id, await GroupOfAsync(store, created.Organisation.Id));
        Assert.Equal(2, import.Imported);
        await using var db = await store.DbAsync();
        Assert.Equal([house.Id, house.Id], await db.Organisations.Where(o => o.Name.StartsWith("Imported")).Select(o => o.PricingGroupId).ToListAsync());
        Assert.Equal(3, (await store.Get<PricingGroupService>().GetAsync(house.Id)).OrganisationCount);
    }

    [Fact]
    public async Task TheDefaultGroup_ByItsId_IsGivenToo()
    {
        await using var store = await TestStore.CreateAsync();
        var group = await GroupAsync(store, "By id");
        store.Get<Microsoft.Extensions.Options.IOptionsMonitor<PricingOptions>>().CurrentValue.DefaultGroup = group.Id.ToString();

        var created = await CreateAsync(store);

        Assert.Equal(group.Id, await GroupOfAsync(store, created.Organisation.Id));
    }

    [Fact]
    public async Task ADisabledOrMissingDefault_IsNotGiven_AndTheOrganisationIsStillCreated()
    {
        await using var store = await StoreAsync();
        var missing = await CreateAsync(store); // no group of that name yet
        var house = await GroupAsync(store, DefaultName);
        await store.Get<PricingGroupService>().DisableAsync(house.Id, house.Version);

        var disabled = await CreateAsync(store);

        Assert.Null(await GroupOfAsync(store, missing.Organisation.Id));
        Assert.Null(await GroupOfAsync(store, disabled.Organisation.Id));
    }

    [Fact]
    public async Task WithoutADefault_NewOrganisationsStartInNoGroup()
    {
        await using var store = await StoreAsync(defaultGroup: null);
        await GroupAsync(store, DefaultName);

        var created = await CreateAsync(store);

        Assert.Null(await GroupOfAsync(store, created.Organisation.Id));
    }
}
