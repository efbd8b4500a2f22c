using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Outbox;

public sealed record OutboxQuery : ListQuery
{
    public OutboxStatus? Status { get; init; }
}

public sealed record OutboxRow(
    Guid Id, string To, string Subject, string TextBody, OutboxStatus Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError, bool HidesSecret = false);

/// <summary>What an admin sees of the outbox, and the one action they take on it.</summary>
public sealed class OutboxService(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock, OutboxSecretProtector secrets)
{
    private static readonly SortMap<OutboxEmail> Sorts = new SortMap<OutboxEmail>("-createdAt")
        .Add("createdAt", o => o.CreatedAt)
        .Add("to", o => o.To)
        .Add("subject", o => o.Subject)
        .Add("status", o => o.Status)
        .Add("attempts", o => o.Attempts);

    public async Task<PagedResult<OutboxRow>> ListAsync(OutboxQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var emails = db.OutboxEmails.AsNoTracking();
        if (query.Status is { } status) emails = emails.Where(o => o.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            emails = emails.Where(o => EF.Functions.Like(o.To, pattern, "\\") || EF.Functions.Like(o.Subject, pattern, "\\"));
        }
        var page = await Sorts.Apply(emails, query.Sort, o => o.Id).ToPageAsync(query, ct);
        // A body with a secret (an invitation link) is listed with it hidden: the list never carries it.
        return new PagedResult<OutboxRow>(page.Items.Select(o => new OutboxRow(o.Id, o.To, o.Subject, o.MaskedTextBody ?? o.TextBody, o.Status,
            o.Attempts, o.CreatedAt, o.NextAttemptAt, o.SentAt, o.LastError, o.MaskedTextBody is not null)).ToList(), page.Page, page.PageSize, page.Total);
    }

    /// <summary>The whole body of an email whose secret the list hides (an invitation link, to pass on another way); audited.</summary>
    public async Task<string> RevealAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var email = await db.OutboxEmails.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("Email", id);
        if (email.MaskedTextBody is null) return email.TextBody;
        db.AuditEntries.Add(AuditEntry.For(user, clock.GetUtcNow(), nameof(OutboxEmail), id.ToString(), AuditActions.Revealed,
            new Dictionary<string, object?> { ["revealed"] = "link", ["to"] = email.To }, securityEvent: SecurityEvents.SecretRevealed));
        await db.SaveChangesAsync(ct);
        return email.Revealed(secrets);
    }

    public async Task RetryAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var email = await db.OutboxEmails.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("Email", id);
        email.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
