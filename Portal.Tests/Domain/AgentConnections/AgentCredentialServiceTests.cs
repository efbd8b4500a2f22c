using Portal.Domain.AgentConnections;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Domain.AgentConnections.AgentConnectionsTestData;

namespace Portal.Tests.Domain.AgentConnections;

public sealed class AgentCredentialServiceTests : IAsyncLifetime
{
    private const string Email = "https://schema.example.com/verified-email/1.0";
    private TestStore _store = default!;
    private Guid _agency;
    private Guid _connection;
    private AgentCredentialService Credentials => _store.Get<AgentCredentialService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _agency = (await _store.AddAgencyAsync()).Agency.Agency.Id;
        _store.ActAs(Roles.Staff);
        _connection = (await _store.Get<AgentConnectionService>().ConnectAsync(ByDid(_agency))).Connection.Id;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Task<AgentCredentialRow> IssueAsync(string schema = Email, string tier = "gold", string email = "jane@example.org") =>
        Credentials.IssueAsync(_connection, new IssueCredential { SchemaId = schema, Attributes = [new("email", email), new("tier", tier)] });

    private static ChangeCredentialStatus On(CredentialPurpose purpose) => new() { Purpose = purpose };

    [Fact]
    public async Task Issue_QueuesTheCredential_WithItsAttributes()
    {
        var issued = await IssueAsync();

        Assert.Equal((CredentialStatus.Active, DeliveryState.Queued, "default:ap1"), (issued.Status, issued.Delivery, issued.ConnectionAlias));
        Assert.Equal([new("email", "jane@example.org"), new("tier", "gold")], issued.Attributes);
    }

    [Fact]
    public async Task Revoke_ThenUnrevoke_RestoresTheCredential_AndRepeatsAreConflicts()
    {
        var issued = await IssueAsync();

        var revoked = await Credentials.RevokeAsync(issued.Id, On(CredentialPurpose.Revocation));
        var again = await Assert.ThrowsAsync<ConflictException>(() => Credentials.RevokeAsync(issued.Id, On(CredentialPurpose.Revocation)));
        var restored = await Credentials.UnrevokeAsync(issued.Id, On(CredentialPurpose.Revocation));
        var notRevoked = await Assert.ThrowsAsync<ConflictException>(() => Credentials.UnrevokeAsync(issued.Id, On(CredentialPurpose.Revocation)));

        Assert.Equal(CredentialStatus.Revoked, revoked.Status);
        Assert.Equal("agent_credential.already_revoked", again.Code);
        Assert.Equal(CredentialStatus.Active, restored.Status);
        Assert.Equal("agent_credential.not_revoked", notRevoked.Code);
    }

    [Fact]
    public async Task Suspension_IsASeparateList_FromRevocation()
    {
        var issued = await IssueAsync();

        var suspended = await Credentials.RevokeAsync(issued.Id, On(CredentialPurpose.Suspension));
        var both = await Credentials.RevokeAsync(issued.Id, On(CredentialPurpose.Revocation));
        var fresh = await IssueAsync(email: "b@example.org");
        var notSuspendedError = await Assert.ThrowsAsync<ConflictException>(() => Credentials.UnrevokeAsync(fresh.Id, On(CredentialPurpose.Suspension)));
        var stillSuspended = await Credentials.UnrevokeAsync(issued.Id, On(CredentialPurpose.Revocation));
        var active = await Credentials.UnrevokeAsync(issued.Id, On(CredentialPurpose.Suspension));

        Assert.Equal(CredentialStatus.Suspended, suspended.Status);
        Assert.Equal((CredentialStatus.Revoked, true, true), (both.Status, both.IsRevoked, both.IsSuspended));
        Assert.Equal("agent_credential.not_suspended", notSuspendedError.Code);
        Assert.Equal(CredentialStatus.Suspended, stillSuspended.Status);
        Assert.Equal(CredentialStatus.Active, active.Status);
    }

    [Fact]
    public async Task RevokeByCriteria_ChangesOnlyTheMatching_AndCountsWhatWasAlreadySo()
    {
        var gold1 = await IssueAsync(tier: "gold", email: "a@example.org");
        await IssueAsync(tier: "gold", email: "b@example.org");
        await IssueAsync(tier: "gold", email: "c@example.org");
        var silver = await IssueAsync(tier: "silver", email: "d@example.org");
        var otherSchema = await IssueAsync(schema: "https://schema.example.com/membership/2.0", tier: "gold", email: "e@example.org");
        await Credentials.RevokeAsync(gold1.Id, On(CredentialPurpose.Revocation));
        var progress = new RecordingProgress();

        var result = await Credentials.RevokeByCriteriaAsync(new CredentialCriteria
        {
            AgencyId = _agency, Purpose = CredentialPurpose.Revocation, SchemaId = Email, Attributes = [new("tier", "gold")],
        }, progress);

        Assert.Equal(new CriteriaResult(Matched: 3, Changed: 2, AlreadySo: 1), result);
        var all = (await Credentials.ListAsync(new AgentCredentialQuery { AgencyId = _agency })).Items.ToDictionary(c => c.Id);
        Assert.Equal(CredentialStatus.Active, all[silver.Id].Status);
        Assert.Equal(CredentialStatus.Active, all[otherSchema.Id].Status);
        Assert.Equal(3, all.Values.Count(c => c.Status == CredentialStatus.Revoked));
        Assert.Equal(new WorkProgress("Changing", 2, 3), progress.Reports[^1]);

        var restored = await Credentials.RestoreByCriteriaAsync(new CredentialCriteria
        {
            AgencyId = _agency, Purpose = CredentialPurpose.Revocation, SchemaId = Email, Attributes = [new("tier", "gold"), new("email", "b@example.org")],
        });
        Assert.Equal(new CriteriaResult(1, 1, 0), restored);
    }

    [Fact]
    public async Task ByCriteria_OfAnAgencysSystems_NeverReachesAnotherAgency()
    {
        var mine = await IssueAsync();
        var other = (await _store.AddAgencyAsync("Contoso Wallet", "did:web:agent.contoso.example")).Agency.Agency.Id;
        _store.ActAsAgency(other);

        var result = await Credentials.RevokeByCriteriaAsync(new CredentialCriteria { AgencyId = _agency, SchemaId = Email });

        Assert.Equal(0, result.Matched);
        await Assert.ThrowsAsync<NotFoundException>(() => Credentials.RevokeAsync(mine.Id, On(CredentialPurpose.Revocation)));
    }
}
