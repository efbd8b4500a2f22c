using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Domain.Common;
using Portal.Domain.Invitations;
using Portal.Infrastructure;

namespace Portal.Api;

/// <summary>/api/v1/invitations: every invitation (members, joint owners, authorized signers) and the invitee's verification.</summary>
public static class InvitationsApi
{
    public static readonly ApiTag Tag = new("Invitations",
        "Every invitation, of three kinds with one lifecycle (sent → accepted → completed; revoked; expired): `member` (an email " +
        "link to join an organisation; accepting it makes the member, so it has no completion), `joint` (joint owner of an " +
        "account, `accountUri`) and `authorizedSigner` (of an organisation, `organisationId`). The invitee accepts a joint or " +
        "signer invitation by typing four key items (first and last name, the last four digits of a government ID, a shared " +
        "secret) through the anonymous `POST /invitations/verifications`, rate limited per address; the key items are stored " +
        "only as salted slow hashes and never answered. Staff (and Admin) create, correct, resend, revoke and complete; Viewers " +
        "read; Admin deletes. State actions need the invitation's ETag as If-Match (412 when it moved, 428 when missing) and " +
        "answer 409 with a code when the state does not allow them.");

    public const string VerificationRateLimit = "invitation-verification";

    /// <summary>Verifications allowed per client IP per minute: <c>Invitations:VerificationsPerMinute</c>, 10 by default.</summary>
    /// <remarks>Behind the <see cref="VerificationGate"/> (how many verifications this instance hashes at once), which is asked first.</remarks>
    public static IServiceCollection AddInvitationVerificationRateLimit(this IServiceCollection services) =>
        services.AddSingleton<VerificationGate>().AddRateLimiter(o => o.AddPolicy<string, VerificationRateLimitPolicy>(VerificationRateLimit));

