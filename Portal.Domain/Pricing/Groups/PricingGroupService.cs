using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Domain.Store;

namespace Portal.Domain.Pricing;

/// <summary>Pricing groups and which organisations are in them: Admin and Staff change them, Viewers read; enabling again is Admin's.</summary>
public sealed class PricingGroupService(
    IDbContextFactory<PortalDbContext> dbs,
    ICurrentUser user,
    TimeProvider clock,
    IValidator<CreatePricingGroup> createValidator,
    IValidator<UpdatePricingGroup> updateValidator,
    IValidator<AssignPricingGroup> assignValidator)
{
    private static readonly SortMap<PricingGroup> Sorts = new SortMap<PricingGroup>("name")
        .Add("name", g => g.Name).Add("currency", g => g.Currency).Add("createdAt", g => g.CreatedAt).Add("disabledAt", g => g.DisabledAt);

    private static Expression<Func<PricingGroup, PricingGroupRow>> RowOf(PortalDbContext db) => g => new PricingGroupRow(
        g.Id, g.Name, g.Currency, g.IncludesVat, g.Metadata, g.CreatedAt, g.DisabledAt,
        db.Set<Price>().Count(p => p.GroupId == g.Id), db.Set<Organisation>().Count(o => o.PricingGroupId == g.Id), g.Version);

    public async Task<PagedResult<PricingGroupRow>> ListAsync(PricingGroupQuery query, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await Sorts.Apply(Filter(db, query), query.Sort, g => g.Id).ToPageAsync(query, RowOf(db), ct);
    }

    private static IQueryable<PricingGroup> Filter(PortalDbContext db, PricingGroupQuery query)
    {
        IQueryable<PricingGroup> groups = db.PricingGroups.AsNoTracking();
        if (query.Disabled is true) groups = groups.Where(g => g.DisabledAt != null);
        if (query.Disabled is false) groups = groups.Where(g => g.DisabledAt == null);
        if (Currencies.Normalise(query.Currency) is { } currency) groups = groups.Where(g => g.Currency == currency);
        else if (!string.IsNullOrWhiteSpace(query.Currency)) throw DomainValidationException.For("currency", $"\"{query.Currency}\" is not an ISO 4217 currency code.");
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = PagingExtensions.ContainsPattern(query.Q);
            groups = groups.Where(g => EF.Functions.Like(g.Name, pattern, "\\"));
        }
        return groups;
    }

    /// <summary>The list's filter as CSV, streamed row by row.</summary>
    public async Task ExportAsync(PricingGroupQuery query, Stream output, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        query.EnsureValid();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = Sorts.Apply(Filter(db, query), query.Sort, g => g.Id).Select(RowOf(db)).AsAsyncEnumerable();
        await CsvFiles.WriteAsync(output,
        [
            ("id", g => g.Id.ToString()), ("name", g => g.Name), ("currency", g => g.Currency), ("includesVat", g => g.IncludesVat ? "true" : "false"),
            ("prices", g => g.PriceCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("organisations", g => g.OrganisationCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("createdAt", g => g.CreatedAt.ToString("O")), ("disabledAt", g => g.DisabledAt?.ToString("O")),
        ], rows, ct);
    }

    public async Task<PricingGroupRow> GetAsync(Guid id, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await RowAsync(db, id, ct);
    }

    /// <summary>The enabled groups, by name: what an organisation can be given (and the disabled ones too, for a filter:
    /// their organisations are a work queue). One read of the groups, none of their organisations or prices.</summary>
    public async Task<IReadOnlyList<PricingGroupOption>> OptionsAsync(bool includeDisabled = false, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.PricingGroups.AsNoTracking().Where(g => includeDisabled || g.DisabledAt == null).OrderBy(g => g.Name)
            .Select(g => new PricingGroupOption(g.Id, g.Name, g.Currency, g.IncludesVat, g.DisabledAt != null)).ToListAsync(ct);
    }

    public async Task<PricingGroupRow> CreateAsync(CreatePricingGroup command, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await createValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var name = command.Name.Trim();
        await EnsureNameFreeAsync(db, name, null, ct);
        var group = new PricingGroup
        {
            Name = name, Currency = Currencies.Normalise(command.Currency)!, IncludesVat = command.IncludesVat,
            Metadata = Clean(command.Metadata), CreatedAt = clock.GetUtcNow(),
        };
        db.PricingGroups.Add(group);
        await db.SaveChangesAsync(ct);
        return await RowAsync(db, group.Id, ct);
    }

    public async Task<PricingGroupRow> UpdateAsync(Guid id, UpdatePricingGroup command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await updateValidator.ValidateOrThrowAsync(command, ct);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var group = await ForChangeAsync(db, id, version, ct);
        if (command.Currency is { } currency && Currencies.Normalise(currency) != group.Currency)
            throw new ConflictException("pricing_group.currency_fixed", $"{group.Name} is priced in {group.Currency}; a group's currency cannot change. Create a new group instead.");
        if (command.IncludesVat is { } includes && includes != group.IncludesVat)
            throw new ConflictException("pricing_group.vat_mode_fixed", $"{group.Name}'s prices {(group.IncludesVat ? "include" : "exclude")} VAT; that cannot change. Create a new group instead.");
        var name = command.Name.Trim();
        if (!group.IsDisabled && !string.Equals(name, group.Name, StringComparison.OrdinalIgnoreCase)) await EnsureNameFreeAsync(db, name, id, ct);
        group.Name = name;
        group.Metadata = Clean(command.Metadata);
        await db.SaveChangesAsync(ct);
        return await RowAsync(db, id, ct);
    }

    /// <summary>Disables a group: its prices and history stay; it takes no new prices and no organisations.</summary>
    public async Task<PricingGroupRow> DisableAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var group = await ForChangeAsync(db, id, version, ct);
        group.Disable(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await RowAsync(db, id, ct);
    }

    /// <summary>Enables a disabled group again (Admin): only while no enabled group has its name.</summary>
    public async Task<PricingGroupRow> EnableAsync(Guid id, long version, CancellationToken ct = default)
    {
        user.Require(Access.Admin);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var group = await ForChangeAsync(db, id, version, ct);
        group.Enable();
        await EnsureNameFreeAsync(db, group.Name, id, ct);
        await db.SaveChangesAsync(ct);
        return await RowAsync(db, id, ct);
    }

    /// <summary>Puts an organisation in a group (an enabled one); moves the organisation's version.</summary>
    public async Task<long> AssignAsync(Guid organisationId, AssignPricingGroup command, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        await assignValidator.ValidateOrThrowAsync(command, ct);
        return await SetGroupAsync(organisationId, command.PricingGroupId, version, ct);
    }

    /// <summary>Takes an organisation out of its pricing group.</summary>
    public async Task<long> UnassignAsync(Guid organisationId, long version, CancellationToken ct = default)
    {
        user.Require(Access.Write);
        return await SetGroupAsync(organisationId, null, version, ct);
    }

    private async Task<long> SetGroupAsync(Guid organisationId, Guid? pricingGroupId, long version, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var org = await db.Organisations.ForChangeAsync(organisationId, version, ct);
        if (pricingGroupId is { } groupId)
        {
            var group = await db.PricingGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct)
                ?? throw DomainValidationException.For("pricingGroupId", "Choose an existing pricing group.");
            if (group.IsDisabled)
                throw new ConflictException("pricing_group.disabled", $"{group.Name} is disabled: it cannot be given to an organisation.");
        }
        if (org.PricingGroupId == pricingGroupId) return org.Version;
        org.PricingGroupId = pricingGroupId;
        await db.SaveChangesAsync(ct);
        return org.Version;
    }

    /// <summary>An organisation's group, for its page (null when it has none).</summary>
    public async Task<PricingGroupOption?> OfOrganisationAsync(Guid organisationId, CancellationToken ct = default)
    {
        user.Require(Access.Read);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Join(db.PricingGroups, o => o.PricingGroupId, g => g.Id, (o, g) => new PricingGroupOption(g.Id, g.Name, g.Currency, g.IncludesVat, g.DisabledAt != null))
            .FirstOrDefaultAsync(ct);
    }

    internal static async Task<PricingGroup> ForChangeAsync(PortalDbContext db, Guid id, long version, CancellationToken ct)
    {
        var group = await db.PricingGroups.FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException("PricingGroup", id);
        group.EnsureVersion(version, id);
        return group;
    }

    /// <summary>
    /// Marks the group's prices changed so its version moves (and is checked) in this save, even when the clock reads the
    /// same moment as the last change.
    /// </summary>
    internal static void TouchPrices(PortalDbContext db, PricingGroup group, DateTimeOffset now)
    {
        group.PricesChangedAt = now;
        db.Entry(group).Property(g => g.PricesChangedAt).IsModified = true;
    }

    private static async Task EnsureNameFreeAsync(PortalDbContext db, string name, Guid? except, CancellationToken ct)
    {
        if (await db.PricingGroups.AnyAsync(g => g.DisabledAt == null && g.Name == name && g.Id != except, ct))
            throw new ConflictException("pricing_group.name_taken", $"An enabled pricing group is already called {name}.");
    }

    private static Dictionary<string, string> Clean(Dictionary<string, string>? metadata) =>
        metadata is null ? [] : metadata.ToDictionary(kv => kv.Key.Trim(), kv => kv.Value.Trim(), StringComparer.Ordinal);

    private static async Task<PricingGroupRow> RowAsync(PortalDbContext db, Guid id, CancellationToken ct) =>
        await db.PricingGroups.AsNoTracking().Where(g => g.Id == id).Select(RowOf(db)).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException("PricingGroup", id);
}
