using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Api;

/// <summary>
/// An organisation's addresses, phone numbers and VAT numbers. They belong to the organisation, so reads send its ETag
/// and every change needs If-Match with it and answers with the next one.
/// </summary>
public static class ContactEndpoints
{
    public static RouteGroupBuilder MapContactEndpoints(this RouteGroupBuilder v1)
    {
        // Viewers read, Admin/Staff write: each changing route names Access.Policies.Write, and OrganisationContactService checks again.
        var api = v1.MapGroup("/organisations/{id:guid}").WithTag(OrganisationsApi.Tag).RequireAuthorization(Access.Policies.Read);

        api.MapGet("/addresses", Addresses).WithName("ListOrganisationAddresses").ProducesDomainProblems(404)
            .WithSummary("List an organisation's addresses")
            .WithDescription("Billing first, each kind's primary first; the ETag is the organisation's version.");
        api.MapPost("/addresses", AddAddress).WithName("AddOrganisationAddress").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Add an address")
            .WithDescription("A billing or shipping address; the postcode is checked against the country's format. The first address of a kind becomes its primary. Needs the organisation's If-Match; answers 201 with the address and the organisation's next ETag.");
        api.MapGet("/addresses/{addressId:guid}", GetAddress).WithName("GetOrganisationAddress").ProducesDomainProblems(404)
            .WithSummary("Get an address")
            .WithDescription("One address of the organisation; the ETag is the organisation's version.");
        api.MapPut("/addresses/{addressId:guid}", UpdateAddress).WithName("UpdateOrganisationAddress").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Change an address")
            .WithDescription("Moving an address to the other kind keeps both kinds with exactly one primary. Needs the organisation's If-Match.");
        api.MapDelete("/addresses/{addressId:guid}", RemoveAddress).WithName("RemoveOrganisationAddress").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Remove an address")
            .WithDescription("Removing a primary makes the oldest remaining address of its kind primary. Needs the organisation's If-Match.");
        api.MapPost("/addresses/{addressId:guid}/primary", MakeAddressPrimary).WithName("MakeOrganisationAddressPrimary").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Make an address the primary of its kind")
            .WithDescription("Needs the organisation's If-Match.");

        api.MapGet("/phone-numbers", PhoneNumbers).WithName("ListOrganisationPhoneNumbers").ProducesDomainProblems(404)
            .WithSummary("List an organisation's phone numbers")
            .WithDescription("The primary first; the ETag is the organisation's version.");
        api.MapPost("/phone-numbers", AddPhoneNumber).WithName("AddOrganisationPhoneNumber").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Add a phone number")
            .WithDescription("The number in international form (\"+44 20 7946 0958\"); it is stored in E.164, and a number the organisation already has is a 400 on `number`. The first number becomes the primary. Needs the organisation's If-Match; answers 201.");
        api.MapGet("/phone-numbers/{phoneId:guid}", GetPhoneNumber).WithName("GetOrganisationPhoneNumber").ProducesDomainProblems(404)
            .WithSummary("Get a phone number")
            .WithDescription("One phone number of the organisation; the ETag is the organisation's version.");
        api.MapPut("/phone-numbers/{phoneId:guid}", UpdatePhoneNumber).WithName("UpdateOrganisationPhoneNumber").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Change a phone number")
            .WithDescription("Its label or number. Needs the organisation's If-Match.");
        api.MapDelete("/phone-numbers/{phoneId:guid}", RemovePhoneNumber).WithName("RemoveOrganisationPhoneNumber").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Remove a phone number")
            .WithDescription("Removing the primary makes the oldest remaining number primary. Needs the organisation's If-Match.");
        api.MapPost("/phone-numbers/{phoneId:guid}/primary", MakePhoneNumberPrimary).WithName("MakeOrganisationPhoneNumberPrimary").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Make a phone number the primary")
            .WithDescription("Needs the organisation's If-Match.");

        api.MapGet("/vat-numbers", VatNumbers).WithName("ListOrganisationVatNumbers").ProducesDomainProblems(404)
            .WithSummary("List an organisation's VAT numbers")
            .WithDescription("With each number's check state (Unverified, Valid, Invalid); the ETag is the organisation's version.");
        api.MapPost("/vat-numbers", AddVatNumber).WithName("AddOrganisationVatNumber").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Add a VAT number")
            .WithDescription("Stored normalised with the country prefix (GB123456789) and checked against the country's format; unverified until a check is recorded. Needs the organisation's If-Match; answers 201.");
        api.MapGet("/vat-numbers/{vatId:guid}", GetVatNumber).WithName("GetOrganisationVatNumber").ProducesDomainProblems(404)
            .WithSummary("Get a VAT number")
            .WithDescription("One VAT number of the organisation; the ETag is the organisation's version.");
        api.MapPut("/vat-numbers/{vatId:guid}", UpdateVatNumber).WithName("UpdateOrganisationVatNumber").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Correct a VAT number")
            .WithDescription("Its number or country; a different number is unverified again. Needs the organisation's If-Match.");
        api.MapDelete("/vat-numbers/{vatId:guid}", RemoveVatNumber).WithName("RemoveOrganisationVatNumber").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Remove a VAT number")
            .WithDescription("Needs the organisation's If-Match.");
        api.MapPost("/vat-numbers/{vatId:guid}/check", RecordVatCheck).WithName("RecordOrganisationVatCheck").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Record a VAT number check")
            .WithDescription("The result of a check made on VIES or HMRC (Portal does not call them): `result` Valid or Invalid and the `registeredName` the register holds; the acting user and the time are recorded with it. Needs the organisation's If-Match.");
        return v1;
    }

