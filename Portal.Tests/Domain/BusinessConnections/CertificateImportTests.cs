using System.Text;
using Portal.Domain.BusinessConnections;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.BusinessConnections;

/// <summary>The scheme's certificate file and the certificates page's filters. One store: every test uses identifiers of its own.</summary>
public sealed class CertificateImportTests(BusinessConnectionsStoreFixture fixture) : IClassFixture<BusinessConnectionsStoreFixture>
{
    private readonly TestStore _store = fixture.Store;
    private CertificateImportService Import => _store.Get<CertificateImportService>();
    private CertificateService Certificates => _store.Get<CertificateService>();
    private static readonly string Header = string.Join(',', CertificateImportService.Columns);

    private static string Line(string id, string expiry, string holding, string postcode = "PO18 9JP", string primary = "true", string country = "United Kingdom", string enterprises = "Combinable Crops") =>
        $"{id},{enterprises},{expiry},holdingno,{holding},{primary},Up Marden Farms,Pitlands Farm,{postcode},{country}";

    private Task<CsvImportReport> RunAsync(bool dryRun, params string[] lines) =>
        Import.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines.Prepend(Header)))), dryRun);

    [Fact]
    public async Task MixedLines_GoodCertificatesSavedWhole_ABadLineRefusesItsWholeCertificate()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var report = await RunAsync(false,
            Line($"A{tag}", "2027-01-31T00:00:00.000+00:00", "11/111/1111"),
            Line($"A{tag}", "2027-01-31T00:00:00.000+00:00", "22 222 2222", "LN1 3DY", primary: "false", enterprises: "Beef and Lamb"),
            Line($"B{tag}", "2027-03-01", "33/333/3333", country: "GBR"),
            Line($"B{tag}", "2027-03-01", "1/11/1", primary: "false"),
            Line($"C{tag}", "not a date", "44/444/4444"),
            Line($"D{tag}", "2027-03-01", "55/555/5555", country: "Narnia"),
            Line("", "2027-03-01", "66/666/6666"));

        Assert.Equal((7, 2), (report.Total, report.Imported));
        Assert.Equal([(3, "certificateIdentifier"), (4, "identifier"), (5, "certificateExpiryDate"), (6, "siteCountry"), (7, "certificateIdentifier")],
            report.Errors.Select(e => (e.Row, e.Field)).Order());
        Assert.Contains("saved with all its sites or not at all", report.Errors.First(e => e.Row == 3).Message);
        Assert.Contains($"B{tag}", report.FailedRowsCsv);
        Assert.DoesNotContain($"A{tag}", report.FailedRowsCsv);

        var held = (await Certificates.ListAsync(new CertificateQuery { Q = tag })).Items;
        var a = Assert.Single(held);
        Assert.Equal(($"A{tag}", new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero)), (a.Identifier, a.ExpiresAt));
        Assert.Equal(["Combinable Crops", "Beef and Lamb"], a.Enterprises);
        Assert.Equal([("11/111/1111", true, "GB"), ("22/222/2222", false, "GB")], a.Sites.Select(s => (s.Identifier, s.IsPrimary, s.CountryCode)));
    }

    [Fact]
    public async Task ACertificatePortalHolds_IsRenewed_ItsUnitLinkKept_AndADryRunSavesNothing()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var now = _store.Clock.GetUtcNow();
        var certificate = await _store.AddCertificateAsync($"R{tag}", now.AddDays(5), "77/777/7777");
        var org = await _store.AddOrganisationAsync($"Renewals {tag}");
        var unit = await _store.AddUnitAsync(org.Organisation.Id, $"Renewed Farm {tag}");
        await _store.Get<BusinessUnitService>().LinkCertificateAsync(unit.Id, new LinkCertificate { CertificateId = certificate.Id }, unit.Version);
        var renewal = Line($"R{tag}", "2028-06-30", "77/777/7777", "YO17 7LP", enterprises: "Dairy");

        var dry = await RunAsync(true, renewal);
        Assert.Equal((1, 0), (dry.Total, dry.Imported));
        Assert.Equal(now.AddDays(5), (await Certificates.GetAsync(certificate.Id)).ExpiresAt);

        var report = await RunAsync(false, renewal);
        Assert.Equal((1, 1), (report.Total, report.Imported));
        var renewed = await Certificates.GetAsync(certificate.Id);
        Assert.Equal(new DateTimeOffset(2028, 6, 30, 0, 0, 0, TimeSpan.Zero), renewed.ExpiresAt);
        Assert.Equal(["Dairy"], renewed.Enterprises);
        Assert.Equal("YO17 7LP", Assert.Single(renewed.Sites).Postcode);
        Assert.Equal(unit.Id, renewed.BusinessUnitId);
        Assert.True(renewed.Version > certificate.Version);
    }

    [Fact]
    public async Task WrongHeaders_AreRefusedWhole()
    {
        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Import.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("certificate,expiry\nX,2027-01-01"))));
        Assert.Contains("certificateIdentifier", error.Errors["file"][0]);
    }

    [Fact]
    public async Task ThePageFilters_ExpiringWithinNDays_AndScheme_FollowTheClock()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var now = _store.Clock.GetUtcNow();
        var inTen = await _store.AddCertificateAsync($"TEN{tag}", now.AddDays(10));
        var inForty = await _store.AddCertificateAsync($"FORTY{tag}", now.AddDays(40));
        await _store.AddCertificateAsync($"PAST{tag}", now.AddDays(-2));

        async Task<Guid[]> Ids(CertificateQuery q) => [.. (await Certificates.ListAsync(q with { Q = tag })).Items.Select(c => c.Id)];

        Assert.Equal([inTen.Id], await Ids(new CertificateQuery { ExpiringWithinDays = 14 }));
        Assert.Equal([inTen.Id, inForty.Id], await Ids(new CertificateQuery { ExpiringWithinDays = 40 }));
        Assert.Equal(3, (await Ids(new CertificateQuery { Scheme = "rt" })).Length);
        Assert.Empty(await Ids(new CertificateQuery { Scheme = "SA" }));
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Certificates.ListAsync(new CertificateQuery { ExpiringWithinDays = -1 }));
        Assert.True(error.Errors.ContainsKey("expiringWithinDays"));

        var csv = new MemoryStream();
        await Certificates.ExportAsync(new CertificateQuery { Q = tag, ExpiringWithinDays = 40 }, csv);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).Trim().Split('\n');
        Assert.StartsWith("id,scheme,certificateIdentifier,status", lines[0]);
        Assert.Equal([$"TEN{tag}", $"FORTY{tag}"], lines.Skip(1).Select(l => l.Split(',')[2]));
        Assert.All(lines.Skip(1), l => Assert.Contains(",Valid,", l));
    }
}
