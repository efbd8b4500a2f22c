using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;
using Portal.Tests.Components.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>
/// Every part of an organisation moves the organisation's version through the store, with no line in any service:
/// the changes here are made on the context directly. A part saved from a stale organisation is a lost race.
/// </summary>
public sealed class AggregatePartVersionTests : IAsyncLifetime
{
    private TestStore _store = default!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    /// <summary>A kind of part: how to add one to a tracked organisation, change it (when it can change) and remove it.</summary>
    public sealed record PartKind(
        string Name,
        Action<PortalDbContext, Organisation> Add,
        Func<PortalDbContext, Organisation, Task>? Change,
        Func<PortalDbContext, Organisation, Task> Remove)
    {
        public override string ToString() => Name;
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly PartKind[] Kinds =
    [
        new("member",
            (_, org) => org.AddMember("bea@acme.example", "Bea", "Baker", MemberRole.Member, Now),
            (_, org) => { org.Members.Single(m => m.Email == "bea@acme.example").GivenName = "Beatrice"; return Task.CompletedTask; },
            (_, org) => { org.Members.Remove(org.Members.Single(m => m.Email == "bea@acme.example")); return Task.CompletedTask; }),
        new("address",
            (_, org) => org.AddAddress(new AddressFields { Line1 = "1 Orchard Lane", City = "Chichester", Postcode = "PO18 9JP" }, Now),
            (_, org) => { org.Addresses.Single().City = "Bosham"; return Task.CompletedTask; },
            (_, org) => { org.Addresses.Clear(); return Task.CompletedTask; }),
        new("phone number",
            (_, org) => org.AddPhoneNumber(new PhoneNumberFields { Number = "+44 20 7946 0958" }, Now),
            (_, org) => { org.PhoneNumbers.Single().Label = "Accounts"; return Task.CompletedTask; },
            (_, org) => { org.PhoneNumbers.Clear(); return Task.CompletedTask; }),
        new("VAT number",
            (_, org) => org.AddVatNumber(new VatNumberFields { Number = "GB123456789" }, Now),
            (_, org) => { org.VatNumbers.Single().RecordCheck(VatState.Valid, "ACME LTD", "sam@portal.test", Now); return Task.CompletedTask; },
            (_, org) => { org.VatNumbers.Clear(); return Task.CompletedTask; }),
        new("white-label domain",
            (_, org) => org.AddDomain("portal.acme.com", "#1F5FBF", null, false, Now),
            (_, org) => { org.Domains.Single().ThemeColour = "#2E7D32"; return Task.CompletedTask; },
            (_, org) => { org.Domains.Clear(); return Task.CompletedTask; }),
        new("module",
            (_, org) => org.SwitchModuleOn(ModuleCatalogue.Get("trading"), Now, null, "Sam Staff"),
            null, // a module is on or off: there is nothing in it to change
            (_, org) => { org.Modules.Clear(); return Task.CompletedTask; }),
        new("bank details",
            (db, org) => db.OrganisationBankDetails.Add(new OrganisationBankDetails
            {
                OrganisationId = org.Id, AccountHolderName = "Acme Ltd", ProtectedSortCode = "sealed", ProtectedAccountNumber = "sealed", UpdatedBy = "sam",
            }),
            async (db, org) => (await db.OrganisationBankDetails.SingleAsync(b => b.OrganisationId == org.Id)).BankName = "Barclays",
            async (db, org) => db.OrganisationBankDetails.Remove(await db.OrganisationBankDetails.SingleAsync(b => b.OrganisationId == org.Id))),
    ];

    public static TheoryData<PartKind> EveryKind => new(Kinds);

    [Theory]
    [MemberData(nameof(EveryKind))]
    public async Task AddingChangingAndRemovingAPart_EachMoveTheOrganisationsVersionByOne(PartKind kind)
    {
        var org = await _store.Get<OrganisationService>().CreateAsync("Acme Ltd");
        var steps = new List<(string Step, Func<PortalDbContext, Organisation, Task> Apply)>
        {
            ("add", (db, o) => { kind.Add(db, o); return Task.CompletedTask; }),
        };
        if (kind.Change is { } change) steps.Add(("change", change));
        steps.Add(("remove", kind.Remove));

        var version = org.Version;
        foreach (var (step, apply) in steps)
        {
            await using var db = await _store.DbAsync();
            var tracked = await LoadAsync(db, org.Id);
            await apply(db, tracked);
            await db.SaveChangesAsync();

            version++;
            Assert.True(version == tracked.Version, $"{step} {kind.Name}: expected version {version}, the tracked organisation has {tracked.Version}");
            Assert.True(version == await StoredVersionAsync(org.Id), $"{step} {kind.Name}: the stored version did not move to {version}");
        }
        // The organisation was written through its version alone: its History shows the parts, not an empty update of it.
        await using var check = await _store.DbAsync();
        Assert.False(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(Organisation) && a.Action == AuditActions.Updated));
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public async Task AddingAPartToAStaleOrganisation_IsAConcurrencyConflict_AndStoresNothing(PartKind kind)
    {
        var orgs = _store.Get<OrganisationService>();
        var org = await orgs.CreateAsync("Acme Ltd");
        await using var mine = await _store.DbAsync();
        var myCopy = await LoadAsync(mine, org.Id);
        var theirs = await orgs.UpdateAsync(org.Id, new UpdateOrganisation { Name = "Renamed Ltd", BillingEmail = "a@acme.example", CountryCode = "GB", Version = org.Version });

        kind.Add(mine, myCopy);
        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() => mine.SaveChangesAsync());

        Assert.Equal((nameof(Organisation), org.Version, theirs.Organisation.Version), (ex.Entity, ex.ExpectedVersion, ex.CurrentVersion));
        await using var check = await _store.DbAsync();
        var stored = await LoadAsync(check, org.Id);
        Assert.Equal(theirs.Organisation.Version, stored.Version);
        Assert.Equal(0, PartsOf(stored) + await check.OrganisationBankDetails.CountAsync());
    }

