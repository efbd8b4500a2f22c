using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.AgentConnections;

/// <summary>
/// Messages to connections. Portal delivers nothing itself: a sent message is queued, the agency's systems page through
/// their queue (agency-scoped API), deliver it and mark it delivered.
/// </summary>
public sealed class AgentMessageService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock, IValidator<SendMessage> validator)
{
    internal static readonly Expression<Func<AgentMessage, AgentMessageRow>> Row = m => new AgentMessageRow(
        m.Id, m.ConnectionId, m.Kind, m.Title, m.Body, m.RequestId, m.ExpiresAt, m.Delivery, m.CreatedAt, m.DeliveredAt, m.CreatedBy);

    private static readonly SortMap<AgentMessage> Sorts = new SortMap<AgentMessage>("createdAt").Add("createdAt", m => m.CreatedAt);

    public async Task<AgentMessageRow> SendAsync(Guid connectionId, SendMessage command, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Write);
        await validator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var connection = await AgentConnectionService.FindAsync(db, connectionId, own, ct, tracked: false);
        connection.EnsureUsable();
        var now = clock.GetUtcNow();
        var message = new AgentMessage
        {
            AgencyId = connection.AgencyId, ConnectionId = connection.Id, Kind = command.Kind, Title = command.Title.Trim(),
            Body = string.IsNullOrWhiteSpace(command.Body) ? null : command.Body, RequestId = command.RequestId?.Trim() is { Length: > 0 } r ? r : null,
            ExpiresAt = command.ExpiresAt, CreatedAt = now, CreatedBy = user.ActorName,
        };
        db.AgentMessages.Add(message);
        await db.SaveChangesAsync(ct);
        await Touch(db, connection.Id, now, ct);
        return Row.Compile()(message);
    }

    /// <summary>Messages oldest first: an agency's queue (<c>delivery=Queued</c>) or one connection's thread.</summary>
    public async Task<PagedResult<AgentMessageRow>> ListAsync(AgentMessageQuery query, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        IQueryable<AgentMessage> messages = db.AgentMessages.AsNoTracking();
        if ((own ?? query.AgencyId) is { } agency) messages = messages.Where(m => m.AgencyId == agency);
        if (query.ConnectionId is { } connection) messages = messages.Where(m => m.ConnectionId == connection);
        if (query.Delivery is { } delivery) messages = messages.Where(m => m.Delivery == delivery);
        return await Sorts.Apply(messages, query.Sort, m => m.Id).ToPageAsync(query, Row, ct);
    }

    /// <summary>The agency's systems delivered it; marking it again is harmless (a retried call).</summary>
    public async Task<AgentMessageRow> MarkDeliveredAsync(Guid id, CancellationToken ct = default)
    {
        var own = user.RequireStaffOrAgency(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var message = await db.AgentMessages.FirstOrDefaultAsync(m => m.Id == id && (own == null || m.AgencyId == own), ct)
            ?? throw new NotFoundException("Agent message", id);
        if (message.Delivery == DeliveryState.Queued)
        {
            var now = clock.GetUtcNow();
            message.Delivery = DeliveryState.Delivered;
            message.DeliveredAt = now;
            await db.SaveChangesAsync(ct);
            await Touch(db, message.ConnectionId, now, ct);
        }
        return Row.Compile()(message);
    }

    /// <summary>Last activity is bookkeeping, not an edit of the connection: it moves no version (no stale-save for a sent message).</summary>
    internal static Task Touch(PortalDbContext db, Guid connectionId, DateTimeOffset now, CancellationToken ct) =>
        db.AgentConnections.Where(c => c.Id == connectionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastActivityAt, now), ct);
}
