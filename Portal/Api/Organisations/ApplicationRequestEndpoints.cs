using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Api;

/// <summary>
/// /api/v1/organisations/{id}/application-requests: ask a person to complete an access application. A request is its own
/// aggregate keyed by its short code; its ETag and If-Match are its own version. Completion is this API's call: the
/// applicant completes the page outside Portal, and that side reports it here with the short code.
/// </summary>
public static class ApplicationRequestEndpoints
{
    public static RouteGroupBuilder MapApplicationRequestEndpoints(this RouteGroupBuilder v1)
    {
        // Viewers read, Admin/Staff write: each changing route names Access.Policies.Write, and ApplicationRequestService checks again.
        var api = v1.MapGroup("/organisations/{id:guid}/application-requests").WithTag(OrganisationsApi.Tag).RequireAuthorization(Access.Policies.Read);

        api.MapGet("/", List).WithName("ListApplicationRequests").ProducesDomainProblems(400, 404)
            .WithSummary("List an organisation's application requests")
            .WithDescription("Newest first. `state` is Sent, Complete, Expired or Deleted as of now (a sent request past its expiry is Expired); `createdFrom` (inclusive) and `createdBefore` (exclusive) bound the sending time; `q` searches email and short code.");
        api.MapGet("/{shortCode}", Get).WithName("GetApplicationRequest").ProducesDomainProblems(404)
            .WithSummary("Get an application request by its short code")
            .WithDescription("The ETag is the request's own version.");
        api.MapPost("/", Send).WithName("SendApplicationRequest").ProducesDomainProblems(400, 404, 409)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Ask a person to complete an access application")
            .WithDescription("Records the request with a unique short code and emails the person the page link; it expires after 7 days unless completed (configurable). An email that already has a pending request with this organisation is a 400 on `email`; an archived organisation is a 409. Answers 201.");
        api.MapPost("/{shortCode}/resend", Resend).WithName("ResendApplicationRequest").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Send an application request again")
            .WithDescription("Emails it again and restarts its validity; sent or expired requests only (409 `application_request.complete` or `.deleted`). If-Match is the request's ETag.");
        api.MapPost("/{shortCode}/delete", Delete).WithName("DeleteApplicationRequest").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Delete an application request")
            .WithDescription("It stops being open and stays listed as Deleted (and in the History); sent or expired requests only. If-Match is the request's ETag.");
        api.MapPost("/{shortCode}/complete", Complete).WithName("CompleteApplicationRequest").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Record that the applicant completed the request")
            .WithDescription("Called by the applicant's side (outside Portal) once the person has completed the page; only a sent request that has not expired (409 otherwise). If-Match is the request's ETag.");
        return v1;
    }

    public static async Task<Ok<PagedResult<ApplicationRequestRow>>> List(
        Guid id, ListRequest<ApplicationRequestQuery> list, ApplicationRequestService requests, CancellationToken ct) =>
        TypedResults.Ok(await requests.ListAsync(id, list.Query, ct));

    public static async Task<Ok<ApplicationRequestRow>> Get(Guid id, string shortCode, ApplicationRequestService requests, HttpContext http, CancellationToken ct)
    {
        var request = await requests.GetAsync(id, shortCode, ct);
        return ApiConventions.OkWithETag(http, request, request.Version);
    }

    public static async Task<Created<ApplicationRequestRow>> Send(Guid id, SendApplicationRequest body, ApplicationRequestService requests, HttpContext http, CancellationToken ct)
    {
        var request = await requests.SendAsync(id, body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/organisations/{id}/application-requests/{request.ShortCode}", request, request.Version);
    }

    public static async Task<Ok<ApplicationRequestRow>> Resend(Guid id, string shortCode, ApplicationRequestService requests, HttpContext http, CancellationToken ct)
    {
        var request = await requests.ResendAsync(id, shortCode, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, request, request.Version);
    }

    public static async Task<Ok<ApplicationRequestRow>> Delete(Guid id, string shortCode, ApplicationRequestService requests, HttpContext http, CancellationToken ct)
    {
        var request = await requests.DeleteAsync(id, shortCode, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, request, request.Version);
    }

    public static async Task<Ok<ApplicationRequestRow>> Complete(Guid id, string shortCode, ApplicationRequestService requests, HttpContext http, CancellationToken ct)
    {
        var request = await requests.CompleteAsync(id, shortCode, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, request, request.Version);
    }
}
