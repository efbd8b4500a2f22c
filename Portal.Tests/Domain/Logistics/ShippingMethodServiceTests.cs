using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Logistics;

public sealed class ShippingMethodServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private ShippingMethodService Methods => _store.Get<ShippingMethodService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static ShippingMethodFields Dpd(params string[] countries) => new()
    {
        Carrier = "DPD", Service = "next-day", Name = "DPD Next Day", Countries = [.. countries], MaxWeightGrams = 30_000,
    };

    [Fact]
    public async Task AMethod_IsFoundByTheCountriesItServes()
    {
        var dpd = await Methods.CreateAsync(Dpd("gb", "IE"));
        await Methods.CreateAsync(new ShippingMethodFields { Carrier = "postnl", Service = "standard", Name = "PostNL", Countries = ["NL"] });

        Assert.Equal(["GB", "IE"], dpd.Countries);
        Assert.Equal("dpd", dpd.Carrier);
        Assert.Equal(["DPD Next Day"], (await Methods.ListAsync(new ShippingMethodQuery { Country = "IE" })).Items.Select(m => m.Name));
    }

    [Fact]
    public async Task CarrierAndService_AreUnique_AndCountriesAreChecked()
    {
        await Methods.CreateAsync(Dpd("GB"));
        Assert.True((await Assert.ThrowsAsync<DomainValidationException>(() => Methods.CreateAsync(Dpd("GB")))).Errors.ContainsKey("service"));
        Assert.Contains((await Assert.ThrowsAsync<DomainValidationException>(() => Methods.CreateAsync(Dpd("ZZ")))).Errors.Keys, k => k.StartsWith("countries"));
    }
}