    [Fact]
    public async Task TwoEditsOfTheSameOrganisationsParts_FromTheSameVersion_Conflict()
    {
        var org = await _store.Get<OrganisationService>().CreateAsync("Acme Ltd");
        await using var first = await _store.DbAsync();
        await using var second = await _store.DbAsync();
        var firstCopy = await LoadAsync(first, org.Id);
        var secondCopy = await LoadAsync(second, org.Id);

        firstCopy.AddPhoneNumber(new PhoneNumberFields { Number = "+44 20 7946 0958" }, Now);
        await first.SaveChangesAsync();
        secondCopy.AddDomain("portal.acme.com", "#1F5FBF", null, false, Now); // a different part: still the same organisation

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal((org.Version, org.Version + 1), (ex.ExpectedVersion, ex.CurrentVersion));
    }

    [Fact]
    public async Task RemovingAPartSomeoneRemovedMeanwhile_IsAConcurrencyConflictOnTheOrganisation()
    {
        var contacts = _store.Get<OrganisationContactService>();
        var org = await _store.Get<OrganisationService>().CreateAsync("Acme Ltd");
        var added = await contacts.AddPhoneNumberAsync(org.Id, new PhoneNumberFields { Number = "+44 20 7946 0958" }, org.Version);
        await using var mine = await _store.DbAsync();
        var myCopy = await LoadAsync(mine, org.Id);
        var theirs = await contacts.RemovePhoneNumberAsync(org.Id, added.Item.Id, added.Version);

        myCopy.PhoneNumbers.Clear();
        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() => mine.SaveChangesAsync());

        Assert.Equal((nameof(Organisation), added.Version, theirs), (ex.Entity, ex.ExpectedVersion, ex.CurrentVersion));
    }

    [Fact]
    public async Task SavingAPartWithoutItsOrganisation_IsRefused_SoNoVersionGoesUnchecked()
    {
        var org = await _store.Get<OrganisationService>().CreateAsync("Acme Ltd");
        await using var db = await _store.DbAsync();
        db.WhiteLabelDomains.Add(new WhiteLabelDomain { OrganisationId = org.Id, HostName = "portal.acme.com", ThemeColour = "#1F5FBF", IsPrimary = true });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("without its aggregate", ex.Message);
        await using var check = await _store.DbAsync();
        Assert.False(await check.WhiteLabelDomains.AnyAsync());
        Assert.Equal(org.Version, await StoredVersionAsync(org.Id));
    }

    private static Task<Organisation> LoadAsync(PortalDbContext db, Guid id) => db.Organisations.AsSplitQuery()
        .Include(o => o.Members).Include(o => o.Addresses).Include(o => o.PhoneNumbers).Include(o => o.VatNumbers)
        .Include(o => o.Domains).Include(o => o.Modules)
        .SingleAsync(o => o.Id == id);

    /// <summary>The parts other than the owner and bank details.</summary>
    private static int PartsOf(Organisation org) =>
        org.Members.Count - 1 + org.Addresses.Count + org.PhoneNumbers.Count + org.VatNumbers.Count + org.Domains.Count + org.Modules.Count;

    private async Task<long> StoredVersionAsync(Guid id)
    {
        await using var db = await _store.DbAsync();
        return await db.Organisations.Where(o => o.Id == id).Select(o => o.Version).SingleAsync();
    }
}
