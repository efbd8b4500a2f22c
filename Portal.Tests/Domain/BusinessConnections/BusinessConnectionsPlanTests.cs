using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.BusinessConnections;
using Portal.Domain.Common;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.BusinessConnections;

/// <summary>
/// The speed targets without a clock (bench/run.sh business measures the time): SQLite's <c>EXPLAIN QUERY PLAN</c> of the
/// SQL the services run shows each list shape walking an index, and the duplicate check's lookups searching indexes,
/// never scanning a table. One store for the class: plans do not depend on rows.
/// </summary>
public sealed class BusinessConnectionsPlanTests(BusinessConnectionsStoreFixture fixture) : IClassFixture<BusinessConnectionsStoreFixture>
{
    private readonly TestStore _store = fixture.Store;

    [SqliteOnlyFact("reads SQLite's query plan")]
    public async Task EveryShapeOfTheUnitsList_WalksAnIndex_AndTheCertificateFiltersReadTheExpiryIndex()
    {
        var units = _store.Get<BusinessUnitService>();
        var org = Guid.CreateVersion7();
        (string Shape, BusinessUnitQuery Query, string Index)[] shapes =
        [
            ("in use, by name", new(), "IX_BusinessUnits_ArchivedAt_Name_Id"),
            ("one organisation", new() { OrganisationId = org }, "IX_BusinessUnits_OrganisationId_Name_Id"),
            ("one type", new() { Type = BusinessUnitType.Farm }, "IX_BusinessUnits_Type_Name_Id"),
            ("one country", new() { Country = "GB" }, "IX_BusinessUnits_CountryCode_Name_Id"),
            ("newest first", new() { Sort = "-createdAt" }, "IX_BusinessUnits_ArchivedAt_CreatedAt_Id"),
            ("by postcode", new() { Sort = "postcode" }, "IX_BusinessUnits_ArchivedAt_Postcode_Id"),
            ("by type", new() { Sort = "type" }, "IX_BusinessUnits_ArchivedAt_Type_Id"),
            ("valid certificate", new() { CertificateStatus = CertificateStatus.Valid }, "IX_BusinessUnits_ArchivedAt_Name_Id"),
        ];
        await using var db = await _store.DbAsync();
        var failures = new List<string>();
        foreach (var (shape, query, index) in shapes)
        {
            var page = query.Sort switch
            {
                "-createdAt" => units.Filter(db, query).OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id),
                "postcode" => units.Filter(db, query).OrderBy(u => u.Postcode).ThenBy(u => u.Id),
                "type" => units.Filter(db, query).OrderBy(u => u.Type).ThenBy(u => u.Id),
                _ => units.Filter(db, query).OrderBy(u => u.Name).ThenBy(u => u.Id),
            };
            var plan = await PlanAsync(db, page.Take(50));
            var main = plan.FirstOrDefault() ?? "(no plan)";
            if (!main.Contains(index, StringComparison.Ordinal) || plan.Any(p => p.Contains("TEMP B-TREE", StringComparison.Ordinal)) || plan.Any(p => p.StartsWith("SCAN AssuranceCertificates", StringComparison.Ordinal)))
                failures.Add($"{shape}: wanted {index}, no sort and no certificate scan, got {string.Join(" | ", plan)}");
        }

        var certificates = _store.Get<CertificateService>();
        foreach (var (shape, query) in new (string, CertificateQuery)[]
                 {
                     ("work queue", new() { NeedsAttention = true }), ("expiring within 14 days", new() { ExpiringWithinDays = 14 }),
                     ("in grace", new() { Status = CertificateStatus.Grace }), ("expired, RT", new() { Status = CertificateStatus.Expired, Scheme = "RT" }),
                 })
        {
            var plan = await PlanAsync(db, certificates.Filter(db, query, _store.Clock.GetUtcNow()).OrderBy(c => c.ExpiresAt).ThenBy(c => c.Id).Take(50));
            if (!plan.Any(p => p.Contains("IX_AssuranceCertificates_ExpiresAt_Id", StringComparison.Ordinal) && (p.Contains("(ExpiresAt>", StringComparison.Ordinal) || p.Contains("(ExpiresAt<", StringComparison.Ordinal))))
                failures.Add($"certificates, {shape}: wanted a range of IX_AssuranceCertificates_ExpiresAt_Id, got {string.Join(" | ", plan)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<List<string>> PlanAsync<T>(PortalDbContext db, IQueryable<T> query)
    {
        var text = query.ToQueryString();
        var names = Regex.Matches(text, @"^\.param set (\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var sql = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in names) command.Parameters.AddWithValue(name, DBNull.Value);
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return plan;
    }
}

/// <summary>One store for a class whose tests do not need a fresh one (each uses names and identifiers of its own), acting as Staff.</summary>
public sealed class BusinessConnectionsStoreFixture : IAsyncLifetime
{
    public TestStore Store { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Store = await TestStore.CreateAsync();
        Store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();
}