    /// <summary>Billing first, each kind's primary first.</summary>
    public static async Task<Ok<IReadOnlyList<AddressRow>>> Addresses(Guid id, OrganisationContactService contacts, HttpContext http, CancellationToken ct)
    {
        var all = await contacts.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, all.Addresses, all.Version);
    }

    /// <summary>The first address of a kind becomes its primary.</summary>
    public static async Task<Created<AddressRow>> AddAddress(Guid id, AddressFields body, OrganisationContactService contacts, HttpContext http, CancellationToken ct)
    {
        var added = await contacts.AddAddressAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/organisations/{id}/addresses/{added.Item.Id}", added);
    }

    public static async Task<Ok<AddressRow>> GetAddress(Guid id, Guid addressId, OrganisationContactService contacts, HttpContext http, CancellationToken ct)
    {
        var all = await contacts.GetAsync(id, ct);
        var item = all.Addresses.FirstOrDefault(x => x.Id == addressId) ?? throw new NotFoundException("Address", addressId);
        return ApiConventions.OkWithETag(http, item, all.Version);
    }

    public static async Task<Ok<AddressRow>> UpdateAddress(Guid id, Guid addressId, AddressFields body, OrganisationContactService contacts, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await contacts.UpdateAddressAsync(id, addressId, body, ApiConventions.RequiredVersion(http), ct));

    /// <summary>Removing a primary makes the oldest remaining address of its kind primary.</summary>
    public static async Task<NoContent> RemoveAddress(Guid id, Guid addressId, OrganisationContactService contacts, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, await contacts.RemoveAddressAsync(id, addressId, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<AddressRow>> MakeAddressPrimary(Guid id, Guid addressId, OrganisationContactService contacts, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await contacts.MakeAddressPrimaryAsync(id, addressId, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<IReadOnlyList<PhoneNumberRow>>> PhoneNumbers(Guid id, OrganisationContactService contacts, HttpContext http, CancellationToken ct)
    {
        var all = await contacts.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, all.PhoneNumbers, all.Version);
    }

    /// <summary>The number in international form ("+44 20 7946 0958"); it is stored in E.164.</summary>
    public static async Task<Created<PhoneNumberRow>> AddPhoneNumber(Guid id, PhoneNumberFields body, OrganisationContactService contacts, HttpContext http, CancellationToken ct)
    {
        var added = await contacts.AddPhoneNumberAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/organisations/{id}/phone-numbers/{added.Item.Id}", added);
    }

    public static async Task<Ok<PhoneNumberRow>> GetPhoneNumber(Guid id, Guid phoneId, OrganisationContactService contacts, HttpContext http, CancellationToken ct)
    {
        var all = await contacts.GetAsync(id, ct);
        var item = all.PhoneNumbers.FirstOrDefault(x => x.Id == phoneId) ?? throw new NotFoundException("Phone number", phoneId);
        return ApiConventions.OkWithETag(http, item, all.Version);
    }

    public static async Task<Ok<PhoneNumberRow>> UpdatePhoneNumber(Guid id, Guid phoneId, PhoneNumberFields body, OrganisationContactService contacts, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await contacts.UpdatePhoneNumberAsync(id, phoneId, body, ApiConventions.RequiredVersion(http), ct));

    public static async Task<NoContent> RemovePhoneNumber(Guid id, Guid phoneId, OrganisationContactService contacts, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, await contacts.RemovePhoneNumberAsync(id, phoneId, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<PhoneNumberRow>> MakePhoneNumberPrimary(Guid id, Guid phoneId, OrganisationContactService contacts, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await contacts.MakePhoneNumberPrimaryAsync(id, phoneId, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<IReadOnlyList<VatNumberRow>>> VatNumbers(Guid id, OrganisationContactService contacts, HttpContext http, CancellationToken ct)
    {
        var all = await contacts.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, all.VatNumbers, all.Version);
    }

    /// <summary>Stored normalised with the country prefix (GB123456789), unverified until a check is recorded.</summary>
    public static async Task<Created<VatNumberRow>> AddVatNumber(Guid id, VatNumberFields body, OrganisationContactService contacts, HttpContext http, CancellationToken ct)
    {
        var added = await contacts.AddVatNumberAsync(id, body, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/organisations/{id}/vat-numbers/{added.Item.Id}", added);
    }

    public static async Task<Ok<VatNumberRow>> GetVatNumber(Guid id, Guid vatId, OrganisationContactService contacts, HttpContext http, CancellationToken ct)
    {
        var all = await contacts.GetAsync(id, ct);
        var item = all.VatNumbers.FirstOrDefault(x => x.Id == vatId) ?? throw new NotFoundException("VAT number", vatId);
        return ApiConventions.OkWithETag(http, item, all.Version);
    }

    /// <summary>Corrects the number or its country; a different number is unverified again.</summary>
    public static async Task<Ok<VatNumberRow>> UpdateVatNumber(Guid id, Guid vatId, VatNumberFields body, OrganisationContactService contacts, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await contacts.UpdateVatNumberAsync(id, vatId, body, ApiConventions.RequiredVersion(http), ct));

    public static async Task<NoContent> RemoveVatNumber(Guid id, Guid vatId, OrganisationContactService contacts, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, await contacts.RemoveVatNumberAsync(id, vatId, ApiConventions.RequiredVersion(http), ct));

    /// <summary>
    /// Records the result of a check made on VIES or HMRC (Portal does not call them): Valid or Invalid, and the name
    /// the register holds. The acting user and the time are recorded with it.
    /// </summary>
    public static async Task<Ok<VatNumberRow>> RecordVatCheck(Guid id, Guid vatId, VatCheck body, OrganisationContactService contacts, HttpContext http, CancellationToken ct) =>
        ApiConventions.OkWithETag(http, await contacts.RecordVatCheckAsync(id, vatId, body, ApiConventions.RequiredVersion(http), ct));
}
