using System.Runtime.CompilerServices;
using Portal.Domain.Common;

namespace Portal.Domain.Search;

/// <summary>
/// The command palette's search: the text goes to every <see cref="ISearchSource"/> the user's role may read, all at
/// once, and each group comes back as soon as its source answers; plus the <see cref="PaletteAction"/>s the role may use.
/// </summary>
public sealed class PaletteSearch(IEnumerable<ISearchSource> sources, IEnumerable<PaletteAction> actions, ICurrentUser user)
{
    /// <summary>Records per group: the palette is for jumping to one, not for browsing (the lists do that).</summary>
    public const int GroupLimit = 5;
    public const int TextMaxLength = ListQuery.MaxTextLength;

    private readonly IReadOnlyList<ISearchSource> _sources = [.. sources.OrderBy(s => s.Order)];
    private readonly IReadOnlyList<PaletteAction> _actions = [.. actions];

    /// <summary>The sources the current user may read, in group order: the palette's headings.</summary>
    public IReadOnlyList<ISearchSource> Sources => [.. _sources.Where(s => user.Has(s.Roles))];

    /// <summary>
    /// Each readable source's group, in the order the sources answer (each runs on its own thread and its own
    /// context, so a slow source does not hold back the others). Nothing for an empty text.
    /// </summary>
    public async IAsyncEnumerable<SearchGroup> SearchAsync(string? text, int limit = GroupLimit, [EnumeratorCancellation] CancellationToken ct = default)
    {
        user.Require(Access.Any);
        if (Clean(text) is not { } q) yield break;
        var searches = Sources.Select(source => Task.Run(async () =>
            new SearchGroup(source.Area, source.Order, await source.SearchAsync(q, limit, ct)), ct)).ToList();
        await foreach (var done in Task.WhenEach(searches).WithCancellation(ct))
            yield return await done;
    }

    /// <summary>Every readable source's group, in group order, once all have answered (the API's answer).</summary>
    public async Task<IReadOnlyList<SearchGroup>> SearchAllAsync(string? text, int limit = GroupLimit, CancellationToken ct = default)
    {
        var groups = new List<SearchGroup>();
        await foreach (var group in SearchAsync(text, limit, ct)) groups.Add(group);
        return [.. groups.OrderBy(g => g.Order)];
    }

    /// <summary>The actions the current user may use whose title or keywords match <paramref name="text"/> (all of them for no text), best match first.</summary>
    public IReadOnlyList<PaletteAction> Actions(string? text)
    {
        user.Require(Access.Any);
        var allowed = _actions.Where(a => user.Has(a.Roles));
        if (Clean(text) is not { } q) return [.. allowed];
        return [.. allowed
            .Select(a => (Action: a, Rank: Math.Min(SearchRank.Of(q, a.Title), a.Keywords.Count == 0 ? SearchRank.Other : a.Keywords.Min(k => SearchRank.Of(q, k)))))
            .Select(a => a.Rank == SearchRank.Other && WordsStart(q, a.Action.Title) ? (a.Action, Rank: SearchRank.Contains) : a)
            .Where(a => a.Rank < SearchRank.Other)
            .OrderBy(a => a.Rank)
            .Select(a => a.Action)];
    }

    /// <summary>
    /// The text as the sources get it: trimmed, or null when empty. Longer than <see cref="TextMaxLength"/>, or with a
    /// control character (never in a name or number; a NUL would end the text in SQLite's index), is a 400 on "q", as
    /// a list's search is.
    /// </summary>
    public static string? Clean(string? text)
    {
        var q = text?.Trim();
        if (string.IsNullOrEmpty(q)) return null;
        if (q.Length > TextMaxLength) throw DomainValidationException.For("q", $"Search for at most {TextMaxLength} characters.");
        if (PlainText.HasControlCharacters(q)) throw DomainValidationException.For("q", "Search text must not contain control characters.");
        return q;
    }

    // "go out" finds "Go to Outbox": every typed word starts a word of the title.
    private static bool WordsStart(string text, string title)
    {
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(t => words.Any(w => w.StartsWith(t, StringComparison.OrdinalIgnoreCase)));
    }
}
