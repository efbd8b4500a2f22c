namespace Portal.Domain.Store;

/// <summary>
/// Contains-search on the big lists through trigram full-text tables (SQLite FTS5, <c>tokenize='trigram'</c>; created
/// with their triggers by the <c>SearchIndexes</c> migration): a search of three or more characters is an index
/// lookup instead of a <c>LIKE '%…%'</c> over every row. Trigrams need three characters, so shorter searches stay LIKE.
/// The tables are keyed by the source rows' rowid; after a <c>VACUUM</c> (which may renumber rowids) rebuild them with
/// <c>INSERT INTO OrganisationSearch(OrganisationSearch) VALUES ('rebuild')</c> (and likewise StaffUserSearch).
/// </summary>
public static class FullTextSearch
{
    public const int MinimumLength = 3;

    /// <summary>
    /// The FTS5 query that finds <paramref name="text"/> anywhere in a searched column (case-insensitive): the whole
    /// text as one quoted phrase, so the user's quotes, operators and wildcards are plain characters. Null when the
    /// text is too short for the trigram index.
    /// </summary>
    public static string? Phrase(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length < MinimumLength ? null : "\"" + trimmed.Replace("\"", "\"\"") + "\"";
    }
}
