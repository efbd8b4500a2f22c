using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Audit;

public sealed record AuditQuery : ListQuery
{
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? Actor { get; init; }
    public string? Action { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    /// <summary>True: only security events (sign-ins, key use, role changes, reveals, …); false: only ordinary changes.</summary>
    public bool? Security { get; init; }
    /// <summary>One kind of security event (<see cref="SecurityEvents.All"/>).</summary>
    public string? Kind { get; init; }
}

public sealed record AuditChange(string Field, string? From, string? To);

public sealed record AuditRow(
    Guid Id, DateTimeOffset At, string Actor, string EntityType, string EntityId, string Action,
    IReadOnlyList<AuditChange> Changes, string? CorrelationId,
    string? SecurityEvent = null, string? ClientAddress = null, string? UserAgent = null);

public sealed class AuditService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user)
{
    /// <summary>The entity types filed under an aggregate (<see cref="IFiledUnderAggregate"/>: its parts, an organisation's invitations).</summary>
    private static readonly HashSet<string> PartTypes = typeof(IFiledUnderAggregate).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFiledUnderAggregate).IsAssignableFrom(t)).Select(t => t.Name).ToHashSet();

    /// <summary>Who may read the History of each entity type (<see cref="HistoryReadersAttribute"/>); any other type is Admin-only.</summary>
    private static readonly Dictionary<string, string[]> HistoryReaders = typeof(HistoryReadersAttribute).Assembly.GetTypes()
        .Select(t => (t.Name, Readers: t.GetCustomAttribute<HistoryReadersAttribute>()?.Roles))
        .Where(t => t.Readers is not null)
        .ToDictionary(t => t.Name, t => t.Readers!.ToArray());

    public static IReadOnlyList<string> HistoryReadersOf(string entityType) =>
        HistoryReaders.TryGetValue(entityType, out var roles) ? roles : Access.Admin;

    private static readonly SortMap<AuditEntry> Sorts = new SortMap<AuditEntry>("-at")
        .Add("at", a => a.At)
        .Add("actor", a => a.Actor)
        .Add("entityType", a => a.EntityType)
        .Add("action", a => a.Action);

    public async Task<PagedResult<AuditRow>> ListAsync(AuditQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.EntityType)) entries = entries.Where(a => a.EntityType == query.EntityType);
        if (!string.IsNullOrWhiteSpace(query.EntityId)) entries = entries.Where(a => a.EntityId == query.EntityId);
        if (!string.IsNullOrWhiteSpace(query.Action)) entries = entries.Where(a => a.Action == query.Action);
        if (!string.IsNullOrWhiteSpace(query.Actor))
            entries = entries.Where(a => EF.Functions.Like(a.Actor, PagingExtensions.ContainsPattern(query.Actor), "\\"));
        if (query.From is { } from) entries = entries.Where(a => a.At >= from.ToUniversalTime());
        if (query.To is { } to) entries = entries.Where(a => a.At < to.ToUniversalTime());
        if (query.Security is { } security) entries = security ? entries.Where(a => a.SecurityEvent != null) : entries.Where(a => a.SecurityEvent == null);
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            if (!SecurityEvents.IsKnown(query.Kind))
                throw DomainValidationException.For("kind", $"Kind must be one of: {string.Join(", ", SecurityEvents.All)}.");
            entries = entries.Where(a => a.SecurityEvent == query.Kind);
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            entries = entries.Where(a => EF.Functions.Like(a.Changes, pattern, "\\") || EF.Functions.Like(a.EntityId, pattern, "\\"));
        }
        return await Page(entries, query, ct);
    }

    /// <summary>The History tab of one record, newest first.</summary>
    public async Task<PagedResult<AuditRow>> HistoryAsync(string entityType, string entityId, ListQuery query, CancellationToken ct = default)
    {
        user.Require(HistoryReadersOf(entityType));
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        // An aggregate's History has its own changes and those of its parts (an organisation's addresses, members, …);
        // a part's history (the bank-details tab's) has only its own.
        var entries = PartTypes.Contains(entityType)
            ? db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == entityId)
            : db.AuditEntries.AsNoTracking().Where(a => (a.EntityType == entityType && a.EntityId == entityId) || a.AggregateId == entityId);
        // Security events (a reveal of an organisation's bank details, …) are for Admins, whoever else reads the History.
        if (!user.Has(Access.Admin)) entries = entries.Where(a => a.SecurityEvent == null);
        return await Page(entries, query, ct);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    private static async Task<PagedResult<AuditRow>> Page(IQueryable<AuditEntry> entries, ListQuery query, CancellationToken ct)
    {
        var page = await Sorts.Apply(entries, query.Sort, a => a.Id).ToPageAsync(query, ct);
        return new PagedResult<AuditRow>(page.Items.Select(ToRow).ToList(), page.Page, page.PageSize, page.Total);
    }

    private static AuditRow ToRow(AuditEntry a) =>
        new(a.Id, a.At, a.Actor, a.EntityType, a.EntityId, a.Action, ParseChanges(a.Changes), a.CorrelationId,
            a.SecurityEvent, a.ClientAddress, a.UserAgent);

    internal static IReadOnlyList<AuditChange> ParseChanges(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.Object
                ? new AuditChange(p.Name, Text(p.Value, "from"), Text(p.Value, "to"))
                : new AuditChange(p.Name, null, p.Value.ToString()))
            .ToList();

        static string? Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.Null ? "(empty)" : v.ToString() : null;
    }
}
