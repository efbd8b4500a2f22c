using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Logistics;

/// <summary>What the palette's logistics sources read a typed number as.</summary>
internal static partial class LogisticsSearchText
{
    /// <summary><c>SH-000123</c>, <c>sh123</c> or <c>123</c> for <paramref name="prefix"/> SH: the number, or null.</summary>
    public static long? Number(string text, string prefix)
    {
        var m = NumberPattern().Match(text);
        if (!m.Success || (m.Groups[1].Success && !m.Groups[1].Value.Equals(prefix, StringComparison.OrdinalIgnoreCase))) return null;
        return long.TryParse(m.Groups[2].Value, out var n) ? n : null;
    }

    [GeneratedRegex(@"^(?:([A-Za-z]{2})-?)?0*(\d{1,12})$")]
    private static partial Regex NumberPattern();
}

/// <summary>
/// The palette's shipments (every logistics role): by number (the unique index) or order reference (exact or prefix
/// on its case-insensitive index).
/// </summary>
internal sealed class ShipmentSearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user) : ISearchSource
{
    public string Area => "Shipments";
    public int Order => 300;
    public IReadOnlyList<string> Roles => Access.LogisticsRead;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var number = LogisticsSearchText.Number(text, Shipment.NumberPrefix) ?? -1;
        var prefix = SearchRank.PrefixPattern(text);
        var rows = await db.Shipments.AsNoTracking().Where(s => s.Number == number)
            .Concat(db.Shipments.AsNoTracking().Where(s => EF.Functions.Like(s.OrderReference!, prefix, "\\")).OrderBy(s => s.OrderReference).Take(limit * 2))
            .Select(s => new { s.Id, s.Number, s.OrderReference, s.Status, s.ToName })
            .ToListAsync(ct);
        return [.. rows.DistinctBy(s => s.Id)
            .Select(s =>
            {
                var numberText = LogisticsNumber.Format(Shipment.NumberPrefix, s.Number);
                var rank = s.Number == number ? SearchRank.Exact : SearchRank.Of(text, s.OrderReference);
                var parts = new[] { Shipment.Describe(s.Status), s.OrderReference is null ? null : $"order {s.OrderReference}", s.ToName is null ? null : $"to {s.ToName}" };
                return new SearchHit("Shipment", numberText, string.Join(" · ", parts.Where(p => p is not null)), $"/shipments/{s.Id}", rank);
            })
            .OrderBy(h => h.Rank).ThenBy(h => h.Title, StringComparer.Ordinal)
            .Take(limit)];
    }
}

/// <summary>
/// The palette's handling lists (every logistics role): by the list's number, or the number or order reference of a
/// shipment on it (each an index seek: the numbers' unique indexes, the reference's index, the shipments' list id).
/// </summary>
internal sealed class HandlingListSearchSource(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user) : ISearchSource
{
    public string Area => "Handling lists";
    public int Order => 310;
    public IReadOnlyList<string> Roles => Access.LogisticsRead;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct)
    {
        user.Require(Roles);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var number = LogisticsSearchText.Number(text, HandlingList.NumberPrefix) ?? -1;
        var shipmentNumber = LogisticsSearchText.Number(text, Shipment.NumberPrefix) ?? -1;
        var prefix = SearchRank.PrefixPattern(text);
        var byShipment = await db.Shipments.AsNoTracking()
            .Where(s => s.HandlingListId != null && (s.Number == shipmentNumber || EF.Functions.Like(s.OrderReference!, prefix, "\\")))
            .OrderBy(s => s.OrderReference).Take(limit * 2)
            .Select(s => new { ListId = s.HandlingListId!.Value, s.Number, s.OrderReference })
            .ToListAsync(ct);
        var listIds = byShipment.Select(s => s.ListId).Distinct().ToList();
        var lists = await db.HandlingLists.AsNoTracking().Where(l => l.Number == number || listIds.Contains(l.Id))
            .Select(l => new { l.Id, l.Number, l.State, l.PickerName })
            .ToListAsync(ct);
        return [.. lists
            .Select(l =>
            {
                var via = byShipment.Where(s => s.ListId == l.Id)
                    .Select(s => (Shipment: s, Rank: s.Number == shipmentNumber ? SearchRank.Exact : SearchRank.Of(text, s.OrderReference)))
                    .OrderBy(s => s.Rank).FirstOrDefault();
                var own = l.Number == number;
                var rank = own ? SearchRank.Exact : via.Shipment is null ? SearchRank.Other : via.Rank;
                var parts = new List<string> { HandlingList.Describe(l.State) };
                if (l.PickerName is not null) parts.Add($"picker {l.PickerName}");
                if (!own && via.Shipment is { } s)
                    parts.Add($"has {LogisticsNumber.Format(Shipment.NumberPrefix, s.Number)}{(s.OrderReference is null ? "" : $" (order {s.OrderReference})")}");
                return new SearchHit("Handling list", LogisticsNumber.Format(HandlingList.NumberPrefix, l.Number), string.Join(" · ", parts), $"/handling-lists/{l.Id}", rank);
            })
            .OrderBy(h => h.Rank).ThenBy(h => h.Title, StringComparer.Ordinal)
            .Take(limit)];
    }
}
