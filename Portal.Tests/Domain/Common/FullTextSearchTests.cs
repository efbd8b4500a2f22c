using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Common;

/// <summary>The lists' contains-search through the trigram tables the SearchIndexes migration keeps by triggers.</summary>
public sealed class FullTextSearchTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private OrganisationService Orgs => _store.Get<OrganisationService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Admin);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Task<OrganisationDetails> CreateAsync(string name, string? tradingName = null, string email = "accounts@farm.example", string? number = null) =>
        Orgs.CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = name, TradingName = tradingName, BillingEmail = email, CountryCode = "GB", CompanyNumber = number });

    private async Task<string[]> FindAsync(string q) =>
        (await Orgs.ListAsync(new OrganisationQuery { Q = q, Sort = "name" })).Items.Select(o => o.Name).ToArray();

    [Theory]
    [InlineData(" farm shop ", "\"farm shop\"")]
    [InlineData("  \"ltd\"  ", "\"\"\"ltd\"\"\"")]
    [InlineData("ab", null)]
    [InlineData("abc", "\"abc\"")]
    public void Phrase_QuotesTheWholeText_OrIsNullWhenTooShortForTrigrams(string text, string? expected)
    {
        Assert.Equal(expected, FullTextSearch.Phrase(text));
    }

    [Fact]
    public async Task Search_FindsAnyPartOfEachSearchedColumn_IgnoringCase()
    {
        await CreateAsync("Brightwater Logistics Ltd", tradingName: "Brightwater", email: "ledger@bright.example", number: "SC123456");
        await CreateAsync("Hollow Oak Farms", email: "accounts@hollowoak.example");
        await CreateAsync("Mere Side Dairy", tradingName: "The Oak Creamery", email: "hello@mereside.example");

        Assert.Equal(["Brightwater Logistics Ltd"], await FindAsync("LOGISTIC"));
        Assert.Equal(["Brightwater Logistics Ltd"], await FindAsync("c1234"));
        Assert.Equal(["Brightwater Logistics Ltd"], await FindAsync("ledger@"));
        Assert.Equal(["Hollow Oak Farms", "Mere Side Dairy"], await FindAsync("oak"));
        Assert.Empty(await FindAsync("zzq"));
        // Across two columns is not a match: each column is searched on its own, as LIKE did.
        Assert.Empty(await FindAsync("Dairy The"));
    }

    [SqliteOnlyFact("SQLite's trigram tables follow their source through triggers; PostgreSQL indexes the columns")]
    public async Task ATableRebuild_ThatDroppedTheTriggers_IsMadeWhole_WhenTheStoreMigrates()
    {
        await CreateAsync("Old Mill Bakery");
        await using (var db = await _store.DbAsync())
        {
            // What a migration that rebuilds Organisations leaves: the triggers gone with the old table, the rowids new.
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER OrganisationSearch_Insert; DROP TRIGGER OrganisationSearch_Delete; DROP TRIGGER OrganisationSearch_Update;");
            await db.Database.ExecuteSqlRawAsync("UPDATE Organisations SET rowid = rowid + 1000");
        }
        Assert.Empty(await FindAsync("mill")); // the index points at rowids that are gone

        await _store.Services.MigrateStoreAsync();

        Assert.Equal(["Old Mill Bakery"], await FindAsync("mill"));
        await CreateAsync("New Mill Cafe");
        Assert.Equal(["New Mill Cafe", "Old Mill Bakery"], await FindAsync("mill"));
    }

    [Fact]
    public async Task Search_FollowsRenames_ThroughTheTriggers()
    {
        var org = await CreateAsync("Old Mill Bakery");
        var update = new UpdateOrganisation { Name = "New Granary Bakery", BillingEmail = "accounts@farm.example", CountryCode = "GB", Version = org.Organisation.Version };
        await Orgs.UpdateAsync(org.Organisation.Id, update);

        Assert.Empty(await FindAsync("old mill"));
        Assert.Equal(["New Granary Bakery"], await FindAsync("granary"));

        var suspended = await Orgs.ArchiveAsync(org.Organisation.Id, new ChangeStatus { Reason = "Closed", Version = update.Version + 1 });
        Assert.Equal(["New Granary Bakery"], await FindAsync("granary")); // a change of other columns leaves the index alone
        Assert.Equal(OrganisationStatus.Archived, suspended.Organisation.Status);
    }

    [Theory]
    [InlineData("\"Q\"")]
    [InlineData("Q\" OR \"")]
    [InlineData("NEAR(q")]
    [InlineData("ltd*")]
    [InlineData("-- q")]
    [InlineData("a AND b")]
    public async Task Search_TreatsQuotesAndQueryOperatorsAsPlainText(string q)
    {
        await CreateAsync("Plain Farm Ltd");

        var found = await FindAsync(q); // no FTS syntax error, and no match: none of these texts is in a name

        Assert.Empty(found);
    }

    [Fact]
    public async Task Search_WithQuotesInTheName_FindsIt()
    {
        await CreateAsync("The \"Quoted\" Company");
        await CreateAsync("Unquoted Company");

        Assert.Equal(["The \"Quoted\" Company"], await FindAsync("\"quoted\""));
    }

    [Fact]
    public async Task ShortSearch_StillMatches_WithoutTheTrigramIndex()
    {
        await CreateAsync("Ox Farm");
        await CreateAsync("Bee Farm");

        Assert.Equal(["Ox Farm"], await FindAsync("ox"));
        Assert.Equal(["Bee Farm", "Ox Farm"], await FindAsync(" f"));
    }

    [Fact]
    public async Task StaffUserSearch_FollowsNewUsersAndNameChanges()
    {
        var grace = await _store.AddStaffUserAsync("grace@navy.example", "Grace Hopper", Roles.Staff);
        var service = _store.Get<StaffUserService>();

        Assert.Equal(["Grace Hopper"], (await service.ListAsync(new StaffUserQuery { Q = "hopper" })).Items.Select(u => u.DisplayName));
        Assert.Equal(["Grace Hopper"], (await service.ListAsync(new StaffUserQuery { Q = "NAVY.ex" })).Items.Select(u => u.DisplayName));

        await service.UpdateAsync(grace.Id, new UpdateStaffUser { DisplayName = "Rear Admiral Hopper", Roles = [Roles.Staff], Version = grace.Version });

        Assert.Equal(["Rear Admiral Hopper"], (await service.ListAsync(new StaffUserQuery { Q = "admiral" })).Items.Select(u => u.DisplayName));
        Assert.Empty((await service.ListAsync(new StaffUserQuery { Q = "grace hop" })).Items);
    }

    [Fact]
    public async Task ListSearch_GoesThroughTheStoresFullTextSearch_SoAnotherProviderCanSupplyItsOwn()
    {
        await using var store = await TestStore.CreateAsync(s => s.AddSingleton<IFullTextSearch, NothingMatches>());
        store.ActAs(Roles.Admin);
        await store.Get<OrganisationService>().CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = "Brightwater Logistics", BillingEmail = "a@b.example", CountryCode = "GB" });
        await store.AddStaffUserAsync("grace@navy.example", "Grace Hopper", Roles.Staff);

        Assert.Empty((await store.Get<OrganisationService>().ListAsync(new OrganisationQuery { Q = "logistics" })).Items);
        Assert.Empty((await store.Get<StaffUserService>().ListAsync(new StaffUserQuery { Q = "hopper" })).Items);
        // Too short for an index: the services search with LIKE themselves.
        Assert.Single((await store.Get<OrganisationService>().ListAsync(new OrganisationQuery { Q = "lo" })).Items);
    }

    /// <summary>A provider whose index finds nothing: what the services answer shows they asked it.</summary>
    private sealed class NothingMatches : IFullTextSearch
    {
        public IQueryable<TEntity>? Matching<TEntity>(PortalDbContext db, string text) where TEntity : class =>
            text.Trim().Length < FullTextSearch.MinimumLength ? null : db.Set<TEntity>().Where(_ => false);
    }

    [SqliteOnlyFact("FTS5's integrity check of its trigram tables; PostgreSQL's trigram indexes are ordinary indexes")]
    public async Task Index_MatchesItsTable_AfterChanges()
    {
        await CreateAsync("Alpha Farm", tradingName: "Alpha");
        var beta = await CreateAsync("Beta Farm");
        await Orgs.UpdateAsync(beta.Organisation.Id, new UpdateOrganisation { Name = "Beta Farm", TradingName = "B", BillingEmail = "b@farm.example", CountryCode = "GB", Version = beta.Organisation.Version });

        await using var db = await _store.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        // FTS5's own check: fails when the index and its content table disagree.
        await db.Database.ExecuteSqlRawAsync("INSERT INTO OrganisationSearch(OrganisationSearch, rank) VALUES ('integrity-check', 1)");
        await db.Database.ExecuteSqlRawAsync("INSERT INTO StaffUserSearch(StaffUserSearch, rank) VALUES ('integrity-check', 1)");
    }
}
