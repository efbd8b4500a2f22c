using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Api;

/// <summary>/api/v1/organisations/{id}/bank-details: advance-pay bank details, masked; revealed in full to an Admin only.</summary>
public static class BankDetailsEndpoints
{
    public static IEndpointRouteBuilder MapBankDetailsEndpoints(this IEndpointRouteBuilder app)
    {
        // Who may read, change or reveal is decided by OrganisationBankDetailsService.
        var api = app.MapGroup("/api/v1/organisations/{id:guid}/bank-details").WithTags("Organisations").RequireAuthorization(Access.Policies.Read);

        api.MapGet("/", Get).WithName("GetOrganisationBankDetails").ProducesDomainProblems(404);
        api.MapPut("/", Set).WithName("SetOrganisationBankDetails").ProducesDomainProblems(400, 404, 409, 412, 428);
        api.MapDelete("/", Remove).WithName("RemoveOrganisationBankDetails").ProducesDomainProblems(404, 409, 412, 428);
        api.MapPost("/reveal", Reveal).WithName("RevealOrganisationBankDetails").ProducesDomainProblems(404);
        return app;
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