    public static RouteGroupBuilder MapInvitationsApi(this RouteGroupBuilder v1)
    {
        var api = v1.MapGroup("/invitations").WithTag(Tag).RequireAuthorization(Access.Policies.Read);
        api.MapGet("/", List).WithName("ListInvitations").ProducesDomainProblems(400)
            .WithSummary("List invitations")
            .WithDescription("Newest first. `state` and `type` take several values separated by `|` (`sent|accepted`; `member`, `joint`, `authorizedSigner`); `organisationId`, `accountUri` (exact), `name` (first or last name starting with it), `email` (starting with it), `expiringWithinDays`, `queue` (`awaiting-completion`, `expiring-soon`, `suspicious`: locked or many verifications) and `q` (contains, in email, names or inviter). `sort` by createdAt, updatedAt, expiresAt, email, lastName, state or verificationCount. Key items are never listed.");
        api.MapGet("/export", Export).WithName("ExportInvitations").Produces(200, contentType: "text/csv").ProducesDomainProblems(400)
            .WithSummary("Export invitations as CSV")
            .WithDescription("Every invitation the list's filters select (paging ignored), streamed as CSV, without key items.");
        api.MapGet("/{id:guid}", Get).WithName("GetInvitation").ProducesDomainProblems(404)
            .WithSummary("Get an invitation")
            .WithDescription("Its fields, counts, timeline and the `actions` allowed now (revoke, resend, edit, complete); never the key items. The ETag is its version.");
        api.MapPost("/", Create).WithName("CreateInvitation").ProducesDomainProblems(400, 409).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Invite a joint owner or an authorized signer")
            .WithDescription("`type` `joint` needs `accountUri` (an absolute URI) and no organisation; `authorizedSigner` needs `organisationId` and no account. `firstName`, `lastName`, `emailAddress`, `identification` (exactly 4 digits), `sharedSecret` (at least 8 characters), `inviterFullName`. Emails the invitee a link to /invitations/accept; expires after 30 days by default. Answers 201 without the key items. Member invitations are sent from `/organisations/{id}/invitations`.");
        api.MapPut("/{id:guid}", Update).WithName("UpdateInvitation").ProducesDomainProblems(400, 404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Correct a sent invitation")
            .WithDescription("Names, `emailAddress`, `inviterFullName`, and optionally a new `identification` or `sharedSecret` (left out: kept). A changed email address sends the invitation again. 409 `invitation.not_sent` unless sent. Needs If-Match.");
        api.MapPost("/{id:guid}/revoke", Revoke).WithName("RevokeInvitation").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Revoke a sent invitation")
            .WithDescription("sent → revoked; the link of an unsent email is forgotten. 409 `invitation.not_sent` otherwise. Needs If-Match.");
        api.MapPost("/{id:guid}/resend", Resend).WithName("ResendInvitation").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Send a sent invitation again")
            .WithDescription("Emails it again through the outbox, restarts its validity and lifts a lock (5 failed verifications); a member's link gets a new token. At most 3 times by default (409 `invitation.resend_limit`); 409 `invitation.not_sent` unless sent. Needs If-Match.");
        api.MapPost("/{id:guid}/complete", Complete).WithName("CompleteInvitation").ProducesDomainProblems(404, 409, 412, 428).RequireAuthorization(Access.Policies.Write)
            .WithSummary("Complete an accepted invitation")
            .WithDescription("accepted → completed: an authorized signer becomes a member of the organisation with the Signer role, a joint owner is recorded against the account. 409 `invitation.not_accepted`, `invitation.no_completion` (a member invitation), `invitation.already_member`. Needs If-Match.");
        api.MapDelete("/{id:guid}", Delete).WithName("DeleteInvitation").ProducesDomainProblems(404, 412, 428).RequireAuthorization(Access.Policies.Admin)
            .WithSummary("Delete an invitation")
            .WithDescription("Data clean-up, Admin only, any state (revoke is the normal way to cancel). Needs If-Match.");

        // The invitee's call: anonymous (the four key items are the credential), limited per client address.
        v1.MapPost("/invitations/verifications", Verify).WithName("VerifyInvitation").WithTag(Tag).AllowAnonymous()
            .RequireRateLimiting(VerificationRateLimit).ProducesDomainProblems(400, 409).Produces(429)
            .WithSummary("Accept invitations with the four key items")
            .WithDescription("Anonymous. `firstName`, `lastName`, `identification`, `sharedSecret` and optionally `invitationId`. Names are compared without regard to case, accents or surrounding spaces. Every call counts on each invitation with that name and identification; without `invitationId` every matching sent invitation is accepted, with it only that one. 200 with what was accepted; any mismatch (or a locked, expired or revoked invitation) is one 409 `invitation.not_verified` that never says which item was wrong. Five failures on one invitation lock it until it is resent. 429 with Retry-After after 10 calls a minute from one address, or at once while the server is busy with other verifications (Retry-After: 1).");
        return v1;
    }

    public static async Task<Ok<PagedResult<InvitationSummary>>> List(ListRequest<InvitationsQuery> list, InvitationService invitations, CancellationToken ct) =>
        TypedResults.Ok(await invitations.ListAsync(list.Query, ct));

    public static async Task Export(ListRequest<InvitationsQuery> list, InvitationService invitations, HttpContext http, CancellationToken ct)
    {
        list.Query.EnsureValid();
        await invitations.ExportAsync(list.Query, ApiConventions.CsvDownload(http, "invitations"), ct);
    }

    public static async Task<Ok<InvitationSummary>> Get(Guid id, InvitationService invitations, HttpContext http, CancellationToken ct)
    {
        var invitation = await invitations.GetAsync(id, ct);
        return ApiConventions.OkWithETag(http, invitation, invitation.Version);
    }

    public static async Task<Created<InvitationSummary>> Create(InvitationFields body, InvitationService invitations, HttpContext http, CancellationToken ct)
    {
        var invitation = await invitations.CreateAsync(body, ct);
        return ApiConventions.CreatedWithETag(http, $"/api/v1/invitations/{invitation.Id}", invitation, invitation.Version);
    }

    public static async Task<Ok<InvitationSummary>> Update(Guid id, UpdateInvitation body, InvitationService invitations, HttpContext http, CancellationToken ct) =>
        WithETag(http, await invitations.UpdateAsync(id, body, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<InvitationSummary>> Revoke(Guid id, InvitationService invitations, HttpContext http, CancellationToken ct) =>
        WithETag(http, await invitations.RevokeAsync(id, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<InvitationSummary>> Resend(Guid id, InvitationService invitations, HttpContext http, CancellationToken ct) =>
        WithETag(http, await invitations.ResendAsync(id, ApiConventions.RequiredVersion(http), ct));

    public static async Task<Ok<InvitationSummary>> Complete(Guid id, InvitationService invitations, HttpContext http, CancellationToken ct) =>
        WithETag(http, await invitations.CompleteAsync(id, ApiConventions.RequiredVersion(http), ct));

    public static async Task<NoContent> Delete(Guid id, InvitationService invitations, HttpContext http, CancellationToken ct)
    {
        await invitations.DeleteAsync(id, ApiConventions.RequiredVersion(http), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<VerificationResult>> Verify(VerifyInvitation body, InvitationService invitations, CancellationToken ct) =>
        TypedResults.Ok(await invitations.VerifyAsync(body, ct));

    private static Ok<InvitationSummary> WithETag(HttpContext http, InvitationSummary invitation) => ApiConventions.OkWithETag(http, invitation, invitation.Version);
}
