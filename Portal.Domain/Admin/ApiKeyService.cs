using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Admin;

public sealed record ApiKeyQuery : ListQuery
{
    /// <summary>active, expired or revoked.</summary>
    public string? Status { get; init; }
    public string? Role { get; init; }
}

public sealed record ApiKeyRow(
    Guid Id, string Name, string Role, string Prefix, string Status, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, long Version);

/// <summary>The new key with its plaintext, which is shown this once and never again.</summary>
public sealed record CreatedApiKey(ApiKeyRow Key, string Plaintext);

public sealed class CreateApiKey
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = Roles.Viewer;
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>Who a valid presented key stands for.</summary>
public sealed record ApiKeyIdentity(Guid Id, string Name, string Role);

public sealed class ApiKeyOptions
{
    /// <summary>The longest a key may live: a key created without an expiry expires after this, and none is given a later one.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(365);
}

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator(TimeProvider clock, Microsoft.Extensions.Options.IOptions<ApiKeyOptions> options)
    {
        var max = options.Value.MaxLifetime;
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the key after the system that uses it.")
            .MaximumLength(ApiKey.NameMaxLength).WithMessage($"A key name must be {ApiKey.NameMaxLength} characters or fewer.");
        RuleFor(c => c.Role).Must(Roles.IsKnown).WithMessage($"Role must be one of: {string.Join(", ", Roles.All)}.");
        RuleFor(c => c.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithMessage("An expiry date must be in the future.");
        RuleFor(c => c.ExpiresAt).Must(e => e is null || e <= clock.GetUtcNow() + max)
            .WithMessage($"A key may live at most {max.TotalDays:0} days; choose an earlier expiry date.");
    }
}

public sealed class ApiKeyService(
    IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock, IValidator<CreateApiKey> createValidator,
    Microsoft.Extensions.Options.IOptions<ApiKeyOptions> options)
{
    /// <summary>Last-used times are written at most this often per key, so busy clients cause no write per request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private static readonly SortMap<ApiKey> Sorts = new SortMap<ApiKey>("-createdAt")
        .Add("name", k => k.Name)
        .Add("role", k => k.Role)
        .Add("createdAt", k => k.CreatedAt)
        .Add("expiresAt", k => k.ExpiresAt)
        .Add("lastUsedAt", k => k.LastUsedAt);

    public async Task<PagedResult<ApiKeyRow>> ListAsync(ApiKeyQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        query.EnsureValid();
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var keys = db.ApiKeys.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            keys = keys.Where(k => EF.Functions.Like(k.Name, pattern, "\\") || EF.Functions.Like(k.Prefix, pattern, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            if (!Roles.IsKnown(query.Role)) throw DomainValidationException.For("role", $"Role must be one of: {string.Join(", ", Roles.All)}.");
            keys = keys.Where(k => k.Role == query.Role);
        }
        keys = query.Status?.ToLowerInvariant() switch
        {
            null or "" => keys,
            "active" => keys.Where(k => k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now)),
            "expired" => keys.Where(k => k.RevokedAt == null && k.ExpiresAt <= now),
            "revoked" => keys.Where(k => k.RevokedAt != null),
            _ => throw DomainValidationException.For("status", "Status must be active, expired or revoked."),
        };
        var page = await Sorts.Apply(keys, query.Sort, k => k.Id).ToPageAsync(query, ct);
        return new PagedResult<ApiKeyRow>(page.Items.Select(k => Row(k, now)).ToList(), page.Page, page.PageSize, page.Total);
    }

    public async Task<ApiKeyRow> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw NotFound(id);
        return Row(key, clock.GetUtcNow());
    }

    public async Task<CreatedApiKey> CreateAsync(CreateApiKey command, CancellationToken ct = default)
    {
        user.RequireAPerson(Access.Admin);
        await createValidator.ValidateOrThrowAsync(command, ct);
        var now = clock.GetUtcNow();
        var expiresAt = command.ExpiresAt?.ToUniversalTime() ?? now + options.Value.MaxLifetime; // no key lives for ever
        var (key, plaintext) = ApiKey.Generate(command.Name.Trim(), command.Role, expiresAt, user.ActorName, now);
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(Row(key, now), plaintext);
    }

    public async Task<ApiKeyRow> RevokeAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw NotFound(id);
        key.EnsureVersion(version, id);
        var now = clock.GetUtcNow();
        key.Revoke(now);
        await db.SaveChangesAsync(ct);
        return Row(key, now);
    }

    /// <summary>Checks a presented key in constant time; null when it is unknown, revoked or expired.</summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        if (ApiKey.PrefixOf(presented) is not { } prefix) return null;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, ct);
        var now = clock.GetUtcNow();
        if (key is null || !key.Matches(presented) || !key.IsUsable(now)) return null;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (key.LastUsedAt is null || key.LastUsedAt < today)
        {
            // The first use of the UTC day is a security event. Of requests racing for it, only the one whose conditional
            // update moves the last-used time into today writes it; every later request of the day skips this branch.
            var first = await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < today))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
            if (first == 1)
            {
                db.AuditEntries.Add(AuditEntry.ForSecurityEvent(SecurityEvents.ApiKeyUsed, $"{CurrentUserExtensions.ApiKeyIdPrefix}{key.Id}",
                    $"api-key:{key.Name}", user.Origin, now, nameof(ApiKey), key.Id.ToString(), new Dictionary<string, object?> { ["day"] = today.ToString("yyyy-MM-dd") }));
                await db.SaveChangesAsync(ct);
            }
        }
        else if (now - key.LastUsedAt >= LastUsedResolution)
        {
            // Bookkeeping, not a change anyone made: bypasses the audit trail and the version.
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }
        return new ApiKeyIdentity(key.Id, key.Name, key.Role);
    }

    private static ApiKeyRow Row(ApiKey k, DateTimeOffset now) => new(
        k.Id, k.Name, k.Role, k.Prefix, k.StatusAt(now), k.CreatedAt, k.CreatedBy, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, k.Version);

    private static NotFoundException NotFound(Guid id) => new("API key", id);
}
