using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>One action over many organisations: legal ones change, the rest are counted by reason, nothing is half-done.</summary>
public sealed class OrganisationBulkTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private OrganisationService Orgs => _store.Get<OrganisationService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<OrganisationDetails> CreateAsync(string name, string country = "GB", bool owner = true) =>
        await Orgs.CreateAsync(new CreateOrganisation
        {
            ConfirmedNotDuplicate = true,
            Name = name, BillingEmail = "accounts@bulk.example", CountryCode = country,
            Owner = owner ? new CreateMember { Email = $"{name.Replace(" ", ".").ToLowerInvariant()}@bulk.example", GivenName = "Olive", FamilyName = "Owner" } : null,
        });

    private async Task<OrganisationStatus> StatusOf(OrganisationDetails org) => (await Orgs.GetAsync(org.Organisation.Id)).Organisation.Status;

    [Fact]
    public async Task ActivateOverAFilter_ActivatesTheLegalOnes_EmailsEachOwner_AndCountsTheRestByReason()
    {
        var a = await CreateAsync("Alder Farm", "NL");
        var b = await CreateAsync("Birch Farm", "NL");
        var ownerless = await CreateAsync("Cedar Farm", "NL", owner: false);
        var archived = await CreateAsync("Damson Farm", "NL");
        await Orgs.ArchiveAsync(archived.Organisation.Id, new ChangeStatus { Reason = "Closed", Version = archived.Organisation.Version });
        var elsewhere = await CreateAsync("Elm Farm", "GB");
        var progress = new RecordingProgress();

        var result = await Orgs.BulkChangeAsync(new BulkOrganisationChange
        {
            Action = BulkOrganisationAction.Activate, Filter = new OrganisationQuery { Country = "NL" },
        }, progress);

        Assert.Equal(4, result.Selected);
        Assert.Equal(2, result.Changed);
        Assert.Equal(OrganisationStatus.Active, await StatusOf(a));
        Assert.Equal(OrganisationStatus.Active, await StatusOf(b));
        Assert.Equal(OrganisationStatus.Pending, await StatusOf(ownerless));
        Assert.Equal(OrganisationStatus.Archived, await StatusOf(archived));
        Assert.Equal(OrganisationStatus.Pending, await StatusOf(elsewhere));
        Assert.Equal(["organisation.archived", "organisation.no_owner"], result.Skipped.Select(s => s.Code).Order());
        Assert.Equal(["Cedar Farm"], result.Skipped.Single(s => s.Code == "organisation.no_owner").Examples);
        Assert.Equal((4, 4), (progress.Reports[^1].Done, progress.Reports[^1].Total));

        await using var db = await _store.DbAsync();
        Assert.Equal(["alder.farm@bulk.example", "birch.farm@bulk.example"], await db.OutboxEmails.Select(e => e.To).OrderBy(t => t).ToListAsync());
    }

    [Fact]
    public async Task SuspendByIds_NeedsAReason_AndSkipsThoseNotActive()
    {
        var active = await CreateAsync("Fir Farm");
        await Orgs.ActivateAsync(active.Organisation.Id, active.Organisation.Version);
        var pending = await CreateAsync("Gorse Farm");
        var change = new BulkOrganisationChange { Action = BulkOrganisationAction.Suspend, Ids = [active.Organisation.Id, pending.Organisation.Id] };

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.BulkChangeAsync(change));
        Assert.Contains("reason", error.Errors.Keys);
        Assert.Equal(OrganisationStatus.Active, await StatusOf(active));

        change.Reason = "Unpaid invoices";
        var result = await Orgs.BulkChangeAsync(change);

        Assert.Equal(1, result.Changed);
        var suspended = await Orgs.GetAsync(active.Organisation.Id);
        Assert.Equal(OrganisationStatus.Suspended, suspended.Organisation.Status);
        Assert.Equal("Unpaid invoices", suspended.StatusMessage);
        Assert.Equal("organisation.not_active", Assert.Single(result.Skipped).Code);
    }

    [Fact]
    public async Task AssignAccountManager_ChangesEachVersion_AuditsEach_AndSkipsThoseAlreadyAssigned()
    {
        var manager = await _store.SeedStaffUserAsync("amy@portal.example", "Amy Manager", Roles.Staff);
        var one = await CreateAsync("Hazel Farm");
        var two = await CreateAsync("Ivy Farm");
        var change = new BulkOrganisationChange { Action = BulkOrganisationAction.AssignAccountManager, AccountManagerId = manager.Id, Ids = [one.Organisation.Id, two.Organisation.Id] };

        var first = await Orgs.BulkChangeAsync(change);
        var again = await Orgs.BulkChangeAsync(change);

        Assert.Equal(2, first.Changed);
        Assert.Equal(0, again.Changed);
        Assert.Equal(2, Assert.Single(again.Skipped).Count);
        var reloaded = await Orgs.GetAsync(one.Organisation.Id);
        Assert.Equal("Amy Manager", reloaded.Organisation.AccountManagerName);
        Assert.Equal(one.Organisation.Version + 1, reloaded.Organisation.Version);
        var history = await _store.Get<AuditService>().HistoryAsync(nameof(Organisation), two.Organisation.Id.ToString(), new ListQuery());
        Assert.Contains(history.Items[0].Changes, c => c.Field == "accountManagerId" && c.To == manager.Id.ToString());
    }

    [Fact]
    public async Task UnknownManager_OrNoTarget_OrBothTargets_AreFieldErrors_AndChangeNothing()
    {
        var org = await CreateAsync("Juniper Farm");

        var unknown = await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.BulkChangeAsync(new BulkOrganisationChange
        {
            Action = BulkOrganisationAction.AssignAccountManager, AccountManagerId = Guid.CreateVersion7(), Ids = [org.Organisation.Id],
        }));
        var none = await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.BulkChangeAsync(new BulkOrganisationChange { Action = BulkOrganisationAction.Activate }));
        var both = await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.BulkChangeAsync(new BulkOrganisationChange
        {
            Action = BulkOrganisationAction.Activate, Ids = [org.Organisation.Id], Filter = new OrganisationQuery(),
        }));
        var empty = await Assert.ThrowsAsync<DomainValidationException>(() => Orgs.BulkChangeAsync(new BulkOrganisationChange { Action = BulkOrganisationAction.Activate, Ids = [] }));

        Assert.Contains("accountManagerId", unknown.Errors.Keys);
        Assert.Contains("ids", none.Errors.Keys);
        Assert.Contains("ids", both.Errors.Keys);
        Assert.Contains("ids", empty.Errors.Keys);
        Assert.Equal(OrganisationStatus.Pending, await StatusOf(org));
    }

    [Fact]
    public async Task UnknownIds_AreReportedAsGone()
    {
        var org = await CreateAsync("Kale Farm");

        var result = await Orgs.BulkChangeAsync(new BulkOrganisationChange { Action = BulkOrganisationAction.Activate, Ids = [org.Organisation.Id, Guid.CreateVersion7()] });

        Assert.Equal(1, result.Changed);
        Assert.Equal("organisation.not_found", Assert.Single(result.Skipped).Code);
    }

    [Fact]
    public async Task ManyOrganisations_AreDoneInBatches()
    {
        var count = OrganisationService.BulkBatchSize + 10;
        await using (var db = await _store.DbAsync())
        {
            for (var i = 0; i < count; i++)
            {
                var org = new Organisation { Name = $"Batch {i:000}", BillingEmail = "b@bulk.example", CountryCode = "IE", CreatedAt = _store.Clock.GetUtcNow() };
                org.ChangeOwner(org.AddMember($"o{i}@bulk.example", "O", "Wner", MemberRole.Owner, _store.Clock.GetUtcNow()).Id);
                db.Organisations.Add(org);
            }
            await db.SaveChangesAsync();
        }
        var progress = new RecordingProgress();

        var result = await Orgs.BulkChangeAsync(new BulkOrganisationChange { Action = BulkOrganisationAction.Activate, Filter = new OrganisationQuery { Country = "IE" } }, progress);

        Assert.Equal(count, result.Changed);
        Assert.Equal([0, OrganisationService.BulkBatchSize, count], progress.Reports.Select(p => p.Done));
        var active = await Orgs.ListAsync(new OrganisationQuery { Country = "IE", Status = OrganisationStatus.Active });
        Assert.Equal(count, active.Total);
    }

    [Fact]
    public async Task AViewer_CannotBulkChange()
    {
        var org = await CreateAsync("Lime Farm");
        _store.ActAs(Roles.Viewer);

        await Assert.ThrowsAsync<ForbiddenException>(() => Orgs.BulkChangeAsync(new BulkOrganisationChange { Action = BulkOrganisationAction.Activate, Ids = [org.Organisation.Id] }));
    }
}
