using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Common;

namespace Portal.Components.Shared;

/// <summary>
/// A list page's state (page, page size, sort, search and filters) kept in the URL query, so a list can be
/// linked, bookmarked and reloaded. It turns MudDataGrid's <see cref="GridState{T}"/> into the shared
/// <see cref="ListQuery"/> fields and writes changes back to the address bar without a navigation.
/// In markup, give the grid <c>RowsPerPage</c> before <c>CurrentPage</c>: MudDataGrid's first RowsPerPage resets the
/// page to 0, which would otherwise drop the page the URL asked for.
/// </summary>
public sealed class GridUrlState
{
    private readonly NavigationManager _navigation;
    private readonly Dictionary<string, string?> _values;

    /// <param name="uri">The address to read the state from; the current one when null (a saved view passes its own).</param>
    public GridUrlState(NavigationManager navigation, int defaultPageSize = ListQuery.DefaultPageSize, string? uri = null)
    {
        _navigation = navigation;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(navigation.ToAbsoluteUri(uri ?? navigation.Uri).Query);
        _values = query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        PageIndex = Math.Max(0, (int.TryParse(Get("page"), out var p) ? p : 1) - 1);
        PageSize = int.TryParse(Get("pageSize"), out var s) && s is > 0 and <= ListQuery.MaxPageSize ? s : defaultPageSize;
    }

    /// <summary>Zero-based, as MudDataGrid counts.</summary>
    public int PageIndex { get; private set; }
    public int PageSize { get; private set; }
    public string? Sort => Get("sort");
    public string? Q => Get("q");

    public string? Get(string key) => _values.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v) ? v : null;

    /// <summary>The list's query as the address has it: page, size, sort, search and the area's filters (<see cref="QueryKeys{T}"/>).</summary>
    public TQuery Query<TQuery>() where TQuery : ListQuery, new() =>
        QueryKeys<TQuery>.Read(Get) with { Page = PageIndex + 1, PageSize = PageSize };

    /// <summary>Puts <paramref name="filter"/>'s search and filters in the address (under their current key names); a new filter starts again at the first page.</summary>
    public void SetFilter<TQuery>(TQuery filter) where TQuery : ListQuery, new()
    {
        var keys = QueryKeys<TQuery>.Write(filter);
        foreach (var former in QueryKeys<TQuery>.FormerNames) _values[former] = null;
        foreach (var name in QueryKeys<TQuery>.FilterNames.Append("q")) _values[name] = keys[name];
        _values["page"] = null;
        PageIndex = 0;
        Push();
    }

    /// <summary><paramref name="path"/> with the address's search, filters and sort (not its page): an export of what is on screen.</summary>
    public string LinkTo<TQuery>(string path) where TQuery : ListQuery, new() =>
        _navigation.GetUriWithQueryParameters(path, QueryKeys<TQuery>.Write(Query<TQuery>() with { Page = 1, PageSize = ListQuery.DefaultPageSize })
            .ToDictionary(k => k.Key, k => (object?)k.Value));

    /// <summary>The initial sort arrow of a column, from the URL.</summary>
    public SortDirection DirectionFor(string field)
    {
        var first = (Sort ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is null) return SortDirection.None;
        return first.TrimStart('-').Equals(field, StringComparison.OrdinalIgnoreCase)
            ? first.StartsWith('-') ? SortDirection.Descending : SortDirection.Ascending
            : SortDirection.None;
    }

    /// <summary>Reads what the grid asks for, records it in the URL, and fills the shared list fields.</summary>
    public T Apply<T, TItem>(GridState<TItem> state, T query) where T : ListQuery
    {
        var sort = state.SortDefinitions.Count > 0
            ? string.Join(",", state.SortDefinitions.OrderBy(d => d.Index).Select(d => (d.Descending ? "-" : "") + ValidationExtensions.JsonName(d.SortBy)))
            : Sort;
        PageIndex = state.Page;
        PageSize = state.PageSize;
        _values["page"] = state.Page > 0 ? (state.Page + 1).ToString() : null;
        _values["pageSize"] = state.PageSize != ListQuery.DefaultPageSize ? state.PageSize.ToString() : null;
        _values["sort"] = sort;
        Push();
        return query with { Page = state.Page + 1, PageSize = state.PageSize, Sort = sort, Q = Q };
    }

    private void Push()
    {
        var uri = _navigation.GetUriWithQueryParameters(_values.ToDictionary(v => v.Key, v => (object?)(string.IsNullOrEmpty(v.Value) ? null : v.Value)));
        if (uri != _navigation.Uri) _navigation.NavigateTo(uri, new NavigationOptions { ReplaceHistoryEntry = true });
    }
}
