using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

public sealed class OrganisationServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private OrganisationService Orgs => _store.Get<OrganisationService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static CreateOrganisation NewOrg(string name = "Up Marden Farms Ltd", bool withOwner = true) => new()
    {
        ConfirmedNotDuplicate = true, // these tests are about other rules (OrganisationDuplicatesTests has the check)
        Name = name, BillingEmail = "accounts@upmarden.example", CountryCode = "GB", CompanyNumber = "01234567",
        Owner = withOwner ? new CreateMember { Email = "Owner@UpMarden.example ", GivenName = "Olive", FamilyName = "Owner" } : null,
    };

    [Fact]
    public async Task Create_StoresAPendingOrganisation_WithItsOwnerAsMember()
    {
        var created = await Orgs.CreateAsync(NewOrg());

        Assert.Equal(OrganisationStatus.Pending, created.Organisation.Status);
        Assert.Equal("owner@upmarden.example", created.Organisation.OwnerEmail);
        Assert.Equal("Olive Owner", created.Organisation.OwnerName);
        var owner = Assert.Single(created.Members);
        Assert.Equal(MemberRole.Owner, owner.Role);
        Assert.Equal(1, created.Organisation.Version);
        Assert.Equal([OrganisationAction.Activate, OrganisationAction.Archive], created.AllowedActions);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("LONG", "name")]
    [InlineData("bad-email", "billingEmail")]
    [InlineData("XX", "countryCode")]
    [InlineData("gb", "countryCode")]
    [InlineData("01234567; DROP", "companyNumber")]
    public async Task Create_WithBadInput_IsAFieldError_AndSavesNothing(string value, string field)
    {
        var command = NewOrg();
        switch (field)
        {
            case "name": command.Name = value == "LONG" ? new string('a', 1000) : value; break;
            case "billingEmail": command.BillingEmail = value; break;
            case "countryCode": command.CountryCode = value; break;
            case "companyNumber": command.CompanyNumber = value; break;
        }
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.CreateAsync(command));
        Assert.Contains(field, error.Errors.Keys);
        await using var db = await _store.DbAsync();
        Assert.Equal(0, await db.Organisations.CountAsync());
    }

    [Fact]
    public async Task Create_WithAnUnknownAccountManager_IsAFieldError()
    {
        var command = NewOrg();
        command.AccountManagerId = Guid.CreateVersion7();
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.CreateAsync(command));
        Assert.Contains("accountManagerId", error.Errors.Keys);
    }

    [Fact]
    public async Task Activate_MakesItActive_AndWelcomesTheOwnerInTheSameTransaction()
    {
        var created = await Orgs.CreateAsync(NewOrg());

        var active = await Orgs.ActivateAsync(created.Organisation.Id, created.Organisation.Version);

        Assert.Equal(OrganisationStatus.Active, active.Organisation.Status);
        Assert.Equal(_store.Clock.GetUtcNow(), active.ActivatedAt);
        await using var db = await _store.DbAsync();
        var email = Assert.Single(db.OutboxEmails);
        Assert.Equal("owner@upmarden.example", email.To);
        Assert.Contains("now active", email.Subject);
    }

    [Fact]
    public async Task Activate_WithoutAnOwner_IsConflict_AndSendsNothing()
    {
        var created = await Orgs.CreateAsync(NewOrg(withOwner: false));

        var error = await Assert.ThrowsAsync<ConflictException>(() => Orgs.ActivateAsync(created.Organisation.Id, created.Organisation.Version));

        Assert.Equal("organisation.no_owner", error.Code);
        await using var db = await _store.DbAsync();
        Assert.Empty(db.OutboxEmails);
        Assert.DoesNotContain(OrganisationAction.Activate, created.AllowedActions);
    }

    [Fact]
    public async Task Lifecycle_LegalTransitions_PendingActiveSuspendedActiveArchived()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        org = (await Orgs.ActivateAsync(org.Id, org.Version)).Organisation;
        var suspended = await Orgs.SuspendAsync(org.Id, new ChangeStatus { Reason = "Unpaid invoices", Version = org.Version });
        Assert.Equal(OrganisationStatus.Suspended, suspended.Organisation.Status);
        Assert.Equal("Unpaid invoices", suspended.StatusMessage);
        Assert.Equal([OrganisationAction.Activate, OrganisationAction.Archive], suspended.AllowedActions);

        var reinstated = await Orgs.ActivateAsync(org.Id, suspended.Organisation.Version);
        Assert.Equal(OrganisationStatus.Active, reinstated.Organisation.Status);
        Assert.Null(reinstated.StatusMessage);

        var archived = await Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "Closed down", Version = reinstated.Organisation.Version });
        Assert.Equal(OrganisationStatus.Archived, archived.Organisation.Status);
        Assert.Empty(archived.AllowedActions);
        await using var db = await _store.DbAsync();
        Assert.Equal(2, await db.OutboxEmails.CountAsync()); // welcome, then "active again"
    }

    [Fact]
    public async Task Suspend_WhenPending_IsConflict_NotActive()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        var error = await Assert.ThrowsAsync<ConflictException>(() => Orgs.SuspendAsync(org.Id, new ChangeStatus { Reason = "x", Version = org.Version }));
        Assert.Equal("organisation.not_active", error.Code);
    }

    [Fact]
    public async Task Activate_WhenActive_SendsTheWelcomeAgain_AndChangesNothingElse()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        org = (await Orgs.ActivateAsync(org.Id, org.Version)).Organisation;
        var activatedAt = (await Orgs.GetAsync(org.Id)).ActivatedAt;
        _store.Clock.Advance(TimeSpan.FromDays(1));

        var again = await Orgs.ActivateAsync(org.Id, org.Version);

        Assert.Equal((OrganisationStatus.Active, org.Version, activatedAt), (again.Organisation.Status, again.Organisation.Version, again.ActivatedAt));
        await using var db = await _store.DbAsync();
        var welcomes = await db.OutboxEmails.Where(e => e.To == org.OwnerEmail).Select(e => e.Subject).ToListAsync();
        Assert.Equal(2, welcomes.Count);
        Assert.All(welcomes, subject => Assert.StartsWith("Welcome:", subject));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Orgs.ActivateAsync(org.Id, org.Version - 1));
    }

    [Fact]
    public async Task AnArchivedOrganisation_IsReadOnly()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        org = (await Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "Duplicate", Version = org.Version })).Organisation;

        var update = new UpdateOrganisation { Name = "Renamed", BillingEmail = "a@b.example", CountryCode = "GB", Version = org.Version };
        Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(() => Orgs.UpdateAsync(org.Id, update))).Code);
        Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(() => Orgs.ActivateAsync(org.Id, org.Version))).Code);
        Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(() =>
            Orgs.AddMemberAsync(org.Id, new CreateMember { Email = "x@y.example", GivenName = "X" }, org.Version))).Code);
        Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(() =>
            Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "again", Version = org.Version }))).Code);
    }

    [Fact]
    public async Task SuspendAndArchive_NeedAReason()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = " ", Version = org.Version }));
        Assert.Contains("reason", error.Errors.Keys);
    }

    [Fact]
    public async Task Update_WithAStaleVersion_IsConcurrencyConflict_AndChangesNothing()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        await Orgs.UpdateAsync(org.Id, new UpdateOrganisation { Name = "First edit", BillingEmail = "a@b.example", CountryCode = "GB", Version = org.Version });

        await Assert.ThrowsAsync<ConcurrencyException>(() => Orgs.UpdateAsync(org.Id,
            new UpdateOrganisation { Name = "Second edit", BillingEmail = "a@b.example", CountryCode = "NL", Version = org.Version }));

        var stored = await Orgs.GetAsync(org.Id);
        Assert.Equal("First edit", stored.Organisation.Name);
        Assert.Equal(2, stored.Organisation.Version);
    }

    [Fact]
    public async Task ChangeOwner_MakesAnotherMemberOwner_AndThePreviousOwnerAnAdmin()
    {
        var org = await Orgs.CreateAsync(NewOrg());
        var withMember = await Orgs.AddMemberAsync(org.Organisation.Id,
            new CreateMember { Email = "bea@upmarden.example", GivenName = "Bea", FamilyName = "Baker" }, org.Organisation.Version);
        var bea = withMember.Item;

        var changed = await Orgs.ChangeOwnerAsync(org.Organisation.Id, bea.Id, withMember.Version);

        Assert.Equal("bea@upmarden.example", changed.Organisation.OwnerEmail);
        Assert.Equal(MemberRole.Admin, changed.Members.Single(m => m.Email == "owner@upmarden.example").Role);
        Assert.Single(changed.Members, m => m.Role == MemberRole.Owner);
    }

    [Fact]
    public async Task ChangeOwner_ToSomeoneWhoIsNotAMember_IsAFieldError()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.ChangeOwnerAsync(org.Id, Guid.CreateVersion7(), org.Version));
        Assert.Contains("memberId", error.Errors.Keys);
    }

    [Fact]
    public async Task AddMember_Twice_IsAFieldError()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.AddMemberAsync(org.Id,
            new CreateMember { Email = "OWNER@upmarden.example", GivenName = "Olive" }, org.Version));
        Assert.Contains("email", error.Errors.Keys);
    }

    [Fact]
    public async Task Writes_AreForStaffAndAdmins_ViewersMayRead()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        _store.ActAs(Roles.Viewer);

        Assert.Equal(org.Id, (await Orgs.GetAsync(org.Id)).Organisation.Id);
        await Assert.ThrowsAsync<ForbiddenException>(() => Orgs.CreateAsync(NewOrg("Other")));
        await Assert.ThrowsAsync<ForbiddenException>(() => Orgs.ActivateAsync(org.Id, org.Version));
        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => Orgs.ListAsync(new OrganisationQuery()));
    }

    [Fact]
    public async Task Changes_AreAudited_WithTheActor()
    {
        var org = (await Orgs.CreateAsync(NewOrg())).Organisation;
        await Orgs.ActivateAsync(org.Id, org.Version);

        var history = await _store.Get<AuditService>().HistoryAsync(nameof(Organisation), org.Id.ToString(), new ListQuery());

        Assert.Equal(3, history.Total); // created, its owner added as a member (a part of it), activated
        Assert.Contains(history.Items, e => e is { EntityType: nameof(OrganisationMember), Action: AuditActions.Created });
        var activation = history.Items[0];
        Assert.Equal("staff@test.example", activation.Actor);
        Assert.Contains(activation.Changes, c => c is { Field: "status", From: "Pending", To: "Active" });
    }

    [Fact]
    public async Task List_SearchesFiltersSortsAndPagesInSql()
    {
        _store.ActAs(Roles.Admin);
        var manager = await _store.Get<StaffUserService>().CreateAsync(new CreateStaffUser
        {
            Email = "am@portal.example", DisplayName = "Amy Manager", Roles = [Roles.Staff], Password = "Correct-Horse-9",
        });
        for (var i = 0; i < 30; i++)
        {
            var command = NewOrg($"Farm {i:00}");
            command.CountryCode = i % 3 == 0 ? "NL" : "GB";
            command.IsVetted = i % 2 == 0;
            command.CompanyNumber = $"C{i:0000}";
            command.AccountManagerId = i < 5 ? manager.Id : null;
            await Orgs.CreateAsync(command);
        }

        var nl = await Orgs.ListAsync(new OrganisationQuery { Country = "NL", Sort = "-name", PageSize = 4 });
        Assert.Equal(10, nl.Total);
        Assert.Equal(["Farm 27", "Farm 24", "Farm 21", "Farm 18"], nl.Items.Select(o => o.Name));

        var vettedNl = await Orgs.ListAsync(new OrganisationQuery { Country = "NL", Vetted = true });
        Assert.Equal(5, vettedNl.Total); // 0, 6, 12, 18, 24

        var byNumber = await Orgs.ListAsync(new OrganisationQuery { Q = "c0017" });
        Assert.Equal("Farm 17", Assert.Single(byNumber.Items).Name);

        var managed = await Orgs.ListAsync(new OrganisationQuery { AccountManagerId = manager.Id, Page = 2, PageSize = 3 });
        Assert.Equal(5, managed.Total);
        Assert.Equal(["Farm 03", "Farm 04"], managed.Items.Select(o => o.Name));
        Assert.All(managed.Items, o => Assert.Equal("Amy Manager", o.AccountManagerName));

        await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.ListAsync(new OrganisationQuery { Sort = "password" }));
    }

    [Fact]
    public async Task AccountManagers_AreEnabledAdminsAndStaff_ByName_AndViewersMayReadThem()
    {
        var zoe = await _store.SeedStaffUserAsync("zoe@portal.example", "Zoe Staff", Roles.Staff);
        var ada = await _store.SeedStaffUserAsync("ada@portal.example", "Ada Admin", Roles.Admin);
        await _store.SeedStaffUserAsync("wes@portal.example", "Wes Warehouse", Roles.Warehouse);
        await _store.SeedStaffUserAsync("vic@portal.example", "Vic Viewer", Roles.Viewer);
        var gone = await _store.SeedStaffUserAsync("gone@portal.example", "Gone Staff", Roles.Staff);
        _store.ActAs(Roles.Admin);
        await _store.Get<StaffUserService>().SetDisabledAsync(gone.Id, true, gone.Version);
        _store.ActAs(Roles.Viewer);

        var managers = await Orgs.AccountManagersAsync();

        Assert.Equal([new AccountManager(ada.Id, "Ada Admin"), new AccountManager(zoe.Id, "Zoe Staff")], managers);
        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => Orgs.AccountManagersAsync());
    }
}
