using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Pricing;

namespace Portal.Tests.Domain.Pricing;

public sealed class PricingGroupServiceTests(PricingFixture f) : IClassFixture<PricingFixture>
{
    [Fact]
    public async Task Currency_AndVatMode_AreFixedOnceCreated()
    {
        var group = await f.GroupAsync(Currencies.GBP, includesVat: true);

        var currency = await Assert.ThrowsAsync<ConflictException>(() =>
            f.Groups.UpdateAsync(group.Id, new UpdatePricingGroup { Name = group.Name, Currency = "EUR" }, group.Version));
        var vat = await Assert.ThrowsAsync<ConflictException>(() =>
            f.Groups.UpdateAsync(group.Id, new UpdatePricingGroup { Name = group.Name, IncludesVat = false }, group.Version));
        var renamed = await f.Groups.UpdateAsync(group.Id, new UpdatePricingGroup { Name = "Renamed " + group.Name, Currency = "gbp", Metadata = new() { ["erp"] = "X1" } }, group.Version);

        Assert.Equal("pricing_group.currency_fixed", currency.Code);
        Assert.Equal("pricing_group.vat_mode_fixed", vat.Code);
        Assert.Equal((Currencies.GBP, true, "X1"), (renamed.Currency, renamed.IncludesVat, renamed.Metadata["erp"]));
    }

    [Fact]
    public async Task AnUnknownCurrency_IsAFieldError()
    {
        f.Store.ActAs(Roles.Staff);
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => f.Groups.CreateAsync(new CreatePricingGroup { Name = "Bad money", Currency = "XYZ" }));
        Assert.Contains("currency", error.Errors.Keys);
    }

    [Fact]
    public async Task Name_IsUniqueAmongEnabledGroups_AndEnablingAgainChecksIt()
    {
        var name = $"Retail {Guid.NewGuid():N}";
        var first = await f.GroupAsync(name: name);
        var taken = await Assert.ThrowsAsync<ConflictException>(() => f.GroupAsync(name: name.ToUpperInvariant()));
        Assert.Equal("pricing_group.name_taken", taken.Code);

        var disabled = await f.Groups.DisableAsync(first.Id, first.Version);
        var second = await f.GroupAsync(name: name); // the disabled group's name is free again

        f.Store.ActAs(Roles.Admin);
        var enable = await Assert.ThrowsAsync<ConflictException>(() => f.Groups.EnableAsync(first.Id, disabled.Version));
        Assert.Equal("pricing_group.name_taken", enable.Code);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task ADisabledGroup_KeepsItsPrices_TakesNoNewOnesOrOrganisations_AndOnlyAnAdminEnablesIt()
    {
        var group = await f.GroupAsync();
        var price = await f.ScheduleAsync(group.Id, "KEEP", 100);
        var org = await f.Store.Get<OrganisationService>().CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = $"Org {Guid.NewGuid():N}", BillingEmail = "a@example.com", CountryCode = "GB" });
        var disabled = await f.Groups.DisableAsync(group.Id, price.Version);

        var schedule = await Assert.ThrowsAsync<ConflictException>(() => f.ScheduleAsync(group.Id, "KEEP", 200));
        var assign = await Assert.ThrowsAsync<ConflictException>(() =>
            f.Groups.AssignAsync(org.Organisation.Id, new AssignPricingGroup { PricingGroupId = group.Id }, org.Organisation.Version));
        var import = await Assert.ThrowsAsync<ConflictException>(() => f.Import.ImportAsync(group.Id, PriceImportService.Pasted("KEEP,300,,,"), apply: false));
        await Assert.ThrowsAsync<ForbiddenException>(() => f.Groups.EnableAsync(group.Id, disabled.Version));

        Assert.All([schedule.Code, assign.Code, import.Code], c => Assert.Equal("pricing_group.disabled", c));
        Assert.Equal(100, (await f.Prices.LookupAsync(group.Id, "KEEP", null, null, null)).Amount.Minor);
        f.Store.ActAs(Roles.Admin);
        var enabled = await f.Groups.EnableAsync(group.Id, disabled.Version);
        Assert.Null(enabled.DisabledAt);
        Assert.Equal(1, enabled.PriceCount);
    }

    [Fact]
    public async Task AnOrganisation_IsAssignedAGroup_AndTheListFiltersByIt()
    {
        var group = await f.GroupAsync();
        var orgs = f.Store.Get<OrganisationService>();
        var org = await orgs.CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = $"Assigned {Guid.NewGuid():N}", BillingEmail = "b@example.com", CountryCode = "NL" });

        var version = await f.Groups.AssignAsync(org.Organisation.Id, new AssignPricingGroup { PricingGroupId = group.Id }, org.Organisation.Version);

        Assert.Equal(org.Organisation.Version + 1, version);
        Assert.Equal(group.Id, (await f.Groups.OfOrganisationAsync(org.Organisation.Id))!.Id);
        Assert.Equal([org.Organisation.Id], (await orgs.ListAsync(new OrganisationQuery { PricingGroupId = group.Id })).Items.Select(o => o.Id));
        Assert.Equal(1, (await f.Groups.GetAsync(group.Id)).OrganisationCount);
        await Assert.ThrowsAsync<ConcurrencyException>(() => f.Groups.UnassignAsync(org.Organisation.Id, org.Organisation.Version));
        Assert.Equal(version + 1, await f.Groups.UnassignAsync(org.Organisation.Id, version));
        await Assert.ThrowsAsync<DomainValidationException>(() => f.Groups.AssignAsync(org.Organisation.Id, new AssignPricingGroup(), version + 1));
    }
}
