using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Components.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>White-label domains: host names, colours and logos are checked; a host serves one organisation; one domain is primary.</summary>
public sealed class WhiteLabelDomainServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private OrganisationService Orgs => _store.Get<OrganisationService>();
    private WhiteLabelDomainService Domains => _store.Get<WhiteLabelDomainService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static CreateWhiteLabelDomain Host(string host, string colour = "#1F5FBF", string? logo = null, bool primary = false) =>
        new() { HostName = host, ThemeColour = colour, LogoUrl = logo, MakePrimary = primary };

    private async Task<WhiteLabelDomainList> AddAsync(OrganisationRow org, params string[] hosts)
    {
        var list = await Domains.ListAsync(org.Id);
        var version = list.Version;
        foreach (var host in hosts) version = (await Domains.AddAsync(org.Id, Host(host), version)).Version;
        return await Domains.ListAsync(org.Id);
    }

    private async Task<int> StoredDomainsAsync()
    {
        await using var db = await _store.DbAsync();
        return await db.WhiteLabelDomains.CountAsync();
    }

    [Fact]
    public async Task Add_StoresTheHostTrimmedAndLowerCased_TheColourUpperCased_AsThePrimary_AndMovesTheVersion()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");

        var added = await Domains.AddAsync(org.Id, Host("  Portal.ACME.com ", "#1f5fbf", " https://cdn.acme.com/logo.svg "), org.Version);

        var list = await Domains.ListAsync(org.Id);
        var domain = Assert.Single(list.Domains);
        Assert.Equal(added.Item, domain);
        Assert.Equal("portal.acme.com", domain.HostName);
        Assert.Equal("#1F5FBF", domain.ThemeColour);
        Assert.Equal("https://cdn.acme.com/logo.svg", domain.LogoUrl);
        Assert.True(domain.IsPrimary);
        Assert.Equal(_store.Clock.GetUtcNow(), domain.AddedAt);
        Assert.Equal(org.Version + 1, added.Version);
        Assert.Equal(added.Version, list.Version);
        Assert.Equal(added.Version, (await Orgs.GetAsync(org.Id)).Organisation.Version);
    }

    [Theory]
    [InlineData("", "Enter the host name")]
    [InlineData("   ", "Enter the host name")]
    [InlineData("https://portal.acme.com/", "Enter only the host name")]
    [InlineData("portal.acme.com/login", "Enter only the host name")]
    [InlineData("portal.acme.com:8443", "Enter only the host name")]
    [InlineData("portal acme.com", "Enter only the host name")]
    [InlineData("localhost", "at least two parts")]
    [InlineData("-portal.acme.com", "Each part between the dots")]
    [InlineData("portal-.acme.com", "Each part between the dots")]
    [InlineData("portal..acme.com", "Each part between the dots")]
    [InlineData("portal.acme.com.", "Each part between the dots")]
    [InlineData("port_al.acme.com", "Each part between the dots")]
    [InlineData("pörtal.acme.com", "Each part between the dots")]
    [InlineData("LABEL64.acme.com", "Each part between the dots")]
    [InlineData("TOOLONG", "253 characters or fewer")]
    [InlineData("192.168.1.10", "not an IP address")]
    public async Task Add_WithABadHostName_IsAFieldErrorSayingWhatIsWrong_AndSavesNothing(string host, string message)
    {
        host = host switch
        {
            "LABEL64" + ".acme.com" => new string('a', 64) + ".acme.com",
            "TOOLONG" => string.Join('.', Enumerable.Repeat(new string('a', 63), 4)), // 255 characters
            _ => host,
        };
        var org = await Orgs.CreateAsync("Acme Ltd");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Domains.AddAsync(org.Id, Host(host), org.Version));

        Assert.Contains(message, Assert.Single(error.Errors["hostName"]));
        Assert.Equal(0, await StoredDomainsAsync());
    }

    [Theory]
    [InlineData("a.io")]
    [InlineData("portal.brightwater-logistics.co.uk")]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("123.acme.com")]
    [InlineData("LABEL63")]
    [InlineData("MAX253")]
    public async Task Add_AcceptsEveryValidHostName(string host)
    {
        host = host switch
        {
            "LABEL63" => new string('a', 63) + ".acme.com",
            "MAX253" => string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('b', 61),
            _ => host,
        };
        var org = await Orgs.CreateAsync("Acme Ltd");

        var added = await Domains.AddAsync(org.Id, Host(host), org.Version);

        Assert.Equal(host, added.Item.HostName);
        Assert.Equal(host, Assert.Single((await Domains.ListAsync(org.Id)).Domains).HostName);
    }

    [Theory]
    [InlineData("  portal.acme.com")]
    [InlineData("PORTAL.ACME.COM")]
    [InlineData(" Portal.Acme.Com ")]
    public async Task Add_AHostAnotherOrganisationUses_InAnyCaseOrSpacing_IsAFieldErrorNamingThatOrganisation(string variant)
    {
        var acme = await Orgs.CreateAsync("Acme Ltd");
        await AddAsync(acme, "portal.acme.com");
        var other = await Orgs.CreateAsync("Other Farms Ltd");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Domains.AddAsync(other.Id, Host(variant), other.Version));

        Assert.Equal(["portal.acme.com is already used by Acme Ltd."], error.Errors["hostName"]);
        Assert.Equal(1, await StoredDomainsAsync());
        Assert.Equal(other.Version, (await Orgs.GetAsync(other.Id)).Organisation.Version);
    }

    [Fact]
    public async Task Add_AHostTheOrganisationAlreadyHas_IsTheSameFieldError()
    {
        var acme = await Orgs.CreateAsync("Acme Ltd");
        var list = await AddAsync(acme, "portal.acme.com");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Domains.AddAsync(acme.Id, Host("Portal.acme.com"), list.Version));

        Assert.Equal(["portal.acme.com is already used by Acme Ltd."], error.Errors["hostName"]);
    }

    [Fact]
    public async Task Add_WhenTheUniqueIndexCatchesARace_IsTheSameFieldError_NotACrash()
    {
        // Another organisation's add commits between this service's check and its save.
        var rival = new CommitsFirst("portal.acme.com");
        await using var store = await TestStore.CreateAsync(services =>
            services.ConfigureDbContext<PortalDbContext>((_, options) => options.AddInterceptors(rival)));
        store.ActAs(Roles.Staff);
        var orgs = store.Get<OrganisationService>();
        var winner = await orgs.CreateAsync("Acme Ltd");
        rival.WinnerId = winner.Id;
        var loser = await orgs.CreateAsync("Other Farms Ltd");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            store.Get<WhiteLabelDomainService>().AddAsync(loser.Id, Host("portal.acme.com"), loser.Version));

        Assert.Equal(["portal.acme.com is already used by Acme Ltd."], error.Errors["hostName"]);
        await using var db = await store.DbAsync();
        Assert.Equal(winner.Id, (await db.WhiteLabelDomains.SingleAsync()).OrganisationId);
    }

    /// <summary>Just before the service saves, inserts the same host for the winner over a separate connection.</summary>
    private sealed class CommitsFirst(string host) : SaveChangesInterceptor
    {
        public Guid WinnerId { get; set; }
        private bool _done;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            var adding = eventData.Context!.ChangeTracker.Entries<WhiteLabelDomain>().Any(e => e.State == EntityState.Added && e.Entity.HostName == host);
            if (adding && !_done)
            {
                _done = true;
                var options = new DbContextOptionsBuilder<PortalDbContext>().UsePortalProvider(TestDatabase.Provider, eventData.Context.Database.GetConnectionString()!).Options;
                await using var other = new PortalDbContext(options);
                await other.Organisations.FindAsync([WinnerId], cancellationToken); // a domain is changed with its organisation
                other.WhiteLabelDomains.Add(new WhiteLabelDomain
                {
                    OrganisationId = WinnerId, HostName = host, ThemeColour = "#000000", IsPrimary = true,
                });
                await other.SaveChangesAsync(cancellationToken);
            }
            return result;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("1F5FBF")]
    [InlineData("#1F5FB")]
    [InlineData("#1F5FBFF")]
    [InlineData("#GGGGGG")]
    [InlineData("blue")]
    public async Task Add_WithABadThemeColour_IsAFieldError(string colour)
    {
        var org = await Orgs.CreateAsync("Acme Ltd");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Domains.AddAsync(org.Id, Host("portal.acme.com", colour), org.Version));

        Assert.Contains("#1F5FBF", Assert.Single(error.Errors["themeColour"]));
        Assert.DoesNotContain("hostName", error.Errors.Keys);
    }

    [Theory]
    [InlineData("http://cdn.acme.com/logo.png")]
    [InlineData("ftp://cdn.acme.com/logo.png")]
    [InlineData("cdn.acme.com/logo.png")]
    [InlineData("/logo.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://user:secret@cdn.acme.com/logo.png")]
    [InlineData("https://cdn.acme.com/my logo.png")]
    public async Task Add_WithALogoThatIsNotAnAbsoluteHttpsUrl_IsAFieldError(string logo)
    {
        var org = await Orgs.CreateAsync("Acme Ltd");

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Domains.AddAsync(org.Id, Host("portal.acme.com", logo: logo), org.Version));

        Assert.Equal(["Enter the logo's full https:// address, e.g. https://cdn.acme.com/logo.svg."], error.Errors["logoUrl"]);
    }

    [Fact]
    public async Task Add_WithALogoUrlOverTheLimit_IsAFieldError_AndABlankLogoIsNone()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var tooLong = "https://cdn.acme.com/" + new string('a', WhiteLabelDomain.LogoUrlMaxLength);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Domains.AddAsync(org.Id, Host("portal.acme.com", logo: tooLong), org.Version));
        Assert.Contains("2048 characters or fewer", Assert.Single(error.Errors["logoUrl"]));

        var added = await Domains.AddAsync(org.Id, Host("portal.acme.com", logo: "  "), org.Version);
        Assert.Null(added.Item.LogoUrl);
    }

    [Fact]
    public async Task Primary_TheFirstIsPrimary_MakePrimaryMovesIt_AndAnAddCanTakeIt()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var list = await AddAsync(org, "portal.acme.com", "trade.acme.com");
        Assert.Equal(["portal.acme.com"], list.Domains.Where(d => d.IsPrimary).Select(d => d.HostName));

        var made = await Domains.MakePrimaryAsync(org.Id, list.Domains.Single(d => d.HostName == "trade.acme.com").Id, list.Version);
        Assert.True(made.Item.IsPrimary);
        list = await Domains.ListAsync(org.Id);
        Assert.Equal(["trade.acme.com"], list.Domains.Where(d => d.IsPrimary).Select(d => d.HostName));
        Assert.Equal("trade.acme.com", list.Domains[0].HostName); // primary first

        var shop = await Domains.AddAsync(org.Id, Host("shop.acme.com", primary: true), list.Version);
        Assert.True(shop.Item.IsPrimary);
        list = await Domains.ListAsync(org.Id);
        Assert.Equal(["shop.acme.com"], list.Domains.Where(d => d.IsPrimary).Select(d => d.HostName));
        Assert.Equal(3, list.Domains.Count);
    }

    [Fact]
    public async Task Remove_ThePrimaryWhileOthersRemain_IsConflict_ButAnotherOrTheLastOneGoes()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var list = await AddAsync(org, "portal.acme.com", "trade.acme.com");
        var primary = list.Domains.Single(d => d.IsPrimary);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Domains.RemoveAsync(org.Id, primary.Id, list.Version));
        Assert.Equal("organisation_domain.primary", error.Code);
        Assert.Contains("Make another domain primary", error.Message);

        var version = await Domains.RemoveAsync(org.Id, list.Domains.Single(d => !d.IsPrimary).Id, list.Version);
        Assert.Equal(list.Version + 1, version);
        Assert.Equal(["portal.acme.com"], (await Domains.ListAsync(org.Id)).Domains.Select(d => d.HostName));
        await Domains.RemoveAsync(org.Id, primary.Id, version);
        Assert.Empty((await Domains.ListAsync(org.Id)).Domains);
        Assert.Equal(0, await StoredDomainsAsync());
    }

    [Fact]
    public async Task Remove_FreesTheHostForAnotherOrganisation()
    {
        var acme = await Orgs.CreateAsync("Acme Ltd");
        var list = await AddAsync(acme, "portal.acme.com");
        await Domains.RemoveAsync(acme.Id, list.Domains[0].Id, list.Version);
        var other = await Orgs.CreateAsync("Other Farms Ltd");

        var added = await Domains.AddAsync(other.Id, Host("portal.acme.com"), other.Version);

        Assert.Equal("portal.acme.com", added.Item.HostName);
    }

    [Fact]
    public async Task Update_ChangesColourAndLogo_NotTheHost()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var added = await Domains.AddAsync(org.Id, Host("portal.acme.com", logo: "https://cdn.acme.com/old.png"), org.Version);

        var updated = await Domains.UpdateAsync(org.Id, added.Item.Id, new UpdateWhiteLabelDomain { ThemeColour = "#c62828", LogoUrl = "" }, added.Version);

        var domain = Assert.Single((await Domains.ListAsync(org.Id)).Domains);
        Assert.Equal(updated.Item, domain);
        Assert.Equal(("portal.acme.com", "#C62828", (string?)null), (domain.HostName, domain.ThemeColour, domain.LogoUrl));
        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Domains.UpdateAsync(org.Id, domain.Id, new UpdateWhiteLabelDomain { ThemeColour = "red" }, updated.Version));
        Assert.Contains("themeColour", error.Errors.Keys);
    }

    [Fact]
    public async Task AnUnknownDomainOrOrganisation_IsNotFound()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var list = await AddAsync(org, "portal.acme.com");

        await Assert.ThrowsAsync<NotFoundException>(() => Domains.MakePrimaryAsync(org.Id, Guid.CreateVersion7(), list.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => Domains.RemoveAsync(org.Id, Guid.CreateVersion7(), list.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => Domains.ListAsync(Guid.CreateVersion7()));
        await Assert.ThrowsAsync<NotFoundException>(() => Domains.AddAsync(Guid.CreateVersion7(), Host("x.acme.com"), 1));
        // another organisation's domain is not this one's
        var other = await Orgs.CreateAsync("Other Farms Ltd");
        await Assert.ThrowsAsync<NotFoundException>(() => Domains.RemoveAsync(other.Id, list.Domains[0].Id, other.Version));
    }

    [Fact]
    public async Task AnArchivedOrganisation_s_Domains_AreReadOnly()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var list = await AddAsync(org, "portal.acme.com", "trade.acme.com");
        var archived = await Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "Closed down", Version = list.Version });
        var version = archived.Organisation.Version;
        var trade = list.Domains.Single(d => !d.IsPrimary).Id;

        Assert.Equal(2, (await Domains.ListAsync(org.Id)).Domains.Count);
        foreach (var change in new Func<Task>[]
        {
            () => Domains.AddAsync(org.Id, Host("shop.acme.com"), version),
            () => Domains.UpdateAsync(org.Id, trade, new UpdateWhiteLabelDomain { ThemeColour = "#000000" }, version),
            () => Domains.MakePrimaryAsync(org.Id, trade, version),
            () => Domains.RemoveAsync(org.Id, trade, version),
        })
            Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(change)).Code);
        Assert.Equal(2, await StoredDomainsAsync());
    }

    [Fact]
    public async Task AChangeFromAStaleVersion_IsAConcurrencyConflict_AndChangesNothing()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var list = await AddAsync(org, "portal.acme.com");
        await Orgs.UpdateAsync(org.Id, new UpdateOrganisation { Name = "Acme Group Ltd", BillingEmail = "a@acme.example", CountryCode = "GB", Version = list.Version });

        await Assert.ThrowsAsync<ConcurrencyException>(() => Domains.AddAsync(org.Id, Host("trade.acme.com"), list.Version));
        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Domains.UpdateAsync(org.Id, list.Domains[0].Id, new UpdateWhiteLabelDomain { ThemeColour = "#000000" }, list.Version));

        var stored = await Domains.ListAsync(org.Id);
        Assert.Equal(("portal.acme.com", "#1F5FBF"), (Assert.Single(stored.Domains).HostName, stored.Domains[0].ThemeColour));
    }

    [Fact]
    public async Task Changes_AreAudited_WithTheActor()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var list = await AddAsync(org, "portal.acme.com");
        await Domains.UpdateAsync(org.Id, list.Domains[0].Id, new UpdateWhiteLabelDomain { ThemeColour = "#2E7D32" }, list.Version);

        var history = await _store.Get<AuditService>().HistoryAsync(nameof(WhiteLabelDomain), list.Domains[0].Id.ToString(), new ListQuery());

        Assert.Equal([AuditActions.Updated, AuditActions.Created], history.Items.Select(h => h.Action));
        Assert.All(history.Items, h => Assert.Equal("staff@test.example", h.Actor));
        Assert.Contains(history.Items[1].Changes, c => c is { Field: "hostName", To: "portal.acme.com" });
        Assert.Contains(history.Items[0].Changes, c => c is { Field: "themeColour", From: "#1F5FBF", To: "#2E7D32" });
    }

    [Fact]
    public async Task Writes_AreForStaffAndAdmins_ViewersMayRead_WarehouseNeither()
    {
        var org = await Orgs.CreateAsync("Acme Ltd");
        var list = await AddAsync(org, "portal.acme.com");

        _store.ActAs(Roles.Viewer);
        Assert.Single((await Domains.ListAsync(org.Id)).Domains);
        await Assert.ThrowsAsync<ForbiddenException>(() => Domains.AddAsync(org.Id, Host("trade.acme.com"), list.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => Domains.RemoveAsync(org.Id, list.Domains[0].Id, list.Version));
        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => Domains.ListAsync(org.Id));
        _store.ActAs(Roles.Admin);
        await Domains.AddAsync(org.Id, Host("trade.acme.com"), list.Version);
        Assert.Equal(2, (await Domains.ListAsync(org.Id)).Domains.Count);
    }
}
