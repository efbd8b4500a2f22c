using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Outbox;
using Portal.Domain.Store;

namespace Portal.Domain.Organisations;

/// <summary>
/// An organisation's application requests. Admin and Staff send, resend and delete; Viewers read. Completion is recorded
/// by a call (<see cref="CompleteAsync"/>): the applicant completes the page outside Portal, and that side tells Portal
/// with the request's short code. Every read gives the state as of now, so a sent request past its expiry reads as
/// expired before <see cref="ApplicationRequestExpiryJob"/> marks it.
/// </summary>
public sealed class ApplicationRequestService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IOptions<ApplicationRequestOptions> options,
    IValidator<SendApplicationRequest> sendValidator)
{
    private static readonly SortMap<ApplicationRequest> Sorts = new SortMap<ApplicationRequest>("-createdAt")
        .Add("createdAt", r => r.CreatedAt)
        .Add("expiresAt", r => r.ExpiresAt)
        .Add("email", r => r.Email)
        .Add("shortCode", r => r.ShortCode)
        .Add("state", r => r.State);

    public async Task<PagedResult<ApplicationRequestRow>> ListAsync(Guid organisationId, ApplicationRequestQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        if (query.CreatedFrom is { } from && query.CreatedBefore is { } before && before <= from)
            throw DomainValidationException.For("createdBefore", "The end of the date range must be after its start.");
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct)) throw NotFound(organisationId);
        var requests = db.ApplicationRequests.AsNoTracking().Where(r => r.OrganisationId == organisationId);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            requests = requests.Where(r => EF.Functions.Like(r.Email, pattern, "\\") || EF.Functions.Like(r.ShortCode, pattern, "\\"));
        }
        requests = query.State switch
        {
            null => requests,
            ApplicationRequestState.Sent => requests.Where(r => r.State == ApplicationRequestState.Sent && r.ExpiresAt > now),
            ApplicationRequestState.Expired => requests.Where(r => r.State == ApplicationRequestState.Expired
                || (r.State == ApplicationRequestState.Sent && r.ExpiresAt <= now)),
            var state => requests.Where(r => r.State == state),
        };
        if (query.CreatedFrom is { } createdFrom) requests = requests.Where(r => r.CreatedAt >= createdFrom);
        if (query.CreatedBefore is { } createdBefore) requests = requests.Where(r => r.CreatedAt < createdBefore);
        var page = await Sorts.Apply(requests, query.Sort, r => r.Id).ToPageAsync(query, ct);
        return new PagedResult<ApplicationRequestRow>([.. page.Items.Select(r => ApplicationRequestRow.Of(r, now))], page.Page, page.PageSize, page.Total);
    }

    public async Task<ApplicationRequestRow> GetAsync(Guid organisationId, string shortCode, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var code = ApplicationRequest.NormalizeShortCode(shortCode);
        var request = await db.ApplicationRequests.AsNoTracking().FirstOrDefaultAsync(r => r.ShortCode == code && r.OrganisationId == organisationId, ct)
            ?? throw new NotFoundException("Application request", shortCode);
        return ApplicationRequestRow.Of(request, clock.GetUtcNow());
    }

    /// <summary>
    /// Records the request and queues its email in one save. One pending request per email and organisation: a second is a
    /// 400 on <c>email</c> naming the pending one (resend that instead); one that expired, completed or was deleted does not count.
    /// </summary>
    public async Task<ApplicationRequestRow> SendAsync(Guid organisationId, SendApplicationRequest command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await sendValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct) ?? throw NotFound(organisationId);
        org.EnsureEditable();
        var now = clock.GetUtcNow();
        var email = OrganisationMember.NormalizeEmail(command.Email);
        if (await db.ApplicationRequests.Where(r => r.OrganisationId == organisationId && r.Email == email
                && r.State == ApplicationRequestState.Sent && r.ExpiresAt > now).Select(r => r.ShortCode).FirstOrDefaultAsync(ct) is { } pending)
            throw DomainValidationException.For("email", $"{email} already has a pending request ({pending}); send that one again instead.");
        var code = await NewShortCodeAsync(db, ct);
        var request = ApplicationRequest.Create(organisationId, code, command, user.StaffUserId(), user.ActorName, now, options.Value.ValidFor);
        db.ApplicationRequests.Add(request);
        db.OutboxEmails.Add(EmailFor(request, org.Name));
        await db.SaveChangesAsync(ct);
        return ApplicationRequestRow.Of(request, now);
    }

    /// <summary>Emails it again through the outbox; the 7 days start over. Sent or expired ones only.</summary>
    public Task<ApplicationRequestRow> ResendAsync(Guid organisationId, string shortCode, long version, CancellationToken ct = default) =>
        ActAsync(organisationId, shortCode, version, (db, request, org, now) =>
        {
            request.Resend(now, options.Value.ValidFor);
            db.OutboxEmails.Add(EmailFor(request, org.Name));
        }, ct);

    /// <summary>Deletes it (kept, as deleted, for the History); sent or expired ones only.</summary>
    public Task<ApplicationRequestRow> DeleteAsync(Guid organisationId, string shortCode, long version, CancellationToken ct = default) =>
        ActAsync(organisationId, shortCode, version, (_, request, _, now) => request.Delete(user.ActorName, now), ct);

    /// <summary>The applicant's side reports the request completed (outside Portal); only a sent, unexpired request can be.</summary>
    public Task<ApplicationRequestRow> CompleteAsync(Guid organisationId, string shortCode, long version, CancellationToken ct = default) =>
        ActAsync(organisationId, shortCode, version, (_, request, _, now) => request.Complete(user.ActorName, now), ct);

    private async Task<ApplicationRequestRow> ActAsync(Guid organisationId, string shortCode, long version,
        Action<PortalDbContext, ApplicationRequest, Organisation, DateTimeOffset> act, CancellationToken ct)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct) ?? throw NotFound(organisationId);
        var code = ApplicationRequest.NormalizeShortCode(shortCode);
        var request = await db.ApplicationRequests.FirstOrDefaultAsync(r => r.ShortCode == code && r.OrganisationId == organisationId, ct)
            ?? throw new NotFoundException("Application request", shortCode);
        request.EnsureVersion(version, shortCode);
        org.EnsureEditable();
        var now = clock.GetUtcNow();
        act(db, request, org, now);
        await db.SaveChangesAsync(ct);
        return ApplicationRequestRow.Of(request, now);
    }

    private OutboxEmail EmailFor(ApplicationRequest request, string organisationName) => OutboxEmail.Create(request.Email,
        new ApplicationRequestEmail(organisationName, request.AccessApplicationName, request.PageLink, request.ShortCode, request.ExpiresAt), clock.GetUtcNow());

    /// <summary>A code no request has; with 31^8 codes a clash is rare, and the unique index catches a race.</summary>
    private static async Task<string> NewShortCodeAsync(PortalDbContext db, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var code = ApplicationRequest.NewShortCode();
            if (attempt >= 4 || !await db.ApplicationRequests.AnyAsync(r => r.ShortCode == code, ct)) return code;
        }
    }

    private static NotFoundException NotFound(Guid id) => new("Organisation", id);
}
