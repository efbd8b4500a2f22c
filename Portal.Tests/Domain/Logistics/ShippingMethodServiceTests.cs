using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Logistics;
using Portal.Domain.Store;
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

    [Fact]
    public async Task ACreateThatLosesTheRaceToTheUniqueIndex_IsAConflictWithACode_AndSavesNothing()
    {
        var rival = new RivalSavesFirst();
        await using var store = await TestStore.CreateAsync(s => s.ConfigureDbContext<PortalDbContext>(o => o.AddInterceptors(rival)));
        store.ActAs(Roles.Staff);
        var methods = store.Get<ShippingMethodService>();

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => methods.CreateAsync(Dpd("GB")));

        Assert.Equal("shipping_method.duplicate", conflict.Code);
        Assert.Contains("already a method for dpd next-day", conflict.Message);
        Assert.Equal(["Rival"], (await methods.ListAsync(new ShippingMethodQuery { Carrier = "dpd" })).Items.Select(m => m.Name));
    }

    /// <summary>
    /// Another request saving the same carrier and service after this one's check and before its save: the moment the
    /// service's own check cannot see, which only the unique index catches.
    /// </summary>
    private sealed class RivalSavesFirst : SaveChangesInterceptor
    {
        private bool _fired;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            if (!_fired && eventData.Context!.ChangeTracker.Entries<ShippingMethod>().Any(e => e.State == EntityState.Added))
            {
                _fired = true;
                var options = (DbContextOptions<PortalDbContext>)eventData.Context.GetService<IDbContextOptions>();
                await using var other = new PortalDbContext(options);
                other.ShippingMethods.Add(new ShippingMethod { Carrier = "dpd", Service = "next-day", Name = "Rival" });
                await other.SaveChangesAsync(ct);
            }
            return result;
        }
    }
}
