using Portal.Domain.AgentConnections;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.AgentConnections;

public sealed class AgencyServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private AgencyService Agencies => _store.Get<AgencyService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Create_ShowsTheSecretOnce_AndStoresOnlyItsHash()
    {
        var created = await _store.AddAgencyAsync();

        Assert.StartsWith("agy_", created.Secret);
        await using var db = await _store.DbAsync();
        var stored = db.Agencies.Single();
        Assert.Equal(32, stored.SecretHash.Length);
        Assert.DoesNotContain(created.Secret, System.Text.Encoding.UTF8.GetString(stored.SecretHash));
        Assert.Equal(created.Agency.Agency.Id, (await Agencies.AuthenticateAsync(created.Secret))!.Id);
    }

    [Fact]
    public async Task Hash_Wrong_Old_AndAnotherAgencys_NeverAuthenticateAsThisAgency()
    {
        var northwind = await _store.AddAgencyAsync();
        var contoso = await _store.AddAgencyAsync("Contoso Wallet", "did:web:agent.contoso.example");
        var rotated = await Agencies.RotateSecretAsync(northwind.Agency.Agency.Id, northwind.Agency.Agency.Version);

        Assert.Null(await Agencies.AuthenticateAsync(northwind.Secret)); // the old one stopped working
        Assert.Null(await Agencies.AuthenticateAsync(rotated.Secret[..^1] + (rotated.Secret[^1] == 'A' ? 'B' : 'A'))); // one character wrong
        Assert.Null(await Agencies.AuthenticateAsync("not-a-secret"));
        Assert.Equal(northwind.Agency.Agency.Id, (await Agencies.AuthenticateAsync(rotated.Secret))!.Id);
        Assert.Equal(contoso.Agency.Agency.Id, (await Agencies.AuthenticateAsync(contoso.Secret))!.Id);
    }

    [Fact]
    public async Task Hash_OfADeletedAgency_NoLongerAuthenticates()
    {
        var created = await _store.AddAgencyAsync();
        _store.ActAs(Roles.Admin);

        await Agencies.DeleteAsync(created.Agency.Agency.Id, created.Agency.Agency.Version);

        Assert.Null(await Agencies.AuthenticateAsync(created.Secret));
    }

    [Fact]
    public async Task RecreateConnectLink_InvalidatesTheOldLink_AndTheNewOneIsCurrent()
    {
        var created = (await _store.AddAgencyAsync()).Agency;
        var id = created.Agency.Id;
        Assert.True((await Agencies.CheckConnectLinkAsync(id, new CheckConnectLink { Url = created.ConnectUrl })).IsCurrent);

        var recreated = await Agencies.RecreateConnectLinkAsync(id, created.Agency.Version);

        Assert.NotEqual(created.ConnectUrl, recreated.ConnectUrl);
        Assert.Equal(2, recreated.Agency.ConnectLinkNumber);
        var old = await Agencies.CheckConnectLinkAsync(id, new CheckConnectLink { Url = created.ConnectUrl });
        Assert.False(old.IsCurrent);
        Assert.Contains("replaced", old.Reason);
        Assert.True((await Agencies.CheckConnectLinkAsync(id, new CheckConnectLink { Url = recreated.ConnectUrl })).IsCurrent);
    }

    [Fact]
    public async Task CheckConnectLink_OfAnotherAgency_IsNotThisAgencys()
    {
        var northwind = (await _store.AddAgencyAsync()).Agency;
        var contoso = (await _store.AddAgencyAsync("Contoso Wallet", "did:web:agent.contoso.example")).Agency;

        var check = await Agencies.CheckConnectLinkAsync(northwind.Agency.Id, new CheckConnectLink { Url = contoso.ConnectUrl });

        Assert.False(check.IsCurrent);
        Assert.Contains("not this agency's", check.Reason);
    }

    [Fact]
    public async Task Viewer_ReadsAgencies_ButCannotCreateOrRotate()
    {
        var created = (await _store.AddAgencyAsync()).Agency;
        _store.ActAs(Roles.Viewer);

        Assert.Single((await Agencies.ListAsync(new AgencyQuery())).Items);
        await Assert.ThrowsAsync<ForbiddenException>(() => Agencies.RotateSecretAsync(created.Agency.Id, created.Agency.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => Agencies.CreateAsync(AgentConnectionsTestData.NewAgency(created.Agency.OrganisationId)));
    }

    [Fact]
    public async Task Rotate_FromAStaleCopy_IsAConcurrencyError()
    {
        var created = (await _store.AddAgencyAsync()).Agency;
        await Agencies.RecreateConnectLinkAsync(created.Agency.Id, created.Agency.Version);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Agencies.RotateSecretAsync(created.Agency.Id, created.Agency.Version));
    }

    [Fact]
    public async Task AnAgencysSystems_ReadTheirOwnAgency_AndNoOther()
    {
        var northwind = (await _store.AddAgencyAsync()).Agency;
        var contoso = (await _store.AddAgencyAsync("Contoso Wallet", "did:web:agent.contoso.example")).Agency;
        _store.ActAsAgency(northwind.Agency.Id);

        Assert.Equal("Northwind Identity", (await Agencies.GetAsync(northwind.Agency.Id)).Agency.Name);
        await Assert.ThrowsAsync<NotFoundException>(() => Agencies.GetAsync(contoso.Agency.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => Agencies.ListAsync(new AgencyQuery()));
    }
}
