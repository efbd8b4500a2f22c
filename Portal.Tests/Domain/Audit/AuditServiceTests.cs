using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Audit;

public sealed class AuditServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private TestStore _store = null!;
    private StaffUserRow _grace = null!;
    private CreatedApiKey _key = null!;

    private AuditService Audit => _store.Get<AuditService>();

    /// <summary>Monday: alice creates Grace. Tuesday: bob renames Grace. Wednesday: alice creates and revokes a key.</summary>
    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Admin, email: "alice@example.com");
        _grace = await _store.AddStaffUserAsync("grace@example.com", "Grace Hopper", Roles.Staff);

        _store.Clock.Advance(TimeSpan.FromDays(1));
        _store.ActAs(Roles.Admin, email: "bob@example.com");
        await _store.Get<StaffUserService>().UpdateAsync(_grace.Id,
            new UpdateStaffUser { DisplayName = "Grace B. Hopper", Roles = [Roles.Staff], Version = _grace.Version });

        _store.Clock.Advance(TimeSpan.FromDays(1));
        _store.ActAs(Roles.Admin, email: "alice@example.com");
        _key = await _store.Get<ApiKeyService>().CreateAsync(new CreateApiKey { Name = "Billing sync", Role = Roles.Viewer });
        _store.Clock.Advance(TimeSpan.FromHours(1));
        await _store.Get<ApiKeyService>().RevokeAsync(_key.Key.Id, _key.Key.Version);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task List_Unfiltered_ShowsEverythingNewestFirst()
    {
        var page = await Audit.ListAsync(new AuditQuery());

        // Monday: Created + RoleAdded; Tuesday: Updated; Wednesday: Created, then Updated (revoke).
        Assert.Equal(5, page.Total);
        Assert.Equal(page.Items.Select(e => e.At).OrderDescending(), page.Items.Select(e => e.At));
        Assert.Equal((nameof(ApiKey), AuditActions.Updated), (page.Items[0].EntityType, page.Items[0].Action));
    }

    [Fact]
    public async Task List_FilteredByEntityType_ShowsOnlyThatType()
    {
        var page = await Audit.ListAsync(new AuditQuery { EntityType = nameof(ApiKey) });

        Assert.Equal(2, page.Total);
        Assert.All(page.Items, e => Assert.Equal(_key.Key.Id.ToString(), e.EntityId));
    }

    [Fact]
    public async Task List_FilteredByActor_MatchesPartOfTheName()
    {
        var bob = await Audit.ListAsync(new AuditQuery { Actor = "BOB" });
        var alice = await Audit.ListAsync(new AuditQuery { Actor = "alice@" });

        var entry = Assert.Single(bob.Items);
        Assert.Equal(("bob@example.com", AuditActions.Updated, _grace.Id.ToString()), (entry.Actor, entry.Action, entry.EntityId));
        Assert.Equal(4, alice.Total);
        Assert.All(alice.Items, e => Assert.Equal("alice@example.com", e.Actor));
    }

    [Fact]
    public async Task List_FilteredByAction_ShowsOnlyThatAction()
    {
        var page = await Audit.ListAsync(new AuditQuery { Action = AuditActions.Created, Sort = "entityType" });

        Assert.Equal([nameof(ApiKey), nameof(StaffUser)], page.Items.Select(e => e.EntityType));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task List_FilteredByTimeRange_IncludesFromAndExcludesTo()
    {
        var tuesday = Monday.AddDays(1);

        var onTuesday = await Audit.ListAsync(new AuditQuery { From = tuesday, To = tuesday.AddDays(1) });
        var fromTuesday = await Audit.ListAsync(new AuditQuery { From = tuesday });
        var beforeTuesday = await Audit.ListAsync(new AuditQuery { To = tuesday });

        Assert.Equal("bob@example.com", Assert.Single(onTuesday.Items).Actor);
        Assert.Equal(3, fromTuesday.Total);
        Assert.Equal(2, beforeTuesday.Total);
        Assert.All(beforeTuesday.Items, e => Assert.Equal(_grace.Id.ToString(), e.EntityId));
    }

    [Fact]
    public async Task List_FilteredByTimeRangeInAnotherOffset_MeansTheSameInstant()
    {
        var tuesdayInNewYork = Monday.AddDays(1).ToOffset(TimeSpan.FromHours(-5));

        var onTuesday = await Audit.ListAsync(new AuditQuery { From = tuesdayInNewYork, To = tuesdayInNewYork.AddDays(1) });

        Assert.Equal("bob@example.com", Assert.Single(onTuesday.Items).Actor);
    }

    [Fact]
    public async Task List_FiltersCombine()
    {
        var page = await Audit.ListAsync(new AuditQuery { EntityType = nameof(StaffUser), Actor = "alice", Action = AuditActions.RoleAdded });

        var entry = Assert.Single(page.Items);
        Assert.Equal(Roles.Staff, Assert.Single(entry.Changes).To);
    }

    [Fact]
    public async Task History_ShowsOneRecordNewestFirst()
    {
        var history = await Audit.HistoryAsync(nameof(StaffUser), _grace.Id.ToString(), new ListQuery());

        Assert.Equal(3, history.Total);
        Assert.Equal(AuditActions.Updated, history.Items[0].Action);
        Assert.Equal([AuditActions.Created, AuditActions.RoleAdded], history.Items.Skip(1).Select(e => e.Action).Order(StringComparer.Ordinal));
        Assert.All(history.Items, e => Assert.Equal(_grace.Id.ToString(), e.EntityId));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Warehouse)]
    public async Task StaffUserAndApiKeyHistory_ByNonAdmin_IsForbidden(string role)
    {
        _store.ActAs(role);

        await Assert.ThrowsAsync<ForbiddenException>(() => Audit.HistoryAsync(nameof(StaffUser), _grace.Id.ToString(), new ListQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => Audit.HistoryAsync(nameof(ApiKey), _key.Key.Id.ToString(), new ListQuery()));
    }

    [Fact]
    public async Task HistoryOfOtherRecords_IsReadableByAViewer()
    {
        _store.ActAs(Roles.Viewer);

        var history = await Audit.HistoryAsync("Organisation", Guid.CreateVersion7().ToString(), new ListQuery());

        Assert.Equal(0, history.Total);
    }

    [Theory]
    [InlineData("Organisation")]
    [InlineData("OrganisationBankDetails")]
    [InlineData("OrganisationMember")]
    public async Task OrganisationHistory_ByWarehouse_IsForbidden(string entityType)
    {
        _store.ActAs(Roles.Warehouse);

        await Assert.ThrowsAsync<ForbiddenException>(() => Audit.HistoryAsync(entityType, Guid.CreateVersion7().ToString(), new ListQuery()));
    }

    [Fact]
    public async Task HistoryOfATypeThatNamesNoReaders_IsAdminOnly()
    {
        _store.ActAs(Roles.Staff);
        await Assert.ThrowsAsync<ForbiddenException>(() => Audit.HistoryAsync("SavedView", Guid.CreateVersion7().ToString(), new ListQuery()));

        _store.ActAs(Roles.Admin);
        Assert.Equal(0, (await Audit.HistoryAsync("SavedView", Guid.CreateVersion7().ToString(), new ListQuery())).Total);
    }

    [Fact]
    public void EveryPartOfAnAggregate_NamesWhoMayReadItsHistory()
    {
        var parts = typeof(IAggregatePart).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAggregatePart).IsAssignableFrom(t)).ToList();

        Assert.NotEmpty(parts);
        Assert.All(parts, t => Assert.NotNull(System.Reflection.CustomAttributeExtensions.GetCustomAttribute<HistoryReadersAttribute>(t)));
    }

    [Fact]
    public async Task History_WhenNotSignedIn_IsForbidden()
    {
        _store.ActAsAnonymous();

        await Assert.ThrowsAsync<ForbiddenException>(() => Audit.HistoryAsync("Organisation", "1", new ListQuery()));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Viewer)]
    public async Task TheGlobalAuditLog_ByNonAdmin_IsForbidden(string role)
    {
        _store.ActAs(role);

        await Assert.ThrowsAsync<ForbiddenException>(() => Audit.ListAsync(new AuditQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => Audit.EntityTypesAsync());
    }

    [Fact]
    public async Task EntityTypes_ListsTheTypesThatHaveEntries()
    {
        Assert.Equal([nameof(ApiKey), nameof(StaffUser)], await Audit.EntityTypesAsync());
    }

    [Fact]
    public async Task List_SortedByUnknownField_IsValidationErrorOnSort()
    {
        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => Audit.ListAsync(new AuditQuery { Sort = "changes" }));

        Assert.Equal(["sort"], ex.Errors.Keys);
    }
}
