using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Portal.Domain.Common;

/// <summary>
/// The one list request shared by grids and the API: page (from 1), page size, sort
/// (<c>field</c> or <c>-field</c>, comma separated) and a free-text search. Areas add their filters by deriving.
/// </summary>
public record ListQuery
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;
    public string? Sort { get; init; }
    public string? Q { get; init; }

    /// <summary>
    /// The rows before this page, in 64-bit arithmetic (page × size overflows an int from page 10,737,419 at 200 a page,
    /// which read page 1 again); a page past any possible row is clamped to <see cref="int.MaxValue"/>, so it is empty.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore] // computed: not part of any request or answer
    public int Offset => (int)Math.Min((long)(Math.Max(Page, 1) - 1) * Math.Max(PageSize, 0), int.MaxValue);

    public void EnsureValid()
    {
        var errors = new Dictionary<string, string[]>();
        if (Page < 1) errors["page"] = ["Page starts at 1."];
        if (PageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"Page size must be between 1 and {MaxPageSize}."];
        if (Q is { Length: > MaxTextLength }) errors["q"] = [$"Search text must be {MaxTextLength} characters or fewer."];
        // Every text key of every list (sort, search, the area's filters): no filter value is longer, none has a NUL.
        foreach (var property in TextProperties.GetOrAdd(GetType(), type => [.. type.GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0)]))
        {
            if (property.GetValue(this) is not string text) continue;
            var key = ValidationExtensions.JsonName(property.Name);
            if (text.Length > MaxTextLength) errors.TryAdd(key, [$"{key} must be {MaxTextLength} characters or fewer."]);
            else if (PlainText.HasControlCharacters(text)) errors.TryAdd(key, [$"{key} must not contain control characters."]);
        }
        if (errors.Count > 0) throw new DomainValidationException(errors);
    }

    /// <summary>The longest text a list accepts in any key.</summary>
    public const int MaxTextLength = 200;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo[]> TextProperties = new();
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => PageSize <= 0 ? 0 : (int)(((long)Total + PageSize - 1) / PageSize);
}

/// <summary>The fields a list may be sorted by, each mapped to the column expression SQL orders on.</summary>
public sealed class SortMap<T>
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, bool, IOrderedQueryable<T>>> _fields =
        new(StringComparer.OrdinalIgnoreCase);

    public SortMap(string defaultSort) => DefaultSort = defaultSort;

    public string DefaultSort { get; }
    public IEnumerable<string> Fields => _fields.Keys;

    public SortMap<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _fields[name] = (q, descending, first) => (first, descending) switch
        {
            (true, false) => q.OrderBy(key),
            (true, true) => q.OrderByDescending(key),
            (false, false) => ((IOrderedQueryable<T>)q).ThenBy(key),
            (false, true) => ((IOrderedQueryable<T>)q).ThenByDescending(key),
        };
        return this;
    }

    /// <summary>
    /// Applies <paramref name="sort"/> (or the default), then <paramref name="tieBreaker"/> in the first term's direction,
    /// so pages are stable and "newest first" stays newest first among equal times (ids are time-ordered v7 GUIDs).
    /// </summary>
    public IOrderedQueryable<T> Apply<TKey>(IQueryable<T> query, string? sort, Expression<Func<T, TKey>> tieBreaker)
    {
        var terms = (string.IsNullOrWhiteSpace(sort) ? DefaultSort : sort)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IOrderedQueryable<T>? ordered = null;
        var firstDescending = terms.FirstOrDefault()?.StartsWith('-') == true;
        foreach (var term in terms)
        {
            var descending = term.StartsWith('-');
            var name = term.TrimStart('-', '+');
            if (!_fields.TryGetValue(name, out var apply))
                throw DomainValidationException.For("sort",
                    $"Cannot sort by '{name}'. Sort by one of: {string.Join(", ", _fields.Keys)} (prefix '-' for descending).");
            ordered = apply(ordered ?? query, descending, ordered is null);
        }
        if (ordered is null) return query.OrderBy(tieBreaker);
        return firstDescending ? ordered.ThenByDescending(tieBreaker) : ordered.ThenBy(tieBreaker);
    }
}

public static class PagingExtensions
{
    /// <summary>Counts and fetches one page in SQL; the circuit or response never holds more than a page.</summary>
    /// <param name="countable">The same rows, shaped so SQL counts them fastest; defaults to <paramref name="ordered"/>.</param>
    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> ordered, ListQuery query, CancellationToken ct, IQueryable<T>? countable = null)
    {
        var total = await (countable ?? ordered).CountAsync(ct);
        var items = await ordered.Skip(query.Offset).Take(query.PageSize).ToListAsync(ct);
        return new PagedResult<T>(items, query.Page, query.PageSize, total);
    }

    /// <summary>As above, projecting only the page's rows (joins for display columns run for 50 rows, not all).</summary>
    public static async Task<PagedResult<TRow>> ToPageAsync<T, TRow>(this IQueryable<T> ordered, ListQuery query,
        Expression<Func<T, TRow>> projection, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip(query.Offset).Take(query.PageSize).Select(projection).ToListAsync(ct);
        return new PagedResult<TRow>(items, query.Page, query.PageSize, total);
    }

    /// <summary>A LIKE pattern for a contains-search, with the user's own wildcards escaped.</summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
