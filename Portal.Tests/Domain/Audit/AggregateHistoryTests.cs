using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Audit;

/// <summary>An organisation's History shows the changes to its parts (members, phone numbers, …), and only its own.</summary>
public sealed class AggregateHistoryTests
{
    [Fact]
    public async Task ChangesToParts_AreInTheOrganisationsHistory_NotInAnothers()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Staff);
        var orgs = store.Get<OrganisationService>();
        var org = (await orgs.CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = "Hollow Oak Farm", BillingEmail = "a@hollow.example", CountryCode = "GB" })).Organisation;
        var other = (await orgs.CreateAsync(new CreateOrganisation { ConfirmedNotDuplicate = true, Name = "Mere Side Dairy", BillingEmail = "a@mere.example", CountryCode = "GB" })).Organisation;
        var withMember = await orgs.AddMemberAsync(org.Id, new CreateMember { Email = "bea@hollow.example", GivenName = "Bea" }, org.Version);
        await store.Get<OrganisationContactService>().AddPhoneNumberAsync(org.Id, new PhoneNumberFields { Label = "Main", Number = "+44 20 7946 0958" }, withMember.Version);

        var history = await store.Get<AuditService>().HistoryAsync(nameof(Organisation), org.Id.ToString(), new ListQuery());
        var otherHistory = await store.Get<AuditService>().HistoryAsync(nameof(Organisation), other.Id.ToString(), new ListQuery());

        Assert.Equal([nameof(OrganisationPhoneNumber), nameof(OrganisationMember), nameof(Organisation)], history.Items.Select(e => e.EntityType));
        Assert.Contains(history.Items[0].Changes, c => c is { Field: "number", To: "+442079460958" });
        Assert.Equal([nameof(Organisation)], otherHistory.Items.Select(e => e.EntityType));
    }
}
