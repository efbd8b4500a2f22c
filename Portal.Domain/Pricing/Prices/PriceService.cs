using System.Globalization;
using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Pricing;

/// <summary>
/// A group's prices: the grid (planned / in force / superseded in SQL), scheduling and cancelling, the lookup that
/// explains a price at a moment, a SKU's timeline and the export of what is in force at a date. Admin and Staff
/// schedule and cancel; Viewers read.
/// </summary>
public sealed class PriceService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<SchedulePrice> scheduleValidator)
{
    public const int TimelineMax = 500;

    private static readonly SortMap<Price> Sorts = new SortMap<Price>("sku,-activeAt")
        .Add("sku", p => p.Sku).Add("activeAt", p => p.ActiveAt).Add("amount", p => p.Amount.Minor).Add("createdAt", p => p.CreatedAt);

    public static readonly IReadOnlyList<(string Header, Func<PriceRow, string?> Value)> ExportColumns =
    [
        ("sku", p => p.Sku), ("amount", p => p.Amount.Minor.ToString(CultureInfo.InvariantCulture)),
        ("original_amount", p => p.OriginalAmount?.Minor.ToString(CultureInfo.InvariantCulture)),
        ("active_at", p => p.ActiveAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), ("vat", p => p.Vat),
    ];

    /// <summary>A later live row of the same SKU has started by <paramref name="now"/>: this one is history.</summary>
    private static Expression<Func<Price, bool>> SupersededAt(PortalDbContext db, DateTimeOffset now) => p =>
        db.Set<Price>().Any(n => n.GroupId == p.GroupId && n.Sku == p.Sku && n.CancelledAt == null && n.ActiveAt > p.ActiveAt && n.ActiveAt <= now);

    private static Expression<Func<Price, PriceRow>> RowOf(PortalDbContext db, DateTimeOffset now) => p => new PriceRow(
        p.Id, p.GroupId, p.Sku, p.Amount, p.OriginalMinor == null ? null : new Money(p.OriginalMinor.Value, p.Amount.Currency), p.Vat,
        p.ActiveAt, p.CreatedAt, p.CancelledAt,
        p.CancelledAt != null ? PriceState.Cancelled
        : p.ActiveAt > now ? PriceState.Planned
        : db.Set<Price>().Any(n => n.GroupId == p.GroupId && n.Sku == p.Sku && n.CancelledAt == null && n.ActiveAt > p.ActiveAt && n.ActiveAt <= now)
            ? PriceState.Superseded : PriceState.InForce);

    public async Task<PagedResult<PriceRow>> ListAsync(Guid groupId, PriceQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        await EnsureGroupAsync(db, groupId, ct);
        var now = clock.GetUtcNow();
        var prices = Filter(db, groupId, query, now);
        return await Sorts.Apply(prices, query.Sort, p => p.Id).ToPageAsync(query, RowOf(db, now), ct);
    }

