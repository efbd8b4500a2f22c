using Portal.Domain.AgentConnections;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Tests.Support;
using static Portal.Tests.Domain.AgentConnections.AgentConnectionsTestData;

namespace Portal.Tests.Domain.AgentConnections;

public sealed class AgentConnectionServiceTests : IAsyncLifetime
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

    [Fact]
    public async Task ConnectByEachMethod_RecordsWhatItWasGiven_AndStartsTheHandshake()
    {
        var byDid = await Connections.ConnectAsync(ByDid(_agency));
        var byAlias = await Connections.ConnectAsync(new Connect { AgencyId = _agency, Method = ConnectionMethod.Alias, Alias = "acme:jane" });
        var byDomain = await Connections.ConnectAsync(new Connect { AgencyId = _agency, Method = ConnectionMethod.LinkedDomain, LinkedDomain = "Holder.Example.COM", Alias = "default:holder" });
        var theirs = OobInvitation.ForAgency(Guid.CreateVersion7(), "Jane's wallet", "did:peer:2Ez6LSjaneWalletPeerDid000001").ToUrl("https://wallet.example/in");
        var byUrl = await Connections.ConnectAsync(new Connect { AgencyId = _agency, Method = ConnectionMethod.InvitationUrl, InvitationUrl = theirs });

        Assert.Equal((ConnectionState.Invited, "did:peer:2Ez6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc", "Jane's wallet"),
            (byDid.Connection.State, byDid.Connection.Did, byDid.Connection.Title));
        Assert.Equal(36, byDid.Connection.AgentId.Length);
        Assert.Equal((ConnectionMethod.Alias, "acme:jane"), (byAlias.Connection.Method, byAlias.Connection.Alias));
        Assert.Equal("holder.example.com", byDomain.Connection.LinkedDomain);
        Assert.Equal((ConnectionState.Requested, "did:peer:2Ez6LSjaneWalletPeerDid000001"), (byUrl.Connection.State, byUrl.Connection.Did));
        Assert.StartsWith("invitation:", byUrl.Connection.Alias);
        Assert.Equal(4, (await Connections.ListAsync(new AgentConnectionQuery { AgencyId = _agency })).Total);
    }

    [Fact]
    public async Task ADidOrAlias_IsConnectedOncePerAgency_ButAnotherAgencyMayConnectIt()
    {
        await Connections.ConnectAsync(ByDid(_agency));

        var sameDid = await Assert.ThrowsAsync<ConflictException>(() => Connections.ConnectAsync(ByDid(_agency, alias: "default:ap2")));
        var sameAlias = await Assert.ThrowsAsync<ConflictException>(() => Connections.ConnectAsync(ByDid(_agency, did: "did:peer:2Ez6LSotherOtherOther000")));
        Assert.Equal("agent_connection.did_connected", sameDid.Code);
        Assert.Equal("agent_connection.alias_connected", sameAlias.Code);

        var other = (await _store.AddAgencyAsync("Contoso Wallet", "did:web:agent.contoso.example")).Agency.Agency.Id;
        Assert.Equal(other, (await Connections.ConnectAsync(ByDid(other))).Connection.AgencyId);
    }

    [Fact]
    public async Task ConcurrentConnectsOfOneDid_ConnectOnce_AndTheOtherIsAConflict()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            try { await Connections.ConnectAsync(ByDid(_agency, alias: $"default:race{n}")); return "connected"; }
            catch (ConflictException e) { return e.Code; }
        })));

        Assert.Single(attempts, a => a == "connected");
        Assert.All(attempts.Where(a => a != "connected"), a => Assert.Equal("agent_connection.did_connected", a));
        Assert.Equal(1, (await Connections.ListAsync(new AgentConnectionQuery { AgencyId = _agency })).Total);
    }

    [Fact]
    public async Task TheHandshake_MovesOneStepAtATime_ToCompleted()
    {
        var connection = (await Connections.ConnectAsync(ByDid(_agency))).Connection;

        foreach (var state in new[] { ConnectionState.Requested, ConnectionState.Responded, ConnectionState.Completed })
            connection = (await Connections.ChangeStateAsync(connection.Id, new ChangeConnectionState { State = state }, connection.Version)).Connection;

        Assert.Equal(ConnectionState.Completed, connection.State);
    }

    [Theory]
    [InlineData(ConnectionState.Completed)]
    [InlineData(ConnectionState.Responded)]
    [InlineData(ConnectionState.Invited)]
    public async Task SkippingOrRepeatingAStep_IsAConflict(ConnectionState to)
    {
        var connection = (await Connections.ConnectAsync(ByDid(_agency))).Connection;

        var error = await Assert.ThrowsAsync<ConflictException>(() => Connections.ChangeStateAsync(connection.Id, new ChangeConnectionState { State = to }, connection.Version));

        Assert.Equal("agent_connection.illegal_transition", error.Code);
    }

    [Fact]
    public async Task Abandon_NeedsAReason_AndEndsTheConnection()
    {
        var connection = (await Connections.ConnectAsync(ByDid(_agency))).Connection;
        var noReason = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Connections.ChangeStateAsync(connection.Id, new ChangeConnectionState { State = ConnectionState.Abandoned }, connection.Version));
        Assert.True(noReason.Errors.ContainsKey("reason"));

        var abandoned = (await Connections.ChangeStateAsync(connection.Id, new ChangeConnectionState { State = ConnectionState.Abandoned, Reason = "Holder declined" }, connection.Version)).Connection;

        Assert.Equal((ConnectionState.Abandoned, "Holder declined"), (abandoned.State, abandoned.AbandonReason));
        var after = await Assert.ThrowsAsync<ConflictException>(() =>
            Connections.ChangeStateAsync(connection.Id, new ChangeConnectionState { State = ConnectionState.Requested }, abandoned.Version));
        Assert.Equal("agent_connection.abandoned", after.Code);
        await Assert.ThrowsAsync<ConflictException>(() => _store.Get<AgentMessageService>().SendAsync(connection.Id, new SendMessage { Title = "Hi" }));
    }

    [Fact]
    public async Task AnInvitationUrl_ThatIsTheAgencysOwnLink_IsRefused()
    {
        var own = (await _store.Get<AgencyService>().GetAsync(_agency)).ConnectUrl;

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Connections.ConnectAsync(new Connect { AgencyId = _agency, Method = ConnectionMethod.InvitationUrl, InvitationUrl = own }));

        Assert.Contains("own connect link", error.Errors["invitationUrl"][0]);
    }

    [Fact]
    public async Task BulkDelete_DeletesTheKnown_AndReportsTheUnknown()
    {
        var a = (await Connections.ConnectAsync(ByDid(_agency))).Connection.Id;
        var b = (await Connections.ConnectAsync(ByDid(_agency, "did:peer:2Ez6LSsecondSecond00000", "default:ap2"))).Connection.Id;
        var unknown = Guid.CreateVersion7();
        _store.ActAs(Roles.Admin);
        var progress = new RecordingProgress();

        var result = await Connections.DeleteManyAsync(new DeleteConnections { Ids = [a, unknown, b] }, progress);

        Assert.Equal(2, result.Deleted);
        Assert.Equal([unknown], result.Unknown);
        Assert.Equal(0, (await Connections.ListAsync(new AgentConnectionQuery())).Total);
        Assert.Equal(3, progress.Reports[^1].Done);
    }

    [Fact]
    public async Task Staff_CannotDelete_OnlyAdmins()
    {
        var connection = (await Connections.ConnectAsync(ByDid(_agency))).Connection;

        await Assert.ThrowsAsync<ForbiddenException>(() => Connections.DeleteAsync(connection.Id, connection.Version));
    }

    [Fact]
    public async Task AnAgencysSystems_SeeAndChangeOnlyTheirOwnConnections()
    {
        var other = (await _store.AddAgencyAsync("Contoso Wallet", "did:web:agent.contoso.example")).Agency.Agency.Id;
        var theirs = (await Connections.ConnectAsync(ByDid(other))).Connection;
        _store.ActAsAgency(_agency);

        var mine = (await Connections.ConnectAsync(new Connect { AgencyId = other, Method = ConnectionMethod.Alias, Alias = "acme:bob" })).Connection;

        Assert.Equal(_agency, mine.AgencyId); // the agency named in the body is ignored: it connects for itself
        Assert.Equal([mine.Id], (await Connections.ListAsync(new AgentConnectionQuery { AgencyId = other })).Items.Select(c => c.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Connections.GetAsync(theirs.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Connections.DeleteAsync(theirs.Id, theirs.Version));
        var bulk = await Connections.DeleteManyAsync(new DeleteConnections { Ids = [theirs.Id, mine.Id] });
        Assert.Equal((1, theirs.Id), (bulk.Deleted, Assert.Single(bulk.Unknown)));
    }

    [Fact]
    public async Task List_FiltersByStateMethodStageAccess_AndSearchesAliasDidAndTitle()
    {
        var did = (await Connections.ConnectAsync(ByDid(_agency))).Connection;
        await Connections.ConnectAsync(new Connect { AgencyId = _agency, Method = ConnectionMethod.Alias, Alias = "acme:jane", Title = "Payroll" });
        await Connections.SetStageAccessAsync(did.Id, new SetStageAccess { StageAccess = true }, did.Version);

        async Task<string[]> Aliases(AgentConnectionQuery q) => [.. (await Connections.ListAsync(q)).Items.Select(c => c.Alias).Order()];
        Assert.Equal(["default:ap1"], await Aliases(new() { StageAccess = true }));
        Assert.Equal(["acme:jane"], await Aliases(new() { Method = ConnectionMethod.Alias }));
        Assert.Equal(["acme:jane"], await Aliases(new() { Q = "acme" }));
        Assert.Equal(["acme:jane"], await Aliases(new() { Q = "payroll" }));
        Assert.Equal(["default:ap1"], await Aliases(new() { Q = did.Did }));
        Assert.Equal(["acme:jane", "default:ap1"], await Aliases(new() { State = ConnectionState.Invited }));
    }

    [Fact]
    public async Task ThePalette_FindsAgenciesByName_AndConnectionsByAliasDidOrAgentId()
    {
        var connection = (await Connections.ConnectAsync(ByDid(_agency))).Connection;
        var sources = _store.Services.GetServices<ISearchSource>().ToDictionary(s => s.Area);

        var agency = Assert.Single(await sources["Agencies"].SearchAsync("northwind", 10, default));
        Assert.Equal(("Northwind Identity", $"/agencies/{_agency}"), (agency.Title, agency.Href));
        foreach (var text in new[] { "default:ap", connection.Did!, connection.AgentId })
        {
            var hit = Assert.Single(await sources["Agent connections"].SearchAsync(text, 10, default));
            Assert.Equal(($"/agent-connections/{connection.Id}", text == "default:ap" ? SearchRank.Prefix : SearchRank.Exact), (hit.Href, hit.Rank));
        }
        Assert.Empty(await sources["Agent connections"].SearchAsync("nobody:here", 10, default));
        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => sources["Agencies"].SearchAsync("northwind", 10, default));
    }
}
