using Portal.Domain.BusinessConnections;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.BusinessConnections;

/// <summary>Organisations, units and certificates made through the real services, acting as a throwaway Staff user.</summary>
public static class BusinessConnectionsTestData
{
    public static async Task<T> AsStaffAsync<T>(this TestStore store, Func<Task<T>> work)
    {
        var previous = store.User.Principal;
        store.ActAs(Roles.Staff, email: "connector@test.example");
        try { return await work(); }
        finally { store.User.Principal = previous; }
    }

    /// <summary>An organisation with members (emails) and an optional billing email.</summary>
    public static Task<OrganisationDetails> AddOrganisationAsync(this TestStore store, string name, string? billingEmail = null, string? companyNumber = null, params string[] memberEmails) =>
        store.AsStaffAsync(async () =>
        {
            var organisations = store.Get<OrganisationService>();
            var org = await organisations.CreateAsync(new CreateOrganisation
            {
                ConfirmedNotDuplicate = true,
                Name = name, BillingEmail = billingEmail ?? $"accounts@{Guid.NewGuid():N}.example", CountryCode = "GB", CompanyNumber = companyNumber,
            });
            var version = org.Organisation.Version;
            foreach (var email in memberEmails)
                version = (await organisations.AddMemberAsync(org.Organisation.Id, new CreateMember { Email = email, GivenName = "Given", FamilyName = email.Split('@')[0] }, version)).Version;
            return await organisations.GetAsync(org.Organisation.Id);
        });

    public static CreateBusinessUnit NewUnit(Guid organisationId, string name = "Pitlands Farm", BusinessUnitType type = BusinessUnitType.Farm) => new()
    {
        OrganisationId = organisationId, Type = type, Name = name, Line1 = "Pitlands Lane", City = "Chichester", Postcode = "PO18 9JP",
        CountryCode = "GB", Latitude = 50.9121, Longitude = -0.8712, What3Words = "///filled.count.soap", AssuranceScheme = "RT",
        HoldingNumber = "11/111/1111", Tags = ["arable", "south"],
    };

    public static Task<BusinessUnitDetails> AddUnitAsync(this TestStore store, Guid organisationId, string name = "Pitlands Farm", BusinessUnitType type = BusinessUnitType.Farm) =>
        store.AsStaffAsync(() => store.Get<BusinessUnitService>().CreateAsync(NewUnit(organisationId, name, type)));

    public static CreateCertificate NewCertificate(string identifier, DateTimeOffset expiresAt, string holding = "11/111/1111", string postcode = "PO18 9JP") => new()
    {
        Identifier = identifier, ExpiresAt = expiresAt, Enterprises = ["Combinable Crops"],
        Sites = [new CertifiedSiteFields { Identifier = holding, Postcode = postcode, SiteName = "Up Marden Farms", Address = "Pitlands Farm", IsPrimary = true }],
    };

    public static Task<CertificateRow> AddCertificateAsync(this TestStore store, string identifier, DateTimeOffset expiresAt, string holding = "11/111/1111", string postcode = "PO18 9JP") =>
        store.AsStaffAsync(() => store.Get<CertificateService>().CreateAsync(NewCertificate(identifier, expiresAt, holding, postcode)));
}
