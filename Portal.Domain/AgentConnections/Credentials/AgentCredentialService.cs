using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.AgentConnections;

/// <summary>
/// Credentials issued to connections, and their revocation and suspension lists, one at a time or by criteria (schema and
/// attribute values; in transactions of 250, with progress and counts). Queued for the agency's systems to deliver.
/// </summary>
public sealed class AgentCredentialService(
    IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock,
    IValidator<IssueCredential> issueValidator, IValidator<ChangeCredentialStatus> statusValidator, IValidator<CredentialCriteria> criteriaValidator)
{
    public const int BatchSize = 250;

    private static readonly SortMap<AgentCredential> Sorts = new SortMap<AgentCredential>("-issuedAt")
        .Add("issuedAt", c => c.IssuedAt).Add("schemaId", c => c.SchemaId).Add("statusChangedAt", c => c.StatusChangedAt);

    internal static AgentCredentialRow RowOf(AgentCredential c, string alias) => new(
        c.Id, c.ConnectionId, alias, c.SchemaId, [.. c.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => new CredentialAttributeValue(a.Name, a.Value))],
        c.Status, c.IsRevoked, c.IsSuspended, c.Delivery, c.IssuedAt, c.ExpiresAt, c.StatusChangedAt);

    public async Task<AgentCredentialRow> IssueAsync(Guid connectionId, IssueCredential command, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Write);
        await issueValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var connection = await AgentConnectionService.FindAsync(db, connectionId, own, ct, tracked: false);
        connection.EnsureUsable();
        var now = clock.GetUtcNow();
        var credential = new AgentCredential
        {
            AgencyId = connection.AgencyId, ConnectionId = connection.Id, SchemaId = command.SchemaId.Trim(),
            RequestId = command.RequestId?.Trim() is { Length: > 0 } r ? r : null, ExpiresAt = command.ExpiresAt, IssuedAt = now, IssuedBy = user.ActorName,
        };
        credential.Attributes.AddRange(command.Attributes.Select(a => new AgentCredentialAttribute { CredentialId = credential.Id, Name = a.Name.Trim(), Value = a.Value }));
        db.AgentCredentials.Add(credential);
        await db.SaveChangesAsync(ct);
        await AgentMessageService.Touch(db, connection.Id, now, ct);
        return RowOf(credential, connection.Alias);
    }

    public async Task<AgentCredentialRow> GetAsync(Guid id, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var credential = await db.AgentCredentials.AsNoTracking().Include(c => c.Attributes).FirstOrDefaultAsync(c => c.Id == id && (own == null || c.AgencyId == own), ct)
            ?? throw new NotFoundException("Agent credential", id);
        var alias = await db.AgentConnections.Where(c => c.Id == credential.ConnectionId).Select(c => c.Alias).FirstAsync(ct);
        return RowOf(credential, alias);
    }

    public async Task<PagedResult<AgentCredentialRow>> ListAsync(AgentCredentialQuery query, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<AgentCredential> credentials = db.AgentCredentials.AsNoTracking();
        if ((own ?? query.AgencyId) is { } agency) credentials = credentials.Where(c => c.AgencyId == agency);
        if (query.ConnectionId is { } connection) credentials = credentials.Where(c => c.ConnectionId == connection);
        if (!string.IsNullOrWhiteSpace(query.SchemaId)) credentials = credentials.Where(c => c.SchemaId == query.SchemaId);
        credentials = query.Status switch
        {
            CredentialStatus.Active => credentials.Where(c => !c.IsRevoked && !c.IsSuspended),
            CredentialStatus.Suspended => credentials.Where(c => c.IsSuspended && !c.IsRevoked),
            CredentialStatus.Revoked => credentials.Where(c => c.IsRevoked),
            _ => credentials,
        };
        var total = await credentials.CountAsync(ct);
        var page = await Sorts.Apply(credentials, query.Sort, c => c.Id).Skip(query.Offset).Take(query.PageSize).Include(c => c.Attributes).ToListAsync(ct);
        var ids = page.Select(c => c.ConnectionId).Distinct().ToList();
        var aliases = await db.AgentConnections.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Alias, ct);
        return new PagedResult<AgentCredentialRow>([.. page.Select(c => RowOf(c, aliases.GetValueOrDefault(c.ConnectionId, "")))], query.Page, query.PageSize, total);
    }

    /// <summary>Revokes (purpose revocation) or suspends (purpose suspension) one credential; already so is a 409.</summary>
    public Task<AgentCredentialRow> RevokeAsync(Guid id, ChangeCredentialStatus command, CancellationToken ct = default) =>
        ChangeAsync(id, command, (c, p, now) => c.Revoke(p, now), ct);

    /// <summary>Unrevokes (revocation) or restores from suspension (suspension); not on that list is a 409.</summary>
    public Task<AgentCredentialRow> UnrevokeAsync(Guid id, ChangeCredentialStatus command, CancellationToken ct = default) =>
        ChangeAsync(id, command, (c, p, now) => c.Unrevoke(p, now), ct);

    private async Task<AgentCredentialRow> ChangeAsync(Guid id, ChangeCredentialStatus command, Action<AgentCredential, CredentialPurpose, DateTimeOffset> change, CancellationToken ct)
    {
        var own = user.RequireStaffOrAgency(Access.Write);
        await statusValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var credential = await db.AgentCredentials.Include(c => c.Attributes).FirstOrDefaultAsync(c => c.Id == id && (own == null || c.AgencyId == own), ct)
            ?? throw new NotFoundException("Agent credential", id);
        change(credential, command.Purpose!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var alias = await db.AgentConnections.Where(c => c.Id == credential.ConnectionId).Select(c => c.Alias).FirstAsync(ct);
        return RowOf(credential, alias);
    }

    /// <summary>Puts every credential matching the criteria on the purpose's list; those already on it are counted, not changed.</summary>
    public Task<CriteriaResult> RevokeByCriteriaAsync(CredentialCriteria criteria, IProgress<WorkProgress>? progress = null, CancellationToken ct = default) =>
        ByCriteriaAsync(criteria, on: true, progress, ct);

    /// <summary>Takes every matching credential off the purpose's list (RestoreByCriteria); those not on it are counted, not changed.</summary>
    public Task<CriteriaResult> RestoreByCriteriaAsync(CredentialCriteria criteria, IProgress<WorkProgress>? progress = null, CancellationToken ct = default) =>
        ByCriteriaAsync(criteria, on: false, progress, ct);

    private async Task<CriteriaResult> ByCriteriaAsync(CredentialCriteria criteria, bool on, IProgress<WorkProgress>? progress, CancellationToken ct)
    {
        var own = user.RequireStaffOrAgency(Access.Write);
        await criteriaValidator.ValidateOrThrowAsync(criteria, ct);
        var agencyId = own ?? criteria.AgencyId ?? throw DomainValidationException.For("agencyId", "Choose the agency whose credentials to change.");
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Agencies.AnyAsync(a => a.Id == agencyId, ct)) throw DomainValidationException.For("agencyId", "There is no such agency.");
        var matching = Matching(db, agencyId, criteria);
        var total = await matching.CountAsync(ct);
        var revocation = criteria.Purpose == CredentialPurpose.Revocation;
        // Those to change, a batch at a time: a changed row leaves the set, so each batch is the first of what is left.
        var toChange = revocation ? matching.Where(c => c.IsRevoked != on) : matching.Where(c => c.IsSuspended != on);
        var changed = 0;
        progress?.Report(new WorkProgress("Changing", 0, total));
        while (true)
        {
            var batch = await db.InTransactionAsync(async attemptCt =>
            {
                var rows = await toChange.OrderBy(c => c.Id).Take(BatchSize).ToListAsync(attemptCt);
                var now = clock.GetUtcNow();
                foreach (var row in rows)
                    if (on) row.Revoke(criteria.Purpose, now); else row.Unrevoke(criteria.Purpose, now);
                await db.SaveChangesAsync(attemptCt);
                return rows.Count;
            }, ct: ct);
            if (batch == 0) break;
            changed += batch;
            db.ChangeTracker.Clear();
            progress?.Report(new WorkProgress("Changing", Math.Min(changed, total), total));
        }
        return new CriteriaResult(total, changed, total - changed);
    }

    private static IQueryable<AgentCredential> Matching(PortalDbContext db, Guid agencyId, CredentialCriteria criteria)
    {
        var schema = criteria.SchemaId.Trim();
        var credentials = db.AgentCredentials.Where(c => c.AgencyId == agencyId && c.SchemaId == schema);
        foreach (var attribute in criteria.Attributes)
        {
            var (name, value) = (attribute.Name.Trim(), attribute.Value);
            credentials = credentials.Where(c => db.Set<AgentCredentialAttribute>().Any(a => a.CredentialId == c.Id && a.Name == name && a.Value == value));
        }
        return credentials;
    }
}
