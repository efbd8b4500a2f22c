using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.AgentConnections;

/// <summary>
/// Connections of agencies: connect by DID, alias, invitation URL or linked domain, move the DID Exchange state, stage
/// access, delete. Staff and Admin change them, Viewers read, Admins delete; an agency's own systems (the <c>hash</c>
/// caller) do all of it for their own agency and see nothing of another.
/// </summary>
public sealed class AgentConnectionService(
    IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock,
    IValidator<Connect> connectValidator, IValidator<ChangeConnectionState> stateValidator, IValidator<DeleteConnections> deleteValidator,
    IValidator<SetStageAccess> stageValidator, AgentConnectionTotals totals)
{
    private static readonly SortMap<AgentConnection> Sorts = new SortMap<AgentConnection>("-createdAt")
        .Add("createdAt", c => c.CreatedAt).Add("alias", c => c.Alias).Add("state", c => c.State).Add("lastActivityAt", c => c.LastActivityAt);

    internal static Expression<Func<AgentConnection, AgentConnectionRow>> RowOf(PortalDbContext db) => c => new AgentConnectionRow(
        c.Id, c.AgencyId, db.Set<Agency>().Where(a => a.Id == c.AgencyId).Select(a => a.Name).First(), c.AgentId, c.Method, c.Alias, c.Title, c.Did,
        c.LinkedDomain, c.State, c.AbandonReason, c.StageAccess, c.CreatedAt, c.LastActivityAt, c.Version);

    public async Task<PagedResult<AgentConnectionRow>> ListAsync(AgentConnectionQuery query, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var filter = own is { } agencyId ? query with { AgencyId = agencyId } : query;
        var total = await totals.GetAsync(filter, c => Filter(db.AgentConnections.AsNoTracking(), filter).CountAsync(c), ct);
        var items = await PageOf(db, filter).ToListAsync(ct);
        return new PagedResult<AgentConnectionRow>(items, query.Page, query.PageSize, total);
    }

    /// <summary>The list's page as SQL runs it (the query-plan tests read its plan).</summary>
    internal static IQueryable<AgentConnectionRow> PageOf(PortalDbContext db, AgentConnectionQuery query) =>
        Sorts.Apply(Filter(db.AgentConnections.AsNoTracking(), query), query.Sort, c => c.Id).Skip(query.Offset).Take(query.PageSize).Select(RowOf(db));

    /// <summary>Every connection the list's filter selects (paging ignored), as CSV.</summary>
    public async Task ExportAsync(AgentConnectionQuery query, Stream output, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var filtered = Filter(db.AgentConnections.AsNoTracking(), own is { } agencyId ? query with { AgencyId = agencyId } : query);
        var rows = Sorts.Apply(filtered, query.Sort, c => c.Id).Select(RowOf(db)).AsAsyncEnumerable();
        await CsvFiles.WriteAsync(output,
        [
            ("agency", c => c.AgencyName), ("agentId", c => c.AgentId), ("alias", c => c.Alias), ("title", c => c.Title), ("did", c => c.Did),
            ("linkedDomain", c => c.LinkedDomain), ("method", c => c.Method.ToString()), ("state", c => c.State.ToString()),
            ("abandonReason", c => c.AbandonReason), ("stageAccess", c => c.StageAccess ? "true" : "false"),
            ("createdAt", c => c.CreatedAt.ToString("O")), ("lastActivityAt", c => c.LastActivityAt.ToString("O")), ("id", c => c.Id.ToString()),
        ], rows, ct);
    }

    /// <summary>The list's filter, shared by the page, the API and the CSV export.</summary>
    public static IQueryable<AgentConnection> Filter(IQueryable<AgentConnection> connections, AgentConnectionQuery query)
    {
        if (query.AgencyId is { } agency) connections = connections.Where(c => c.AgencyId == agency);
        if (query.State is { } state) connections = connections.Where(c => c.State == state);
        if (query.Method is { } method) connections = connections.Where(c => c.Method == method);
        if (query.StageAccess is { } stage) connections = connections.Where(c => c.StageAccess == stage);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var text = query.Q.Trim();
            // A DID or an agent id is looked up exactly (its index); other text is a prefix of the alias or the title.
            var prefix = PagingExtensions.ContainsPattern(text)[1..];
            connections = text.StartsWith("did:", StringComparison.Ordinal) ? connections.Where(c => c.Did == text)
                : Guid.TryParse(text, out _) ? connections.Where(c => c.AgentId == text)
                : connections.Where(c => EF.Functions.Like(c.Alias, prefix, "\\") || EF.Functions.Like(c.Title!, "%" + prefix, "\\"));
        }
        return connections;
    }

    public async Task<AgentConnectionDetails> GetAsync(Guid id, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await DetailsAsync(db, id, own, ct);
    }

    /// <summary>
    /// Connects the agency to an agent. A DID or alias the agency is already connected to is a 409 (also when two
    /// connects of one DID race: the unique index decides and the loser gets the same 409).
    /// </summary>
    public async Task<AgentConnectionDetails> ConnectAsync(Connect command, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Write);
        await connectValidator.ValidateOrThrowAsync(command, ct);
        var agencyId = own ?? command.AgencyId ?? throw DomainValidationException.For("agencyId", "Choose the agency to connect.");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agencyId, ct)
            ?? throw DomainValidationException.For("agencyId", "There is no such agency.");
        var now = clock.GetUtcNow();
        var connection = Build(command, agency, now);
        await EnsureNotConnectedAsync(db, connection, ct);
        db.AgentConnections.Add(connection);
        try
        {
            await db.SaveChangesAsync(ct);
            totals.Changed();
        }
        catch (DbUpdateException) // the unique indexes: another connect of the same DID or alias won the race
        {
            await using var check = await dbs.CreateDbContextAsync(ct);
            await EnsureNotConnectedAsync(check, connection, ct);
            throw;
        }
        return await DetailsAsync(db, connection.Id, own, ct);
    }

    private static AgentConnection Build(Connect command, Agency agency, DateTimeOffset now)
    {
        string? did = null, domain = null, invitationId = null;
        var alias = command.Alias?.Trim();
        var start = ConnectionState.Invited;
        switch (command.Method)
        {
            case ConnectionMethod.Did:
                did = command.Did!.Trim();
                break;
            case ConnectionMethod.LinkedDomain:
                domain = AgentIdentifiers.NormalizeDomain(command.LinkedDomain!);
                break;
            case ConnectionMethod.InvitationUrl:
                var invitation = OobInvitation.Parse(command.InvitationUrl).Invitation!;
                if (invitation.Id == agency.ConnectLinkId.ToString() || invitation.FirstServiceDid == agency.Did)
                    throw DomainValidationException.For("invitationUrl", "This is the agency's own connect link; an agency cannot connect to itself.");
                did = invitation.FirstServiceDid;
                invitationId = invitation.Id.Length <= AgentConnection.InvitationIdMaxLength ? invitation.Id : invitation.Id[..AgentConnection.InvitationIdMaxLength];
                if (string.IsNullOrEmpty(alias)) alias = "invitation:" + new string([.. invitation.Id.Where(char.IsAsciiLetterOrDigit).Take(32)]);
                start = ConnectionState.Requested; // we accepted their invitation: our request is what comes next
                break;
        }
        var connection = new AgentConnection
        {
            AgencyId = agency.Id, Method = command.Method, Did = did, Alias = alias!, LinkedDomain = domain, InvitationId = invitationId,
            Title = string.IsNullOrWhiteSpace(command.Title) ? null : command.Title.Trim(), CreatedAt = now, LastActivityAt = now,
        };
        connection.Start(start);
        return connection;
    }

    private static async Task EnsureNotConnectedAsync(PortalDbContext db, AgentConnection connection, CancellationToken ct)
    {
        if (connection.Did is { } did && await db.AgentConnections.AnyAsync(c => c.AgencyId == connection.AgencyId && c.Did == did, ct))
            throw new ConflictException("agent_connection.did_connected", $"The agency is already connected to {did}.");
        if (await db.AgentConnections.AnyAsync(c => c.AgencyId == connection.AgencyId && c.Alias == connection.Alias, ct))
            throw new ConflictException("agent_connection.alias_connected", $"The agency already has a connection with the alias {connection.Alias}.");
    }

    /// <summary>Moves the DID Exchange state (one step forward, or abandoned with a reason).</summary>
    public async Task<AgentConnectionDetails> ChangeStateAsync(Guid id, ChangeConnectionState command, long version, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Write);
        await stateValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var connection = await ForChangeAsync(db, id, version, own, ct);
        connection.MoveTo(command.State, command.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        totals.Changed();
        return await DetailsAsync(db, id, own, ct);
    }

    public async Task<AgentConnectionDetails> SetStageAccessAsync(Guid id, SetStageAccess command, long version, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Write);
        await stageValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var connection = await ForChangeAsync(db, id, version, own, ct);
        connection.EnsureUsable();
        connection.StageAccess = command.StageAccess!.Value; // setting what is already set is harmless (the spec leaves it open)
        connection.LastActivityAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        totals.Changed();
        return await DetailsAsync(db, id, own, ct);
    }

    public async Task DeleteAsync(Guid id, long version, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var connection = await ForChangeAsync(db, id, version, own, ct);
        db.AgentConnections.Remove(connection);
        await db.SaveChangesAsync(ct);
        totals.Changed();
    }

    /// <summary>Deletes the named connections (with their messages and credentials; the audit keeps their history); unknown ids are reported, the rest done.</summary>
    public async Task<DeleteConnectionsResult> DeleteManyAsync(DeleteConnections command, IProgress<WorkProgress>? progress = null, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Admin);
        await deleteValidator.ValidateOrThrowAsync(command, ct);
        var ids = command.Ids.Distinct().ToList();
        var deleted = 0;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = new HashSet<Guid>();
        var done = 0;
        foreach (var batch in ids.Chunk(250))
        {
            await db.InTransactionAsync(async attemptCt =>
            {
                var rows = await db.AgentConnections.Where(c => batch.Contains(c.Id) && (own == null || c.AgencyId == own)).ToListAsync(attemptCt);
                db.AgentConnections.RemoveRange(rows);
                await db.SaveChangesAsync(attemptCt);
                foreach (var row in rows) found.Add(row.Id);
                deleted += rows.Count;
            }, ct: ct);
            totals.Changed();
            done += batch.Length;
            progress?.Report(new WorkProgress("Deleting", done, ids.Count));
        }
        return new DeleteConnectionsResult(deleted, [.. ids.Where(i => !found.Contains(i))]);
    }

    /// <summary>The connection, of the caller's agency when the caller is one (another agency's is "not found").</summary>
    internal static async Task<AgentConnection> FindAsync(PortalDbContext db, Guid id, Guid? own, CancellationToken ct, bool tracked = true)
    {
        var connections = tracked ? db.AgentConnections : db.AgentConnections.AsNoTracking();
        return await connections.FirstOrDefaultAsync(c => c.Id == id && (own == null || c.AgencyId == own), ct)
            ?? throw new NotFoundException("Agent connection", id);
    }

    private static async Task<AgentConnection> ForChangeAsync(PortalDbContext db, Guid id, long version, Guid? own, CancellationToken ct)
    {
        var connection = await FindAsync(db, id, own, ct);
        connection.EnsureVersion(version, id);
        return connection;
    }

    private static async Task<AgentConnectionDetails> DetailsAsync(PortalDbContext db, Guid id, Guid? own, CancellationToken ct)
    {
        var row = await db.AgentConnections.AsNoTracking().Where(c => c.Id == id && (own == null || c.AgencyId == own)).Select(RowOf(db)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Agent connection", id);
        var messages = await db.AgentMessages.AsNoTracking().Where(m => m.ConnectionId == id).OrderByDescending(m => m.Id).Take(100)
            .Select(AgentMessageService.Row).ToListAsync(ct);
        var credentials = await db.AgentCredentials.AsNoTracking().Include(c => c.Attributes).Where(c => c.ConnectionId == id)
            .OrderByDescending(c => c.Id).Take(100).ToListAsync(ct);
        var credentialRows = credentials.Select(c => AgentCredentialService.RowOf(c, row.Alias)).ToList();
        var timeline = new List<TimelineEntry> { new(row.CreatedAt, $"Connection asked for by {row.Method}", null) };
        timeline.AddRange(messages.Select(m => new TimelineEntry(m.CreatedAt, $"{m.Kind} message \"{m.Title}\" {(m.Delivery == DeliveryState.Delivered ? "delivered" : "queued")}", m.CreatedBy)));
        timeline.AddRange(credentials.Select(c => new TimelineEntry(c.IssuedAt, $"Credential {c.SchemaId} issued", c.IssuedBy)));
        timeline.AddRange(credentials.Where(c => c.StatusChangedAt is not null).Select(c => new TimelineEntry(c.StatusChangedAt!.Value, $"Credential {c.SchemaId} now {c.Status}", null)));
        if (row.LastActivityAt > row.CreatedAt) timeline.Add(new TimelineEntry(row.LastActivityAt, $"Now {row.State}{(row.AbandonReason is { } r ? $": {r}" : "")}", null));
        return new AgentConnectionDetails(row, messages, credentialRows, [.. timeline.OrderByDescending(t => t.At)]);
    }
}
