using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Components.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>Modules: the catalogue, switching on and off as a change of the organisation, and the list filter.</summary>
public sealed class OrganisationModuleServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private OrganisationService Orgs => _store.Get<OrganisationService>();
    private OrganisationModuleService Modules => _store.Get<OrganisationModuleService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static ModuleRow Row(ModuleList list, string id) => list.Modules.Single(m => m.Id == id);

    [Fact]
    public void TheCatalogue_HasTheFiveAccessAreas_EachNamedDescribedAndPricedInPence()
    {
        var catalogue = Modules.Catalogue();

        Assert.Equal(["system", "account", "inventory", "trading", "logistics"], catalogue.Select(m => m.Id));
        Assert.All(catalogue, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Name));
            Assert.EndsWith(".", m.Description);
            Assert.Equal("GBP", m.Currency);
            Assert.True(m.MonthlyPriceMinor >= 0);
        });
        Assert.Equal(4900, catalogue.Single(m => m.Id == "trading").MonthlyPriceMinor);
    }

    [Fact]
    public async Task ANewOrganisation_HasEveryModuleOff()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");

        var list = await Modules.ListAsync(org.Id);

        Assert.Equal(5, list.Modules.Count);
        Assert.All(list.Modules, m => Assert.False(m.IsOn));
        Assert.Equal(0, list.MonthlyTotalMinor);
        Assert.Equal(org.Version, list.Version);
    }

    [Fact]
    public async Task SwitchOn_RecordsSinceWhenAndByWhom_AsTheAuditTrailNamesThem_AndMovesTheVersion()
    {
        var sam = await _store.SeedStaffUserAsync("sam@portal.example", "Sam Staff", Roles.Staff);
        _store.ActAs(Roles.Staff, sam.Id, "sam@portal.example");
        var org = await Orgs.CreateAsync("Acme Ltd");

        var switched = await Modules.SwitchOnAsync(org.Id, "trading", org.Version);
        var logisticsOn = await Modules.SwitchOnAsync(org.Id, "Logistics", switched.Version); // ids are not case-sensitive

        Assert.Equal(("logistics", true), (logisticsOn.Item.Id, logisticsOn.Item.IsOn));
        var list = await Modules.ListAsync(org.Id);
        var trading = Row(list, "trading");
        Assert.Equal(switched.Item, trading);
        Assert.True(trading.IsOn);
        Assert.Equal(_store.Clock.GetUtcNow(), trading.OnSince);
        Assert.Equal("sam@portal.example", trading.OnBy);
        var switchedOn = await _store.Get<AuditService>().HistoryAsync(nameof(OrganisationModule), $"{org.Id},trading", new ListQuery());
        Assert.Equal(Assert.Single(switchedOn.Items).Actor, trading.OnBy); // one name for who acted, wherever it is shown
        Assert.True(Row(list, "logistics").IsOn);
        Assert.False(Row(list, "account").IsOn);
        Assert.Equal(4900 + 3500, list.MonthlyTotalMinor);
        Assert.Equal(org.Version + 2, logisticsOn.Version);
        Assert.Equal(logisticsOn.Version, list.Version);
        await using var db = await _store.DbAsync();
        Assert.Equal(["logistics", "trading"], await db.OrganisationModules.Select(m => m.ModuleId).OrderBy(m => m).ToListAsync());
        Assert.Equal(sam.Id.ToString(), (await db.OrganisationModules.FirstAsync()).EnabledById);
    }

    [Fact]
    public async Task SwitchOn_ByAPrincipalWithoutAStaffRecord_NamesThePrincipal()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");

        var on = await Modules.SwitchOnAsync(org.Id, "account", org.Version);

        Assert.Equal("staff@test.example", on.Item.OnBy);
    }

    [Fact]
    public async Task SwitchingOnWhatIsOn_OrOffWhatIsOff_ChangesNothing()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var on = await Modules.SwitchOnAsync(org.Id, "trading", org.Version);
        _store.Clock.Advance(TimeSpan.FromDays(1));

        var again = await Modules.SwitchOnAsync(org.Id, "trading", on.Version);
        var offAlready = await Modules.SwitchOffAsync(org.Id, "account", on.Version);

        Assert.Equal(on.Version, again.Version);
        Assert.Equal(on.Version, offAlready);
        Assert.Equal(on.Item.OnSince, again.Item.OnSince);
    }

    [Fact]
    public async Task SwitchOff_RemovesIt_AndMovesTheVersion()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var on = await Modules.SwitchOnAsync(org.Id, "trading", org.Version);

        var version = await Modules.SwitchOffAsync(org.Id, "trading", on.Version);

        var off = await Modules.ListAsync(org.Id);
        Assert.False(Row(off, "trading").IsOn);
        Assert.Null(Row(off, "trading").OnSince);
        Assert.Equal(on.Version + 1, version);
        Assert.Equal(version, off.Version);
        await using var db = await _store.DbAsync();
        Assert.Empty(db.OrganisationModules);
    }

    [Fact]
    public async Task AnUnknownModuleOrOrganisation_IsNotFound_NamingIt()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");

        var error = await Assert.ThrowsAsync<NotFoundException>(() => Modules.SwitchOnAsync(org.Id, "payroll", org.Version));
        Assert.Equal("Module 'payroll' was not found.", error.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => Modules.SwitchOffAsync(org.Id, "payroll", org.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => Modules.SwitchOnAsync(Guid.CreateVersion7(), "trading", 1));
        await Assert.ThrowsAsync<NotFoundException>(() => Modules.ListAsync(Guid.CreateVersion7()));
    }

    [Fact]
    public async Task AnArchivedOrganisation_s_Modules_AreReadOnly()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var on = await Modules.SwitchOnAsync(org.Id, "trading", org.Version);
        var archived = (await Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "Closed down", Version = on.Version })).Organisation;

        Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(() => Modules.SwitchOnAsync(org.Id, "account", archived.Version))).Code);
        Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(() => Modules.SwitchOffAsync(org.Id, "trading", archived.Version))).Code);
        Assert.True(Row(await Modules.ListAsync(org.Id), "trading").IsOn);
    }

    [Fact]
    public async Task SwitchingFromAStaleVersion_IsAConcurrencyConflict_AndChangesNothing()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        await Modules.SwitchOnAsync(org.Id, "trading", org.Version);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Modules.SwitchOnAsync(org.Id, "account", org.Version));

        Assert.False(Row(await Modules.ListAsync(org.Id), "account").IsOn);
    }

    [Fact]
    public async Task Switching_IsAudited_WithTheActor()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var on = await Modules.SwitchOnAsync(org.Id, "trading", org.Version);
        _store.ActAs(Roles.Admin, email: "admin@test.example");
        await Modules.SwitchOffAsync(org.Id, "trading", on.Version);

        var history = await _store.Get<AuditService>().HistoryAsync(nameof(OrganisationModule), $"{org.Id},trading", new ListQuery());

        Assert.Equal([AuditActions.Deleted, AuditActions.Created], history.Items.Select(h => h.Action));
        Assert.Equal(["admin@test.example", "staff@test.example"], history.Items.Select(h => h.Actor));
        Assert.Contains(history.Items[1].Changes, c => c is { Field: "enabledBy", To: "staff@test.example" }); // the id (organisation, module) is the entry's own
    }

    [Fact]
    public async Task Switching_IsForStaffAndAdmins_ViewersMayRead_WarehouseNeither()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");

        _store.ActAs(Roles.Viewer);
        Assert.Equal(5, (await Modules.ListAsync(org.Id)).Modules.Count);
        Assert.Equal(5, Modules.Catalogue().Count);
        await Assert.ThrowsAsync<ForbiddenException>(() => Modules.SwitchOnAsync(org.Id, "trading", org.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => Modules.SwitchOffAsync(org.Id, "trading", org.Version));
        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => Modules.ListAsync(org.Id));
        Assert.Throws<ForbiddenException>(() => Modules.Catalogue());
    }

    [Fact]
    public async Task TheOrganisationsList_FiltersByAModuleThatIsOn()
    {
        var acme = await Orgs.CreateAsync("Acme Ltd");
        var other = await Orgs.CreateAsync("Other Farms Ltd");
        await Orgs.CreateAsync("Third Ltd");
        await Modules.SwitchOnAsync(acme.Id, "trading", acme.Version);
        var on = await Modules.SwitchOnAsync(other.Id, "trading", other.Version);
        await Modules.SwitchOffAsync(other.Id, "trading", on.Version);

        var trading = await Orgs.ListAsync(new OrganisationQuery { Module = "Trading" });

        Assert.Equal(["Acme Ltd"], trading.Items.Select(o => o.Name));
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.ListAsync(new OrganisationQuery { Module = "payroll" }));
        Assert.Contains("system, account, inventory, trading, logistics", Assert.Single(error.Errors["module"]));
    }
}
