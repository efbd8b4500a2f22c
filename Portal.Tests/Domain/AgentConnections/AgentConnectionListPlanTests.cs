using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.AgentConnections;
using Portal.Domain.Common;
using Portal.Domain.Store;
using Portal.Tests.Support;
using static Portal.Tests.Domain.AgentConnections.AgentConnectionsTestData;

namespace Portal.Tests.Domain.AgentConnections;

/// <summary>
/// The connections list's speed without a clock: each shape of the list (filters and sorts the page and the API offer)
/// has its page walk an index in its ORDER BY, never a sort of every matching row (SQLite's <c>EXPLAIN QUERY PLAN</c>
/// of the page's own SQL), and the cross-agency total is counted once per filter, not on every page.
/// </summary>
public sealed class AgentConnectionListPlanTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private Guid _agency;
    private AgentConnectionService Connections => _store.Get<AgentConnectionService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _agency = (await _store.AddAgencyAsync()).Agency.Agency.Id;
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [SqliteOnlyFact("reads SQLite's query plan")]
    public async Task EveryShapeOfThePage_WalksAnIndexInItsOrder()
    {
        (string Shape, AgentConnectionQuery Query, string Index)[] shapes =
        [
            ("newest first", new(), "IX_AgentConnections_CreatedAt_Id"),
            ("one agency", new() { AgencyId = _agency }, "IX_AgentConnections_AgencyId_CreatedAt_Id"),
            ("one state", new() { State = ConnectionState.Completed }, "IX_AgentConnections_State_CreatedAt_Id"),
            ("one agency by state", new() { AgencyId = _agency, State = ConnectionState.Requested }, "IX_AgentConnections_AgencyId_State_CreatedAt_Id"),
            ("stage access", new() { StageAccess = true, Sort = "createdAt" }, "IX_AgentConnections_StageAccess_CreatedAt_Id"),
            ("by alias", new() { Sort = "alias" }, "IX_AgentConnections_Alias_Id"),
            ("one agency by alias", new() { AgencyId = _agency, Sort = "alias" }, "IX_AgentConnections_AgencyId_Alias"),
            ("by state", new() { Sort = "state" }, "IX_AgentConnections_State_Id"),
            ("by last activity", new() { Sort = "-lastActivityAt" }, "IX_AgentConnections_LastActivityAt_Id"),
        ];
        await using var db = await _store.DbAsync();
        var failures = new List<string>();
        foreach (var (shape, query, index) in shapes)
        {
            var plan = await PlanAsync(db, AgentConnectionService.PageOf(db, query with { PageSize = 50 }));
            var main = plan.FirstOrDefault() ?? "(no plan)"; // the connections themselves; the agency name is a subquery after
            if (!main.Contains(index, StringComparison.Ordinal) || plan.Any(p => p.Contains("TEMP B-TREE", StringComparison.Ordinal)))
                failures.Add($"{shape}: wanted {index} and no sort, got {string.Join(" | ", plan)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task TheTotalAcrossAgencies_IsCountedOncePerFilter_AndAgainAfterAChangeHere()
    {
        await Connections.ConnectAsync(ByDid(_agency));
        Assert.Equal(1, (await Connections.ListAsync(new AgentConnectionQuery())).Total);

        // A row this instance's services did not write (another instance's): the cached total keeps its count...
        await using (var db = await _store.DbAsync())
        {
            db.AgentConnections.Add(new AgentConnection { AgencyId = _agency, Method = ConnectionMethod.Alias, Alias = "acme:elsewhere", CreatedAt = _store.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        var all = await Connections.ListAsync(new AgentConnectionQuery());
        Assert.Equal((1, 2), (all.Total, all.Items.Count));
        // ...one agency's total and a search are always counted...
        Assert.Equal(2, (await Connections.ListAsync(new AgentConnectionQuery { AgencyId = _agency })).Total);
        Assert.Equal(1, (await Connections.ListAsync(new AgentConnectionQuery { Q = "acme:else" })).Total);

        // ...and a change made here counts again at once.
        await Connections.ConnectAsync(new Connect { AgencyId = _agency, Method = ConnectionMethod.Alias, Alias = "acme:third" });
        Assert.Equal(3, (await Connections.ListAsync(new AgentConnectionQuery())).Total);
        Assert.Equal(1, (await Connections.ListAsync(new AgentConnectionQuery { Method = ConnectionMethod.Did })).Total);
    }

    /// <summary>SQLite's plan of the query's own SQL (its parameters bound as NULL: the plan does not depend on them).</summary>
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
