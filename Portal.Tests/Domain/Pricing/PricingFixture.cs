using Portal.Domain.Common;
using Portal.Domain.Pricing;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Pricing;

/// <summary>One store for a class's tests; each test makes its own group, so tests do not see each other's prices.</summary>
public sealed class PricingFixture : IAsyncLifetime
{
    public TestStore Store { get; private set; } = default!;
    public PricingGroupService Groups => Store.Get<PricingGroupService>();
    public PriceService Prices => Store.Get<PriceService>();
    public PriceImportService Import => Store.Get<PriceImportService>();
    public DateTimeOffset Now => Store.Clock.GetUtcNow();

    public async Task InitializeAsync() => Store = await TestStore.CreateAsync();
    public async Task DisposeAsync() => await Store.DisposeAsync();

    public async Task<PricingGroupRow> GroupAsync(string currency = Currencies.EUR, bool includesVat = false, string? name = null)
    {
        Store.ActAs(Roles.Staff);
        return await Groups.CreateAsync(new CreatePricingGroup { Name = name ?? $"Group {Guid.NewGuid():N}", Currency = currency, IncludesVat = includesVat });
    }

    /// <summary>Schedules a price and answers the group's new version.</summary>
    public async Task<PartResult<PriceRow>> ScheduleAsync(Guid groupId, string sku, long amount, DateTimeOffset? at = null, string vat = "NL:21", long? original = null)
    {
        var version = (await Groups.GetAsync(groupId)).Version;
        return await Prices.ScheduleAsync(groupId, new SchedulePrice { Sku = sku, Amount = amount, OriginalAmount = original, ActiveAt = at, Vat = [.. VatRates.Parse(vat)] }, version);
    }
}
