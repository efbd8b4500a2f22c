namespace Portal.Domain.Search;

/// <summary>
/// One area's part of the command palette: it finds that area's records by the text a person types. Each area
/// registers its own (<see cref="SearchRegistration.AddSearchSource{T}"/> in its <c>Add&lt;Area&gt;()</c>); the palette
/// asks every source the user's role may read, in parallel, and shows each group as it arrives.
/// </summary>
public interface ISearchSource
{
    /// <summary>The group's heading, e.g. "Organisations".</summary>
    string Area { get; }
    /// <summary>Where the group sits among the others once every group is in (lower first).</summary>
    int Order { get; }
    /// <summary>The roles that may read what this source finds; the source checks them itself too.</summary>
    IReadOnlyList<string> Roles { get; }
    /// <summary>
    /// At most <paramref name="limit"/> records matching <paramref name="text"/> (already trimmed, never empty), best
    /// match first (<see cref="SearchRank"/>), searched in SQL on the source's own index. Refuses (403) a caller
    /// without one of <see cref="Roles"/>.
    /// </summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken ct);
}

/// <summary>One record found: what it is (<paramref name="Kind"/>), its name, a line about it, and the page it opens.</summary>
public sealed record SearchHit(string Kind, string Title, string Subtitle, string Href, int Rank);

/// <summary>One source's answer, in the order the source ranked it.</summary>
public sealed record SearchGroup(string Area, int Order, IReadOnlyList<SearchHit> Hits);

/// <summary>
/// Something to do rather than a record to find ("New organisation", "Go to Outbox"), offered to the roles that may use
/// it. Registered by its area (<see cref="SearchRegistration.AddPaletteAction"/>) like a search source.
/// </summary>
public sealed record PaletteAction(string Title, string Description, string Href, IReadOnlyList<string> Roles)
{
    /// <summary>Other words that find it ("mail" finds "Go to Outbox").</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];
}

/// <summary>How well a record matched: exact before prefix before anywhere-in.</summary>
public static class SearchRank
{
    public const int Exact = 0;
    public const int Prefix = 1;
    public const int Contains = 2;
    /// <summary>Not a match of any of the values given (found through another field, e.g. a member's email).</summary>
    public const int Other = 3;

    /// <summary>The best rank of <paramref name="text"/> in any of <paramref name="values"/> (case-insensitive).</summary>
    public static int Of(string text, params string?[] values)
    {
        var best = Other;
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value)) continue;
            if (value.Equals(text, StringComparison.OrdinalIgnoreCase)) return Exact;
            if (value.StartsWith(text, StringComparison.OrdinalIgnoreCase)) best = Math.Min(best, Prefix);
            else if (value.Contains(text, StringComparison.OrdinalIgnoreCase)) best = Math.Min(best, Contains);
        }
        return best;
    }

    /// <summary>The LIKE pattern for values starting with <paramref name="text"/> (its wildcards escaped with <c>\</c>).</summary>
    public static string PrefixPattern(string text) =>
        text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
