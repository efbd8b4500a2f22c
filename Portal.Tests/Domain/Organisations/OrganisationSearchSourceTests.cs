using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Search;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>The palette's organisations: each searched field finds its organisation, best match first, and only for roles that read organisations.</summary>
public sealed class OrganisationSearchSourceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private Guid _brightId;
    private OrganisationService Orgs => _store.Get<OrganisationService>();
    private ISearchSource Source => _store.Get<IEnumerable<ISearchSource>>().Single(s => s.Area == "Organisations");

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Admin);
        var bright = await CreateAsync("Brightwater Logistics Ltd", tradingName: "Brightwater Freight", email: "ledger@brightwater.example", number: "SC123456");
        _brightId = bright.Organisation.Id;
        var member = await Orgs.AddMemberAsync(bright.Organisation.Id, new CreateMember { Email = "Nadia.Okafor@Harbour.example", GivenName = "Nadia", FamilyName = "Okafor" }, bright.Organisation.Version);
        await _store.Get<WhiteLabelDomainService>().AddAsync(bright.Organisation.Id, new CreateWhiteLabelDomain { HostName = "portal.brightwater.co.uk" }, member.Version);
        await CreateAsync("Hollow Oak Farms", email: "accounts@hollowoak.example", number: "07654321");
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Task<OrganisationDetails> CreateAsync(string name, string? tradingName = null, string email = "accounts@farm.example", string? number = null) =>
        Orgs.CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = name, TradingName = tradingName, BillingEmail = email, CountryCode = "GB", CompanyNumber = number });

    private Task<IReadOnlyList<SearchHit>> FindAsync(string text) => Source.SearchAsync(text, 5, CancellationToken.None);

    [Theory]
    [InlineData("Brightwater Logistics Ltd", SearchRank.Exact)] // name
    [InlineData("brightwater log", SearchRank.Prefix)]
    [InlineData("logistics", SearchRank.Contains)]
    [InlineData("bw", null)]
    [InlineData("Brightwater Freight", SearchRank.Exact)] // trading name
    [InlineData("freight", SearchRank.Contains)]
    [InlineData("SC123456", SearchRank.Exact)] // company number
    [InlineData("sc123456", SearchRank.Exact)]
    [InlineData("123456", SearchRank.Contains)]
    [InlineData("ledger@brightwater.example", SearchRank.Exact)] // billing email
    [InlineData("ledger@", SearchRank.Prefix)]
    [InlineData("nadia.okafor@harbour.example", SearchRank.Exact)] // a member's email
    [InlineData("NADIA.OK", SearchRank.Prefix)]
    [InlineData("harbour.exa", SearchRank.Contains)]
    [InlineData("portal.brightwater.co.uk", SearchRank.Exact)] // a white-label host
    [InlineData("portal.bright", SearchRank.Prefix)]
    [InlineData("water.co.uk", SearchRank.Contains)]
    public async Task FindsTheOrganisation_ByEachOfItsFields(string text, int? rank)
    {
        var hits = await FindAsync(text);

        if (rank is null) { Assert.DoesNotContain(hits, h => h.Title == "Brightwater Logistics Ltd"); return; }
        var hit = Assert.Single(hits);
        Assert.Equal(("Organisation", "Brightwater Logistics Ltd", rank.Value), (hit.Kind, hit.Title, hit.Rank));
        Assert.StartsWith("/organisations/", hit.Href);
    }

    [Fact]
    public async Task EachRow_SaysWhatFoundIt()
    {
        Assert.Equal("Pending · member nadia.okafor@harbour.example", (await FindAsync("nadia")).Single().Subtitle);
        Assert.Equal("Pending · white-label host portal.brightwater.co.uk", (await FindAsync("portal.bri")).Single().Subtitle);
        Assert.Equal("Pending · trading as Brightwater Freight", (await FindAsync("freight")).Single().Subtitle);
        Assert.Equal("Pending · company SC123456", (await FindAsync("SC123")).Single().Subtitle);
    }

    [Fact]
    public async Task ExactBeforePrefixBeforeContains_EvenAmongManyMatches()
    {
        for (var i = 0; i < 30; i++) await CreateAsync($"Green Oak {i:D2}");
        await CreateAsync("Oak");
        await CreateAsync("Oakwood Dairy");

        var hits = await FindAsync("oak");

        Assert.Equal(5, hits.Count);
        Assert.Equal(["Oak", "Oakwood Dairy"], hits.Take(2).Select(h => h.Title));
        Assert.Equal([SearchRank.Exact, SearchRank.Prefix, SearchRank.Contains, SearchRank.Contains, SearchRank.Contains], hits.Select(h => h.Rank));
    }

    [Fact]
    public async Task ARemovedHost_NoLongerFindsItsOrganisation()
    {
        var domains = await _store.Get<WhiteLabelDomainService>().ListAsync(_brightId);
        Assert.Single(await FindAsync("water.co.uk"));

        await _store.Get<WhiteLabelDomainService>().RemoveAsync(domains.OrganisationId, domains.Domains.Single().Id, domains.Version);

        Assert.Empty(await FindAsync("water.co.uk"));
        Assert.Empty(await FindAsync("portal.bright"));
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Staff, true)]
    [InlineData(Roles.Viewer, true)]
    [InlineData(Roles.Warehouse, false)]
    public async Task OnlyRolesThatReadOrganisations_FindThem(string role, bool reads)
    {
        _store.ActAs(role);

        if (reads) Assert.Single(await FindAsync("SC123456"));
        else await Assert.ThrowsAsync<ForbiddenException>(() => FindAsync("SC123456"));
        var groups = await _store.Get<PaletteSearch>().SearchAllAsync("SC123456");
        Assert.Equal(reads, groups.Any(g => g.Area == "Organisations"));
    }
}
