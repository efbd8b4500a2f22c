using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>Organisations from CSV: every row checked, good rows saved together, bad rows reported by row and column.</summary>
public sealed class OrganisationImportTests : IAsyncLifetime
{
    private const string Header = "name,tradingName,billingEmail,companyNumber,countryCode,vetted,merchant,accountManagerEmail,ownerEmail,ownerGivenName,ownerFamilyName\n";
    private TestStore _store = default!;
    private OrganisationImportService Import => _store.Get<OrganisationImportService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<List<Organisation>> StoredAsync()
    {
        await using var db = await _store.DbAsync();
        return await db.Organisations.Include(o => o.Members).OrderBy(o => o.Name).ToListAsync();
    }

    [Fact]
    public async Task GoodRowsAreSaved_BadRowsAreReportedByRowAndColumn_AndNothingElseChanges()
    {
        var manager = await _store.SeedStaffUserAsync("amy@portal.example", "Amy Manager", Roles.Staff);
        await _store.Get<OrganisationService>().CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = "Existing Ltd", BillingEmail = "a@e.example", CountryCode = "GB", CompanyNumber = "SC000001" });

        var report = await Import.ImportAsync(Csv(Header +
            "Alder Farm Ltd,Alder,accounts@alder.example,01234567,gb,yes,no,AMY@portal.example,olive@alder.example,Olive,Owner\n" +
            ",,not-an-email,,ZZ,maybe,,,,,\n" +
            "Existing Again,,x@e.example,sc000001,GB,,,,,,\n" +
            "Birch Foods BV,,info@birch.example,,NL,false,true,,,,\n" +
            "Birch Foods BV,,other@birch.example,,NL,,,,,,\n" +
            "Cedar Co,,c@cedar.example,,GB,,,nobody@portal.example,owner@cedar,,\n"));

        Assert.Equal(6, report.Total);
        Assert.Equal(2, report.Imported);
        Assert.Equal([2, 2, 2, 2, 3, 5, 6, 6, 6], report.Errors.Select(e => e.Row).Order());
        Assert.Contains(report.Errors, e => e is { Row: 2, Field: "name" });
        Assert.Contains(report.Errors, e => e is { Row: 2, Field: "billingEmail" });
        Assert.Contains(report.Errors, e => e is { Row: 2, Field: "countryCode" });
        Assert.Contains(report.Errors, e => e is { Row: 2, Field: "vetted", Message: "vetted must be true or false (or yes/no), not \"maybe\"." });
        Assert.Contains(report.Errors, e => e is { Row: 3, Field: "companyNumber" } && e.Message.Contains("already exists"));
        Assert.Contains(report.Errors, e => e is { Row: 5, Field: "name" } && e.Message.Contains("appears twice"));
        Assert.Contains(report.Errors, e => e is { Row: 6, Field: "accountManagerEmail" });
        Assert.Contains(report.Errors, e => e is { Row: 6, Field: "ownerEmail" });
        Assert.Contains(report.Errors, e => e is { Row: 6, Field: "ownerGivenName" });
        Assert.NotNull(report.FailedRowsCsv);
        Assert.Equal(5, report.FailedRowsCsv!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 4 bad rows

        var stored = await StoredAsync();
        Assert.Equal(["Alder Farm Ltd", "Birch Foods BV", "Existing Ltd"], stored.Select(o => o.Name));
        var alder = stored[0];
        Assert.Equal(("GB", "01234567", true, false, manager.Id), (alder.CountryCode, alder.CompanyNumber, alder.IsVetted, alder.IsMerchant, alder.AccountManagerId));
        Assert.Equal(OrganisationStatus.Pending, alder.Status);
        Assert.Equal("olive@alder.example", alder.Owner?.Email);
        Assert.Null(stored[1].OwnerId);
    }

    [Fact]
    public async Task DryRun_ChecksEveryRow_SavesNothing_AndReportsProgress()
    {
        var progress = new RecordingProgress();
        var rows = string.Concat(Enumerable.Range(0, 2500).Select(i => $"Farm {i},,f{i}@farm.example,,IE,,,,,,\n"));

        var report = await Import.ImportAsync(Csv(Header + rows), dryRun: true, progress);

        Assert.Equal((2500, 0), (report.Total, report.Imported));
        Assert.Empty(report.Errors);
        Assert.Empty(await StoredAsync());
        Assert.Equal([0, 1000, 2000, 2500], progress.Reports.Select(p => p.Done));
        Assert.All(progress.Reports, p => Assert.Equal("Checking", p.Stage));
    }

    [Fact]
    public async Task ManyRows_AreSavedInBatches_AndAudited()
    {
        var progress = new RecordingProgress();
        var rows = string.Concat(Enumerable.Range(0, 2500).Select(i => $"Farm {i},,f{i}@farm.example,,IE,,,,o{i}@farm.example,Owner,{i}\n"));

        var report = await Import.ImportAsync(Csv(Header + rows), progress: progress);

        Assert.Equal(2500, report.Imported);
        Assert.Equal([2000, 2500], progress.Reports.Where(p => p.Stage == "Saving").Select(p => p.Done));
        await using var db = await _store.DbAsync();
        Assert.Equal(2500, await db.Organisations.CountAsync());
        Assert.Equal(2500, await db.Set<OrganisationMember>().CountAsync());
        Assert.Equal(2500, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Organisation)));
    }

    [Fact]
    public async Task WrongHeaders_TooManyRows_OrNotUtf8_AreRefusedWhole()
    {
        var headers = await Assert.ThrowsAsync<DomainValidationException>(() => Import.ImportAsync(Csv("name,email\nA,a@b.example\n")));
        Assert.Contains("Missing: tradingName", headers.Errors["file"][0]);

        var latin1 = Encoding.Latin1.GetBytes(Header + "Café Müller,,c@m.example,,DE,,,,,,\n");
        var encoding = await Assert.ThrowsAsync<DomainValidationException>(() => Import.ImportAsync(new MemoryStream(latin1)));
        Assert.Contains("not UTF-8", encoding.Errors["file"][0]);

        var tooMany = Header + string.Concat(Enumerable.Repeat("A,,a@b.example,,GB,,,,,,\n", OrganisationImportService.MaxRows + 1));
        var rows = await Assert.ThrowsAsync<DomainValidationException>(() => Import.ImportAsync(Csv(tooMany)));
        Assert.Contains("more than 100,000 rows", rows.Errors["file"][0]);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task AViewer_CannotImport()
    {
        _store.ActAs(Roles.Viewer);
        await Assert.ThrowsAsync<ForbiddenException>(() => Import.ImportAsync(Csv(Header)));
    }
}
