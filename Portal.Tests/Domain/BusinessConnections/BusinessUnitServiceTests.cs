using System.Text;
using Portal.Domain.BusinessConnections;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.BusinessConnections;

public sealed class BusinessUnitServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private BusinessUnitService Units => _store.Get<BusinessUnitService>();
    private CertificateService Certificates => _store.Get<CertificateService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Create_StoresTheNormalisedFields_AndAMapLink()
    {
        var org = await _store.AddOrganisationAsync("Up Marden Farms");
        var command = BusinessConnectionsTestData.NewUnit(org.Organisation.Id);
        command.HoldingNumber = "11 111 1111";
        command.What3Words = "Filled.Count.Soap";
        command.Phone = "01243 555000";

        var unit = await Units.CreateAsync(command);

        Assert.Equal("11/111/1111", unit.HoldingNumber);
        Assert.Equal("///filled.count.soap", unit.What3Words);
        Assert.Equal("+441243555000", unit.Phone);
        Assert.Equal(["arable", "south"], unit.Tags);
        Assert.Contains("mlat=50.9121", unit.MapLink);
        Assert.False(unit.IsAssured);
    }

    [Fact]
    public async Task Create_ForAnUnknownOrganisation_IsAFieldError()
    {
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Units.CreateAsync(BusinessConnectionsTestData.NewUnit(Guid.CreateVersion7())));
        Assert.True(error.Errors.ContainsKey("organisationId"));
    }

    [Fact]
    public async Task ConcurrentEdits_OfOneUnit_TheSecondIsAConcurrencyError()
    {
        var org = await _store.AddOrganisationAsync("Up Marden Farms");
        var unit = await _store.AddUnitAsync(org.Organisation.Id);
        var first = BusinessConnectionsTestData.NewUnit(org.Organisation.Id, "Renamed once");
        var second = BusinessConnectionsTestData.NewUnit(org.Organisation.Id, "Renamed twice");

        await Units.UpdateAsync(unit.Id, first, unit.Version);
        await Assert.ThrowsAsync<ConcurrencyException>(() => Units.UpdateAsync(unit.Id, second, unit.Version));
        Assert.Equal("Renamed once", (await Units.GetAsync(unit.Id)).Name);
    }

    [Fact]
    public async Task Units_MoveBetweenTheirOrganisationsRegions_Only()
    {
        var org = await _store.AddOrganisationAsync("Up Marden Farms");
        var other = await _store.AddOrganisationAsync("Elsewhere Ltd");
        var north = await _store.AddUnitAsync(org.Organisation.Id, "North", BusinessUnitType.Region);
        var south = await _store.AddUnitAsync(org.Organisation.Id, "South", BusinessUnitType.Region);
        var foreign = await _store.AddUnitAsync(other.Organisation.Id, "Foreign", BusinessUnitType.Region);
        var farm = await _store.AddUnitAsync(org.Organisation.Id);

        var moved = await Units.MoveAsync(farm.Id, new MoveBusinessUnit { RegionId = north.Id }, farm.Version);
        Assert.Equal("North", moved.ParentRegionName);
        moved = await Units.MoveAsync(farm.Id, new MoveBusinessUnit { RegionId = south.Id }, moved.Version);
        Assert.Equal(south.Id, moved.ParentRegionId);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Units.MoveAsync(farm.Id, new MoveBusinessUnit { RegionId = foreign.Id }, moved.Version));
        Assert.Contains("another organisation", error.Errors["regionId"][0]);
        var intoAFarm = await Assert.ThrowsAsync<DomainValidationException>(() => Units.MoveAsync(farm.Id, new MoveBusinessUnit { RegionId = farm.Id }, moved.Version));
        Assert.Contains("not a region", intoAFarm.Errors["regionId"][0]);
        var regionInRegion = await Assert.ThrowsAsync<ConflictException>(() => Units.MoveAsync(north.Id, new MoveBusinessUnit { RegionId = south.Id }, north.Version));
        Assert.Equal("business_unit.region_in_region", regionInRegion.Code);
    }

    [Fact]
    public async Task Archive_HidesTheUnitFromTheDefaultList_AndRestoreBringsItBack()
    {
        var org = await _store.AddOrganisationAsync("Up Marden Farms");
        var unit = await _store.AddUnitAsync(org.Organisation.Id);

        var archived = await Units.ArchiveAsync(unit.Id, unit.Version);
        Assert.Equal(0, (await Units.ListAsync(new BusinessUnitQuery { OrganisationId = org.Organisation.Id })).Total);
        Assert.Equal("business_unit.archived", (await Assert.ThrowsAsync<ConflictException>(() =>
            Units.UpdateAsync(unit.Id, BusinessConnectionsTestData.NewUnit(org.Organisation.Id), archived.Version))).Code);

        await Units.RestoreAsync(unit.Id, archived.Version);
        Assert.Equal(1, (await Units.ListAsync(new BusinessUnitQuery { OrganisationId = org.Organisation.Id })).Total);
    }

    [Fact]
    public async Task List_FiltersByTypeTagCountrySchemeAndSearch()
    {
        var org = await _store.AddOrganisationAsync("Up Marden Farms");
        var farm = await _store.AddUnitAsync(org.Organisation.Id, "Pitlands Farm");
        var store = BusinessConnectionsTestData.NewUnit(org.Organisation.Id, "Wold Grain Store", BusinessUnitType.Stores);
        store.Tags = ["north"]; store.Postcode = "YO17 7LP"; store.HoldingNumber = "22/222/2222";
        await Units.CreateAsync(store);

        async Task<string[]> Names(BusinessUnitQuery q) => [.. (await Units.ListAsync(q with { OrganisationId = org.Organisation.Id })).Items.Select(i => i.Name)];

        Assert.Equal(["Wold Grain Store"], await Names(new BusinessUnitQuery { Type = BusinessUnitType.Stores }));
        Assert.Equal(["Pitlands Farm"], await Names(new BusinessUnitQuery { Tag = "south" }));
        Assert.Equal(["Pitlands Farm", "Wold Grain Store"], await Names(new BusinessUnitQuery { Scheme = "rt", Country = "gb" }));
        Assert.Equal(["Wold Grain Store"], await Names(new BusinessUnitQuery { Q = "22 222 2222" }));
        Assert.Equal(["Wold Grain Store"], await Names(new BusinessUnitQuery { Q = "yo17" }));
        Assert.Equal(["Pitlands Farm"], await Names(new BusinessUnitQuery { Q = "tland" }));
        Assert.Empty(await Names(new BusinessUnitQuery { Tag = "sou" }));
        _ = farm;
    }

    [Fact]
    public async Task CertificateStatus_FollowsTheClock_ValidThenGraceThenExpired()
    {
        var expiry = _store.Clock.GetUtcNow().AddDays(10);
        var certificate = await _store.AddCertificateAsync("RT0001", expiry);
        var grace = Certificates.Options.Grace;

        Assert.Equal(CertificateStatus.Valid, (await Certificates.GetAsync(certificate.Id)).Status);
        _store.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(CertificateStatus.Valid, (await Certificates.GetAsync(certificate.Id)).Status);
        _store.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CertificateStatus.Grace, (await Certificates.GetAsync(certificate.Id)).Status);
        _store.Clock.Advance(grace - TimeSpan.FromSeconds(1));
        Assert.Equal(CertificateStatus.Grace, (await Certificates.GetAsync(certificate.Id)).Status);
        _store.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CertificateStatus.Expired, (await Certificates.GetAsync(certificate.Id)).Status);
        Assert.Equal([certificate.Id], (await Certificates.ListAsync(new CertificateQuery { Status = CertificateStatus.Expired })).Items.Select(c => c.Id));
    }

    [Fact]
    public async Task TheWorkQueue_IsCertificatesExpiringWithin30Days_OrInGrace()
    {
        var now = _store.Clock.GetUtcNow();
        var soon = await _store.AddCertificateAsync("SOON", now.AddDays(29));
        await _store.AddCertificateAsync("LATER", now.AddDays(31));
        var inGrace = await _store.AddCertificateAsync("GRACE", now.AddDays(-3));
        await _store.AddCertificateAsync("GONE", now.AddDays(-200));

        var queue = await Certificates.ListAsync(new CertificateQuery { NeedsAttention = true });

        Assert.Equal([inGrace.Id, soon.Id], queue.Items.Select(c => c.Id));
        var dashboard = (await _store.Get<Portal.Domain.DashboardService>().GetCountsAsync()).BusinessConnections!;
        Assert.Equal((1, 1), (dashboard.CertificatesExpiringSoon, dashboard.CertificatesInGrace));
    }

    [Fact]
    public async Task Lookup_FindsHeldCertificatesByAlpha3CountryPostcodeOrHolding_ValidOrGraceOnly_AndLinkingMakesTheUnitAssured()
    {
        var now = _store.Clock.GetUtcNow();
        var valid = await _store.AddCertificateAsync("VALID", now.AddDays(100), "11/111/1111", "PO18 9JP");
        var grace = await _store.AddCertificateAsync("GRACE", now.AddDays(-5), "11/111/1111", "PO18 9JP");
        await _store.AddCertificateAsync("EXPIRED", now.AddDays(-100), "11/111/1111", "PO18 9JP");
        await _store.AddCertificateAsync("OTHER", now.AddDays(100), "22/222/2222", "LN1 3DY");

        var byHolding = await Certificates.LookupAsync(new CertificateLookupQuery { Country = "GBR", HoldingNumber = "111111111" });
        var byPostcode = await Certificates.LookupAsync(new CertificateLookupQuery { Postcode = "po189jp" });
        var elsewhere = await Certificates.LookupAsync(new CertificateLookupQuery { Country = "FRA", HoldingNumber = "11/111/1111" });

        Assert.Equal([valid.Id, grace.Id], byHolding.Select(c => c.Id));
        Assert.Equal([valid.Id, grace.Id], byPostcode.Select(c => c.Id));
        Assert.Empty(elsewhere);

        var org = await _store.AddOrganisationAsync("Up Marden Farms");
        var unit = await _store.AddUnitAsync(org.Organisation.Id);
        var linked = await Units.LinkCertificateAsync(unit.Id, new LinkCertificate { CertificateId = valid.Id }, unit.Version);
        Assert.True(linked.IsAssured);
        Assert.Equal(unit.Version + 1, linked.Version);
        Assert.Equal([unit.Id], (await Units.ListAsync(new BusinessUnitQuery { CertificateStatus = CertificateStatus.Valid })).Items.Select(u => u.Id));

        var again = await Assert.ThrowsAsync<ConflictException>(() => Units.LinkCertificateAsync(unit.Id, new LinkCertificate { CertificateId = valid.Id }, linked.Version));
        Assert.Equal("certificate.already_linked", again.Code);
    }

    [Fact]
    public async Task Import_SavesTheGoodRows_ReportsTheBadOnes_WithAFailedRowsFile()
    {
        var org = await _store.AddOrganisationAsync("Up Marden Farms");
        await _store.AddUnitAsync(org.Organisation.Id, "Already There");
        var header = string.Join(',', BusinessUnitImportService.Columns);
        string Row(string type, string name, string holding, string lat = "50.9", string w3w = "///filled.count.soap") =>
            $",{type},{name},,Lane,,Chichester,,PO18 9JP,GB,{lat},-0.8,{w3w},,,arable|south,,,RT,{holding},,false,";
        var csv = string.Join('\n', header,
            Row("farm", "Good Farm", "11/111/1111"),
            Row("stores", "Good Store", "22 222 2222"),
            Row("farm", "Bad Holding", "1/11/1"),
            Row("barn", "Bad Type", "11/111/1111"),
            Row("farm", "Bad Latitude", "11/111/1111", lat: "95"),
            Row("farm", "Bad Words", "11/111/1111", w3w: "two.words"),
            Row("farm", "Already There", "11/111/1111"),
            Row("farm", "Good Farm", "11/111/1111"));

        var report = await _store.Get<BusinessUnitImportService>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), org.Organisation.Id);

        Assert.Equal(8, report.Total);
        Assert.Equal(2, report.Imported);
        Assert.Equal(["holdingNumber", "type", "latitude", "what3words", "name", "name"], report.Errors.Select(e => e.Field));
        Assert.Contains("Bad Holding", report.FailedRowsCsv);
        Assert.DoesNotContain("Good Store", report.FailedRowsCsv);
        var names = (await Units.ListAsync(new BusinessUnitQuery { OrganisationId = org.Organisation.Id })).Items.Select(u => u.Name);
        Assert.Equal(["Already There", "Good Farm", "Good Store"], names);
    }

    [Fact]
    public async Task Import_WithWrongHeadersOrNotUtf8_IsRefusedWhole()
    {
        var org = await _store.AddOrganisationAsync("Up Marden Farms");
        var import = _store.Get<BusinessUnitImportService>();

        var headers = await Assert.ThrowsAsync<DomainValidationException>(() => import.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("name,type\nA,farm")), org.Organisation.Id));
        Assert.Contains("columns", headers.Errors.Values.First()[0]);
        var latin1 = Encoding.Latin1.GetBytes(string.Join(',', BusinessUnitImportService.Columns) + "\n,farm,Caf\u00e9 Farm,,Lane,,Town,,PO18 9JP,GB,,,,,,,,,,,,false,");
        var encoding = await Assert.ThrowsAsync<DomainValidationException>(() => import.ImportAsync(new MemoryStream(latin1), org.Organisation.Id));
        Assert.Contains("UTF-8", encoding.Errors.Values.First()[0]);
        Assert.Equal(0, (await Units.ListAsync(new BusinessUnitQuery { OrganisationId = org.Organisation.Id })).Total);
    }
}
