using Portal.Domain.BusinessConnections;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.BusinessConnections;

public sealed class BusinessConnectionServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private BusinessConnectionService Connections => _store.Get<BusinessConnectionService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static CheckConnection Check(string name, params string[] emails) => new()
    {
        Name = name, CountryCode = "GB", Contacts = [.. emails.Select(e => new ConnectionContactInput { GivenName = "Pat", FamilyName = "Smith", Email = e })],
    };

    [Fact]
    public async Task DuplicateCheck_AContactsEmail_FindsItsOrganisation_AndBlocks()
    {
        var existing = await _store.AddOrganisationAsync("Harvest Grain Ltd", memberEmails: "olive@harvestgrain.example");

        var result = await Connections.CheckAsync(Check("Completely Different Name", "Olive@HarvestGrain.example"));

        Assert.True(result.BlockNewConnection);
        var match = Assert.Single(result.Organisations);
        Assert.Equal(existing.Organisation.Id, match.OrganisationId);
        Assert.Contains(DuplicateReason.ContactEmail, match.Reasons);
    }

    [Fact]
    public async Task DuplicateCheck_TheSameEmailDomain_Warns_ButDoesNotBlock()
    {
        var byMember = await _store.AddOrganisationAsync("Marden Storage", memberEmails: "sam@upmarden.example");
        var byBilling = await _store.AddOrganisationAsync("Chichester Haulage", billingEmail: "accounts@upmarden.example");
        await _store.AddOrganisationAsync("Unrelated Co", memberEmails: "amy@elsewhere.example");

        var result = await Connections.CheckAsync(Check("Brand New Farming", "newperson@upmarden.example"));

        Assert.False(result.BlockNewConnection);
        Assert.Equal(new[] { byBilling.Organisation.Id, byMember.Organisation.Id }.Order(), result.Organisations.Select(o => o.OrganisationId).Order());
        Assert.All(result.Organisations, o => Assert.Equal([DuplicateReason.EmailDomain], o.Reasons));
    }

    [Fact]
    public async Task DuplicateCheck_ASharedMailProvidersDomain_MatchesNothing()
    {
        await _store.AddOrganisationAsync("Gmail Farmer", memberEmails: "farmer@gmail.com");

        var result = await Connections.CheckAsync(Check("Another Farmer", "someone@gmail.com"));

        Assert.Empty(result.Organisations);
    }

    [Fact]
    public async Task DuplicateCheck_ASimilarName_Warns_AndTheSameNormalisedName_Blocks()
    {
        var existing = await _store.AddOrganisationAsync("Up Marden Farms Ltd");
        await _store.AddOrganisationAsync("Harvest Grain Ltd");

        var similar = await Connections.CheckAsync(Check("Upmarden Farms", "a@new.example"));
        var same = await Connections.CheckAsync(Check("the up-marden farms limited", "a@new.example"));
        var different = await Connections.CheckAsync(Check("Wold Grain Storage", "a@new.example"));

        Assert.False(similar.BlockNewConnection);
        Assert.Equal(existing.Organisation.Id, Assert.Single(similar.Organisations).OrganisationId);
        Assert.True(same.BlockNewConnection);
        Assert.Equal([DuplicateReason.SimilarName], Assert.Single(same.Organisations).Reasons);
        Assert.Empty(different.Organisations);
    }

    [Fact]
    public async Task Create_ANewOrganisation_ThatTheCheckBlocks_IsRefused_AndNothingIsSaved()
    {
        var from = await _store.AddOrganisationAsync("Caller Farms");
        await _store.AddOrganisationAsync("Harvest Grain Ltd", memberEmails: "olive@harvestgrain.example");

        var error = await Assert.ThrowsAsync<ConflictException>(() => Connections.CreateAsync(new CreateBusinessConnection
        {
            FromOrganisationId = from.Organisation.Id, NewOrganisation = Check("Harvest Grain", "olive@harvestgrain.example"), Relationships = [BusinessRelationship.Trading],
        }));

        Assert.Equal("business_connection.duplicate", error.Code);
        Assert.Equal(0, (await Connections.ListAsync(new BusinessConnectionQuery { OrganisationId = from.Organisation.Id })).Total);
    }

    [Fact]
    public async Task Create_ANewOrganisation_MakesItWithItsContactsAsMembers_AndConnectsThem()
    {
        var from = await _store.AddOrganisationAsync("Caller Farms");

        var created = await Connections.CreateAsync(new CreateBusinessConnection
        {
            FromOrganisationId = from.Organisation.Id, NewOrganisation = Check("Fresh Haulage", "kim@freshhaulage.example"),
            Relationships = [BusinessRelationship.Carrier, BusinessRelationship.Storage], Notes = "Met at Cereals.",
        });

        Assert.Equal("Fresh Haulage", created.Connection.ToOrganisationName);
        Assert.Equal([BusinessRelationship.Storage, BusinessRelationship.Carrier], created.Connection.Relationships);
        Assert.Equal("kim@freshhaulage.example", Assert.Single(created.Contacts).Email);
    }

    [Theory]
    [InlineData(true, false, "toOrganisationId")]
    [InlineData(false, true, "relationships")]
    [InlineData(false, false, "relationships")]
    public async Task Create_ToItself_WithNoOrRepeatedRelationships_IsAFieldError(bool toSelf, bool empty, string field)
    {
        var from = await _store.AddOrganisationAsync("Caller Farms");
        var to = await _store.AddOrganisationAsync("Other Farms");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Connections.CreateAsync(new CreateBusinessConnection
        {
            FromOrganisationId = from.Organisation.Id, ToOrganisationId = toSelf ? from.Organisation.Id : to.Organisation.Id,
            Relationships = toSelf ? [BusinessRelationship.Trading] : empty ? [] : [BusinessRelationship.Trading, BusinessRelationship.Trading],
        }));

        Assert.True(error.Errors.ContainsKey(field));
    }

    [Fact]
    public async Task Create_ToAnUnknownOrganisation_IsAFieldError()
    {
        var from = await _store.AddOrganisationAsync("Caller Farms");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Connections.CreateAsync(new CreateBusinessConnection
        {
            FromOrganisationId = from.Organisation.Id, ToOrganisationId = Guid.CreateVersion7(), Relationships = [BusinessRelationship.Trading],
        }));

        Assert.True(error.Errors.ContainsKey("toOrganisationId"));
    }

    [Fact]
    public async Task Relationships_AreAddedAndRemovedOneAtATime_ButNeverTheLast_NorTwice()
    {
        var (connection, _, _) = await ConnectAsync();

        var added = await Connections.AddRelationshipAsync(connection.Connection.Id, new AddRelationship { Relationship = BusinessRelationship.Organiser }, connection.Connection.Version);
        Assert.Equal([BusinessRelationship.Trading, BusinessRelationship.Organiser], added.Connection.Relationships);

        var twice = await Assert.ThrowsAsync<ConflictException>(() =>
            Connections.AddRelationshipAsync(connection.Connection.Id, new AddRelationship { Relationship = BusinessRelationship.Organiser }, added.Connection.Version));
        Assert.Equal("business_connection.relationship_exists", twice.Code);

        var removed = await Connections.RemoveRelationshipAsync(connection.Connection.Id, BusinessRelationship.Trading, added.Connection.Version);
        Assert.Equal([BusinessRelationship.Organiser], removed.Connection.Relationships);

        var last = await Assert.ThrowsAsync<ConflictException>(() =>
            Connections.RemoveRelationshipAsync(connection.Connection.Id, BusinessRelationship.Organiser, removed.Connection.Version));
        Assert.Equal("business_connection.last_relationship", last.Code);
    }

    [Fact]
    public async Task ASecondOpenConnection_InTheSameDirection_IsAConflict_ButTheOtherDirectionIsNot()
    {
        var (connection, from, to) = await ConnectAsync();

        var again = await Assert.ThrowsAsync<ConflictException>(() => Connections.CreateAsync(new CreateBusinessConnection
        {
            FromOrganisationId = from, ToOrganisationId = to, Relationships = [BusinessRelationship.Storage],
        }));
        Assert.Equal("business_connection.exists", again.Code);

        var back = await Connections.CreateAsync(new CreateBusinessConnection { FromOrganisationId = to, ToOrganisationId = from, Relationships = [BusinessRelationship.Carrier] });
        Assert.Equal(2, (await Connections.ListAsync(new BusinessConnectionQuery { OrganisationId = from })).Total);
        Assert.NotEqual(connection.Connection.Id, back.Connection.Id);
    }

    [Fact]
    public async Task Contacts_AreMembersOfTheConnectedOrganisation_ConnectedAndDisconnected()
    {
        var other = await _store.AddOrganisationAsync("Harvest Grain", memberEmails: ["olive@harvest.example", "sam@harvest.example"]);
        var stranger = await _store.AddOrganisationAsync("Stranger Ltd", memberEmails: "x@stranger.example");
        var (connection, _, _) = await ConnectAsync(other.Organisation.Id);

        var olive = other.Members.Single(m => m.Email == "olive@harvest.example");
        var connected = await Connections.ConnectContactAsync(connection.Connection.Id, new ConnectContact { MemberId = olive.Id }, connection.Connection.Version);
        Assert.Equal("olive@harvest.example", connected.Item.Email);

        var notAMember = await Assert.ThrowsAsync<DomainValidationException>(() => Connections.ConnectContactAsync(connection.Connection.Id,
            new ConnectContact { MemberId = stranger.Members[0].Id }, connected.Version));
        Assert.True(notAMember.Errors.ContainsKey("memberId"));

        var version = await Connections.DisconnectContactAsync(connection.Connection.Id, olive.Id, connected.Version);
        Assert.Empty((await Connections.GetAsync(connection.Connection.Id)).Contacts);
        Assert.Equal(connected.Version + 1, version);
    }

    [Fact]
    public async Task Ending_KeepsTheConnectionReadOnly_AndANewOneMayFollow()
    {
        var (connection, from, to) = await ConnectAsync();
        _store.Clock.Advance(TimeSpan.FromDays(3));

        var ended = await Connections.EndAsync(connection.Connection.Id, connection.Connection.Version);

        Assert.Equal(_store.Clock.GetUtcNow(), ended.Connection.EndedAt);
        var change = await Assert.ThrowsAsync<ConflictException>(() =>
            Connections.AddRelationshipAsync(connection.Connection.Id, new AddRelationship { Relationship = BusinessRelationship.Storage }, ended.Connection.Version));
        Assert.Equal("business_connection.ended", change.Code);
        Assert.Equal(1, (await Connections.ListAsync(new BusinessConnectionQuery { OrganisationId = from, Ended = true })).Total);
        await Connections.CreateAsync(new CreateBusinessConnection { FromOrganisationId = from, ToOrganisationId = to, Relationships = [BusinessRelationship.Trading] });
    }

    [Fact]
    public async Task AStaleVersion_IsAConcurrencyError()
    {
        var (connection, _, _) = await ConnectAsync();
        await Connections.UpdateAsync(connection.Connection.Id, new UpdateBusinessConnection { Notes = "first" }, connection.Connection.Version);

        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Connections.UpdateAsync(connection.Connection.Id, new UpdateBusinessConnection { Notes = "second" }, connection.Connection.Version));
    }

    [Fact]
    public async Task Network_ReachesTwoHops_BothDirections()
    {
        var a = (await _store.AddOrganisationAsync("A Farms")).Organisation.Id;
        var b = (await _store.AddOrganisationAsync("B Stores")).Organisation.Id;
        var c = (await _store.AddOrganisationAsync("C Haulage")).Organisation.Id;
        var d = (await _store.AddOrganisationAsync("D Traders")).Organisation.Id;
        await Connections.CreateAsync(new CreateBusinessConnection { FromOrganisationId = a, ToOrganisationId = b, Relationships = [BusinessRelationship.Storage] });
        await Connections.CreateAsync(new CreateBusinessConnection { FromOrganisationId = c, ToOrganisationId = b, Relationships = [BusinessRelationship.Carrier] });
        await Connections.CreateAsync(new CreateBusinessConnection { FromOrganisationId = c, ToOrganisationId = d, Relationships = [BusinessRelationship.Trading] });

        var network = await Connections.NetworkAsync(a);

        Assert.Equal([(a, 0), (b, 1), (c, 2)], network.Nodes.Select(n => (n.OrganisationId, n.Hops)));
        Assert.Equal(2, network.Edges.Count);
    }

    [Fact]
    public async Task AViewer_ReadsButCannotConnect()
    {
        var (_, from, to) = await ConnectAsync();
        _store.ActAs(Roles.Viewer);

        Assert.Equal(1, (await Connections.ListAsync(new BusinessConnectionQuery { OrganisationId = from })).Total);
        await Assert.ThrowsAsync<ForbiddenException>(() => Connections.CreateAsync(new CreateBusinessConnection
        {
            FromOrganisationId = to, ToOrganisationId = from, Relationships = [BusinessRelationship.Trading],
        }));
    }

    private async Task<(BusinessConnectionDetails Connection, Guid From, Guid To)> ConnectAsync(Guid? to = null)
    {
        var from = (await _store.AddOrganisationAsync($"From {Guid.NewGuid():N}"[..12])).Organisation.Id;
        var target = to ?? (await _store.AddOrganisationAsync($"To {Guid.NewGuid():N}"[..10])).Organisation.Id;
        var connection = await Connections.CreateAsync(new CreateBusinessConnection { FromOrganisationId = from, ToOrganisationId = target, Relationships = [BusinessRelationship.Trading] });
        return (connection, from, target);
    }
}