    private static IQueryable<Price> Filter(PortalDbContext db, Guid groupId, PriceQuery query, DateTimeOffset now)
    {
        var prices = db.Prices.AsNoTracking().Where(p => p.GroupId == groupId);
        if (!string.IsNullOrWhiteSpace(query.Sku)) { var sku = Price.NormalizeSku(query.Sku); prices = prices.Where(p => p.Sku == sku); }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            // SKUs are stored upper case; a prefix search walks the (GroupId, Sku, ActiveAt) index.
            var prefix = Price.NormalizeSku(query.Q).Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            prices = prices.Where(p => EF.Functions.Like(p.Sku, prefix, "\\"));
        }
        var superseded = SupersededAt(db, now);
        prices = query.State switch
        {
            PriceState.Cancelled => prices.Where(p => p.CancelledAt != null),
            PriceState.Planned => prices.Where(p => p.CancelledAt == null && p.ActiveAt > now),
            PriceState.InForce => prices.Where(p => p.CancelledAt == null && p.ActiveAt <= now).Where(Not(superseded)),
            PriceState.Superseded => prices.Where(p => p.CancelledAt == null && p.ActiveAt <= now).Where(superseded),
            _ => prices,
        };
        return prices;
    }

    private static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> e) => Expression.Lambda<Func<T, bool>>(Expression.Not(e.Body), e.Parameters);

    /// <summary>A new price for a SKU from a moment on (now or later: history is never rewritten). Moves the group's version.</summary>
    public async Task<PartResult<PriceRow>> ScheduleAsync(Guid groupId, SchedulePrice command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await scheduleValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var group = await PricingGroupService.ForChangeAsync(db, groupId, version, ct);
        group.EnsureTakesPrices();
        var now = clock.GetUtcNow();
        var activeAt = (command.ActiveAt ?? now).ToUniversalTime();
        if (activeAt < now)
            throw DomainValidationException.For("activeAt", "A new price starts now or later: what was in force in the past stays as it was.");
        var sku = Price.NormalizeSku(command.Sku);
        if (await db.Prices.AnyAsync(p => p.GroupId == groupId && p.Sku == sku && p.CancelledAt == null && p.ActiveAt == activeAt, ct))
            throw new ConflictException("price.same_moment", $"{sku} already has a price from {activeAt:u}; cancel that one first or choose another moment.");
        var price = new Price
        {
            GroupId = groupId, Sku = sku, Amount = new Money(command.Amount, group.Currency), OriginalMinor = command.OriginalAmount,
            Vat = VatRates.Format(command.Vat), ActiveAt = activeAt, CreatedAt = now,
        };
        db.Prices.Add(price);
        PricingGroupService.TouchPrices(db, group, now);
        await db.SaveChangesAsync(ct);
        return new(await RowAsync(db, price.Id, now, ct), group.Version);
    }

    /// <summary>Cancels a planned price (one that has not started); a started one is history (409 <c>price.started</c>).</summary>
    public async Task<PartResult<PriceRow>> CancelAsync(Guid groupId, Guid priceId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var group = await PricingGroupService.ForChangeAsync(db, groupId, version, ct);
        var price = await db.Prices.FirstOrDefaultAsync(p => p.Id == priceId && p.GroupId == groupId, ct) ?? throw new NotFoundException("Price", priceId);
        var now = clock.GetUtcNow();
        price.Cancel(now);
        PricingGroupService.TouchPrices(db, group, now);
        await db.SaveChangesAsync(ct);
        return new(await RowAsync(db, priceId, now, ct), group.Version);
    }

    /// <summary>
    /// The price of <paramref name="sku"/> in force at <paramref name="at"/> (now when null): the live row with the latest
    /// start at or before it, with and without VAT at the country's (or region's) rate, and until when it holds.
    /// </summary>
    public async Task<PriceLookup> LookupAsync(Guid groupId, string sku, string? country, string? region, DateTimeOffset? at, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        EnsureSku(sku);
        if (country is not null && !Countries.IsKnown(country.Trim().ToUpperInvariant()))
            throw DomainValidationException.For("country", $"\"{country}\" is not an ISO 3166-1 alpha-2 country code.");
        if (region is not null && (region.Length > VatRate.RegionMaxLength || region.Any(char.IsControl)))
            throw DomainValidationException.For("region", $"A region is plain text of {VatRate.RegionMaxLength} characters or fewer.");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var group = await db.PricingGroups.AsNoTracking().Where(g => g.Id == groupId).Select(g => new { g.IncludesVat }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("PricingGroup", groupId);
        var moment = (at ?? clock.GetUtcNow()).ToUniversalTime();
        var normalized = Price.NormalizeSku(sku);
        var price = await InForceAt(db, groupId, normalized, moment).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Price", $"{normalized} at {moment:O}");
        var until = await NextAfter(db, groupId, normalized, price.ActiveAt).FirstOrDefaultAsync(ct);

        var countryCode = country?.Trim().ToUpperInvariant() ?? "";
        var rate = country is null ? null : VatRates.For(price.Vat, countryCode, region);
        var amounts = rate is null ? null : PriceAmounts.Of(price.Amount, group.IncludesVat, rate.Rate);
        return new PriceLookup(groupId, normalized, moment, group.IncludesVat, price.Amount, price.OriginalAmount,
            countryCode, string.IsNullOrWhiteSpace(region) ? null : region.Trim(), rate?.Rate, rate?.Region,
            amounts?.ExcludingVat ?? (group.IncludesVat ? null : price.Amount), amounts?.Vat,
            amounts?.IncludingVat ?? (group.IncludesVat ? price.Amount : null),
            price.Id, price.ActiveAt, until);
    }

    private static IQueryable<Price> Live(PortalDbContext db, Guid groupId, string sku) =>
        db.Prices.AsNoTracking().Where(p => p.GroupId == groupId && p.Sku == sku && p.CancelledAt == null);

    /// <summary>The lookup's row: one seek backwards on the live index <c>(GroupId, Sku, ActiveAt) WHERE CancelledAt IS NULL</c>.</summary>
    internal static IQueryable<Price> InForceAt(PortalDbContext db, Guid groupId, string sku, DateTimeOffset moment) =>
        Live(db, groupId, sku).Where(p => p.ActiveAt <= moment).OrderByDescending(p => p.ActiveAt).Take(1);

    /// <summary>When the row in force ends: one seek forwards on the same index.</summary>
    internal static IQueryable<DateTimeOffset?> NextAfter(PortalDbContext db, Guid groupId, string sku, DateTimeOffset activeAt) =>
        Live(db, groupId, sku).Where(p => p.ActiveAt > activeAt).OrderBy(p => p.ActiveAt).Select(p => (DateTimeOffset?)p.ActiveAt).Take(1);

    /// <summary>Every price of one SKU, oldest first (at most <see cref="TimelineMax"/>, the latest ones).</summary>
    public async Task<PriceTimeline> TimelineAsync(Guid groupId, string sku, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        EnsureSku(sku);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var currency = await db.PricingGroups.AsNoTracking().Where(g => g.Id == groupId).Select(g => g.Currency).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("PricingGroup", groupId);
        var normalized = Price.NormalizeSku(sku);
        var now = clock.GetUtcNow();
        var rows = await db.Prices.AsNoTracking().Where(p => p.GroupId == groupId && p.Sku == normalized)
            .OrderByDescending(p => p.ActiveAt).ThenByDescending(p => p.Id).Take(TimelineMax).Select(RowOf(db, now)).ToListAsync(ct);
        if (rows.Count == 0) throw new NotFoundException("Price", normalized);
        rows.Reverse();
        return new PriceTimeline(groupId, normalized, currency, rows);
    }

    /// <summary>
    /// The group's prices in force at <paramref name="at"/>, one row per SKU by SKU, streamed as CSV in the import's
    /// columns (so an export can be edited and imported back); memory does not grow with the rows.
    /// </summary>
    public async Task ExportAsync(Guid groupId, DateTimeOffset? at, Stream output, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await EnsureGroupAsync(db, groupId, ct);
        var moment = (at ?? clock.GetUtcNow()).ToUniversalTime();
        var rows = db.Prices.AsNoTracking()
            .Where(p => p.GroupId == groupId && p.CancelledAt == null && p.ActiveAt <= moment)
            .Where(Not(SupersededAt(db, moment)))
            .OrderBy(p => p.Sku).Select(RowOf(db, moment)).AsAsyncEnumerable();
        await CsvFiles.WriteAsync(output, ExportColumns, rows, ct);
    }

    private static void EnsureSku(string sku)
    {
        if (string.IsNullOrWhiteSpace(sku) || sku.Length > Price.SkuMaxLength || sku.Any(char.IsControl))
            throw DomainValidationException.For("sku", $"A SKU is 1 to {Price.SkuMaxLength} characters of plain text.");
    }

    /// <summary>404 unless the group exists (for routes that read nothing else of it, such as the import template).</summary>
    public async Task EnsureGroupAsync(Guid groupId, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        await EnsureGroupAsync(db, groupId, ct);
    }

    internal static async Task EnsureGroupAsync(PortalDbContext db, Guid groupId, CancellationToken ct)
    {
        if (!await db.PricingGroups.AnyAsync(g => g.Id == groupId, ct)) throw new NotFoundException("PricingGroup", groupId);
    }

    private static async Task<PriceRow> RowAsync(PortalDbContext db, Guid id, DateTimeOffset now, CancellationToken ct) =>
        await db.Prices.AsNoTracking().Where(p => p.Id == id).Select(RowOf(db, now)).FirstAsync(ct);
}
