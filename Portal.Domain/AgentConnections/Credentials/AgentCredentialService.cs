using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.AgentConnections;

/// <summary>
/// Credentials issued to connections, and their revocation and suspension lists, one at a time or by criteria (schema and
/// attribute values; the matches read once, then changed by id in transactions of 250 with one audit entry each, with
/// progress and counts). Queued for the agency's systems to deliver.
/// </summary>
public sealed class AgentCredentialService(
    IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock,
    IValidator<IssueCredential> issueValidator, IValidator<ChangeCredentialStatus> statusValidator, IValidator<CredentialCriteria> criteriaValidator,
    LiveUpdates.ILiveUpdates live)
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
        var revocation = criteria.Purpose == CredentialPurpose.Revocation;
        // The criteria (an EXISTS per attribute) run once: every match with whether it is on the list already. Re-running
        // them for each batch was what made 50,000 take 24 s; the batches then change rows by primary key.
        var matching = Matching(db, agencyId, criteria).AsNoTracking();
        var found = await (revocation ? matching.Select(c => new { c.Id, On = c.IsRevoked }) : matching.Select(c => new { c.Id, On = c.IsSuspended }))
            .ToListAsync(ct);
        var toChange = found.Where(f => f.On != on).Select(f => f.Id).Order().ToList();
        var changed = 0;
        progress?.Report(new WorkProgress("Changing", 0, found.Count));
        foreach (var batch in toChange.Chunk(BatchSize))
        {
            changed += await db.InTransactionAsync(async attemptCt =>
            {
                var now = clock.GetUtcNow();
                // Still to change (another request may have changed some since the read): those are the ones updated and audited.
                var ids = await db.AgentCredentials.Where(c => batch.Contains(c.Id) && (revocation ? c.IsRevoked != on : c.IsSuspended != on))
                    .Select(c => c.Id).ToListAsync(attemptCt);
                if (ids.Count == 0) return 0;
                var rows = db.AgentCredentials.Where(c => ids.Contains(c.Id));
                var count = revocation
                    ? await rows.ExecuteUpdateAsync(u => u.SetProperty(c => c.IsRevoked, on).SetProperty(c => c.StatusChangedAt, now), attemptCt)
                    : await rows.ExecuteUpdateAsync(u => u.SetProperty(c => c.IsSuspended, on).SetProperty(c => c.StatusChangedAt, now), attemptCt);
                db.AuditEntries.Add(BatchEntry(agencyId, criteria, on, ids, now));
                await db.SaveChangesAsync(attemptCt);
                return count;
            }, ct: ct);
            progress?.Report(new WorkProgress("Changing", changed, found.Count));
        }
        // The changes went by ExecuteUpdate, which the store does not announce: one "many connections changed" for the
        // open connection pages and lists (a page showing one of these credentials reads it again).
        if (changed > 0)
            await live.PublishAsync(new LiveUpdates.LiveUpdate { Kind = nameof(AgentConnection), ActorId = user.Id, Actor = user.ActorName }, ct);
        return new CriteriaResult(found.Count, changed, found.Count - changed);
    }

    /// <summary>
    /// One History entry for a batch of a by-criteria change, on the agency (its History tab shows it): which list, the
    /// criteria, how many and their ids. One entry per credential (250 rows a batch) cost more than the change itself.
    /// </summary>
    private AuditEntry BatchEntry(Guid agencyId, CredentialCriteria criteria, bool on, IReadOnlyCollection<Guid> ids, DateTimeOffset now) =>
        AuditEntry.For(user, now, nameof(Agency), agencyId.ToString(), AuditActions.Updated, new Dictionary<string, object?>
        {
            [criteria.Purpose == CredentialPurpose.Revocation ? "credentialsRevoked" : "credentialsSuspended"] = new { from = !on, to = on },
            ["credentialCount"] = new { to = ids.Count },
            ["schemaId"] = new { to = criteria.SchemaId.Trim() },
            ["criteria"] = new { to = string.Join(", ", criteria.Attributes.Select(a => $"{a.Name.Trim()}={a.Value}")) },
            ["credentialIds"] = new { to = string.Join(",", ids) },
        });

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
