using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Api;

/// <summary>/api/v1/organisations/{id}/bank-details: advance-pay bank details, masked; revealed in full to an Admin only.</summary>
public static class BankDetailsEndpoints
{
    public static RouteGroupBuilder MapBankDetailsEndpoints(this RouteGroupBuilder v1)
    {
        // Viewers read (masked), Admin/Staff change, Admin reveals: each route names its policy, and OrganisationBankDetailsService checks again.
        var api = v1.MapGroup("/organisations/{id:guid}/bank-details").WithTag(OrganisationsApi.Tag).RequireAuthorization(Access.Policies.Read);

        api.MapGet("/", Get).WithName("GetOrganisationBankDetails").ProducesDomainProblems(404)
            .WithSummary("Get the billing email and bank details, masked")
            .WithDescription("Sort code and account number show only their last digits; the ETag is the organisation's version.");
        api.MapPut("/", Set).WithName("SetOrganisationBankDetails").ProducesDomainProblems(400, 404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Set or replace the bank details")
            .WithDescription("Account holder, bank name, sort code and account number (spaces or dashes allowed); stored encrypted. Needs the organisation's If-Match (or `version`).");
        api.MapDelete("/", Remove).WithName("RemoveOrganisationBankDetails").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Remove the bank details")
            .WithDescription("404 when there are none. Needs the organisation's If-Match.");
        api.MapPost("/reveal", Reveal).WithName("RevealOrganisationBankDetails").ProducesDomainProblems(404)
            .RequireAuthorization(Access.Policies.Admin)
            .WithSummary("Reveal the bank details in full (Admin only)")
            .WithDescription("The unmasked sort code and account number, for an Admin; anyone else gets 403. Each reveal is written to the audit trail and the answer is never cached.");
        return v1;
    }

    /// <summary>Billing email and bank details (masked); the ETag is the organisation's version.</summary>
    public static async Task<Ok<BillingDetails>> Get(Guid id, OrganisationBankDetailsService bankDetails, HttpContext http, CancellationToken ct)
    {
        var details = await bankDetails.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, details, details.Version);
    }

    /// <summary>Sets or replaces them; sort code and account number may be typed with spaces or dashes.</summary>
    public static async Task<Ok<BillingDetails>> Set(Guid id, UpdateBankDetails body, OrganisationBankDetailsService bankDetails, HttpContext http, CancellationToken ct)
    {
        body.Version = ApiConventions.RequiredVersion(http, body.Version);
        return ApiConventions.OkWithETag(http, await bankDetails.SetAsync(id, body, ct));
    }

    public static async Task<NoContent> Remove(Guid id, OrganisationBankDetailsService bankDetails, HttpContext http, CancellationToken ct) =>
        ApiConventions.NoContentWithETag(http, await bankDetails.RemoveAsync(id, ApiConventions.RequiredVersion(http), ct));

    /// <summary>The full values (Admin only); the reveal is written to the audit trail and the answer is never cached.</summary>
    public static async Task<Ok<RevealedBankDetails>> Reveal(Guid id, OrganisationBankDetailsService bankDetails, HttpContext http, CancellationToken ct)
    {
        var revealed = await bankDetails.RevealAsync(id, ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(revealed);
    }
}
