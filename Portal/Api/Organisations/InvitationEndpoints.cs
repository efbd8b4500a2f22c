using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Organisations;

namespace Portal.Api;

/// <summary>
/// /api/v1/organisations/{id}/invitations: invite people by email; accepting happens only on the /join page. An invitation
/// is its own aggregate (see <see cref="Portal.Domain.Invitations.Invitation"/>), so its ETag and If-Match are its own version.
/// </summary>
public static class InvitationEndpoints
{
    public static RouteGroupBuilder MapInvitationEndpoints(this RouteGroupBuilder v1)
    {
        // Viewers read, Admin/Staff write: each changing route names Access.Policies.Write, and OrganisationInvitationService checks again.
        var api = v1.MapGroup("/organisations/{id:guid}/invitations").WithTag(OrganisationsApi.Tag).RequireAuthorization(Access.Policies.Read);

        api.MapGet("/", List).WithName("ListOrganisationInvitations").ProducesDomainProblems(400, 404)
            .WithSummary("List an organisation's invitations")
            .WithDescription("Newest first; `status` is Pending, Accepted, Revoked or Expired; `open=true` lists those still pending, expired or not.");
        api.MapGet("/{invitationId:guid}", Get).WithName("GetOrganisationInvitation").ProducesDomainProblems(404)
            .WithSummary("Get an invitation")
            .WithDescription("The invitation without its link (that only travels in the email); the ETag is the invitation's own version.");
        api.MapPost("/", Invite).WithName("InviteOrganisationMember").ProducesDomainProblems(400, 404, 409)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Invite a person by email")
            .WithDescription("Invites a person as Admin or Member and emails them a one-time link to the anonymous page /join/{token}, valid for 7 days by default. A pending invitation to the same address is replaced; someone already a member is a 400 on `email`. Answers 201.");
        api.MapPost("/{invitationId:guid}/revoke", Revoke).WithName("RevokeOrganisationInvitation").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Withdraw an invitation")
            .WithDescription("The link stops working. If-Match is the invitation's ETag (its version); an invitation already accepted or withdrawn is a 409 (`invitation.already_used`, `invitation.revoked`).");
        api.MapPost("/{invitationId:guid}/resend", Resend).WithName("ResendOrganisationInvitation").ProducesDomainProblems(404, 409, 412, 428)
            .RequireAuthorization(Access.Policies.Write)
            .WithSummary("Send an invitation again")
            .WithDescription("Withdraws the old link and emails a new one; answers with the new invitation. If-Match is the invitation's ETag; an accepted or withdrawn invitation is a 409.");
        return v1;
    }

    /// <summary>Newest first; <c>status</c> is Pending, Accepted, Revoked or Expired; <c>open=true</c> lists those still pending, expired or not.</summary>
    public static async Task<Ok<PagedResult<InvitationRow>>> List(
        Guid id, ListRequest<InvitationQuery> list, OrganisationInvitationService invitations, CancellationToken ct) =>
        TypedResults.Ok(await invitations.ListAsync(id, list.Query, ct));

    public static async Task<Ok<InvitationRow>> Get(Guid id, Guid invitationId, OrganisationInvitationService invitations, HttpContext http, CancellationToken ct)
    {
        var invitation = await invitations.GetAsync(id, invitationId, ct);
        return ApiConventions.OkWithETag(http, invitation, invitation.Version);
    }

    /// <summary>Invites a person as Admin or Member and emails them a one-time link; a pending invitation to the same address is replaced.</summary>
    public static async Task<Created<InvitationRow>> Invite(Guid id, CreateInvitation body, OrganisationInvitationService invitations, HttpContext http, CancellationToken ct)
    {
        var invitation = await invitations.InviteAsync(id, body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/organisations/{id}/invitations/{invitation.Id}", invitation, invitation.Version);
    }

    /// <summary>Withdraws it: the link stops working. If-Match is the invitation's ETag (its version).</summary>
    public static async Task<Ok<InvitationRow>> Revoke(Guid id, Guid invitationId, OrganisationInvitationService invitations, HttpContext http, CancellationToken ct)
    {
        var invitation = await invitations.RevokeAsync(id, invitationId, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, invitation, invitation.Version);
    }

    /// <summary>Withdraws the old link and emails a new one; answers with the new invitation.</summary>
    public static async Task<Ok<InvitationRow>> Resend(Guid id, Guid invitationId, OrganisationInvitationService invitations, HttpContext http, CancellationToken ct)
    {
        var invitation = await invitations.ResendAsync(id, invitationId, ApiConventions.RequiredVersion(http), ct);
        return ApiConventions.OkWithETag(http, invitation, invitation.Version);
    }
}
