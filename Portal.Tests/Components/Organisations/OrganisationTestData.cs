using Portal.Domain.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>Organisations made through the real service, in the state a test needs.</summary>
internal static class OrganisationTestData
{
    public static CreateOrganisation NewOrg(string name, string country = "GB", bool withOwner = true, bool vetted = false) => new()
    {
        ConfirmedNotDuplicate = true,
        Name = name, BillingEmail = "accounts@example.com", CountryCode = country, IsVetted = vetted,
        Owner = withOwner ? new CreateMember { Email = "olive@example.com", GivenName = "Olive", FamilyName = "Owner" } : null,
    };

    public static async Task<OrganisationRow> CreateAsync(this OrganisationService orgs, string name, string country = "GB",
        OrganisationStatus status = OrganisationStatus.Pending, bool withOwner = true, bool vetted = false)
    {
        var org = (await orgs.CreateAsync(NewOrg(name, country, withOwner, vetted))).Organisation;
        if (status is OrganisationStatus.Active or OrganisationStatus.Suspended)
            org = (await orgs.ActivateAsync(org.Id, org.Version)).Organisation;
        if (status == OrganisationStatus.Suspended)
            org = (await orgs.SuspendAsync(org.Id, new ChangeStatus { Reason = "Unpaid invoices", Version = org.Version })).Organisation;
        if (status == OrganisationStatus.Archived)
            org = (await orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "Closed down", Version = org.Version })).Organisation;
        return org;
    }
}
