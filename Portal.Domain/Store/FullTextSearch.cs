using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Organisations;

namespace Portal.Domain.Store;

/// <summary>
/// Contains-search on the big lists (organisations, staff users) through the provider's own text index. Services ask
/// for the matching rows and compose filters, sorting and paging on top; only the store knows how the index is queried.
/// </summary>
public interface IFullTextSearch
{
    /// <summary>
    /// The rows of <typeparamref name="TEntity"/> with <paramref name="text"/> anywhere in one of its searched columns
    /// (case-insensitive), or null when the text is too short for the index (the caller searches with LIKE instead).
    /// </summary>
    IQueryable<TEntity>? Matching<TEntity>(PortalDbContext db, string text) where TEntity : class;

    /// <summary>
    /// At most <paramref name="limit"/> of the rows <see cref="Matching{TEntity}"/> finds, in no particular order, without
    /// reading every match first: for a few candidates (the command palette) when the text is common ("ltd").
    /// </summary>
    IQueryable<TEntity>? FirstMatching<TEntity>(PortalDbContext db, string text, int limit) where TEntity : class =>
        Matching<TEntity>(db, text)?.Take(limit);
}

/// <summary>
/// SQLite: trigram full-text tables (FTS5, <c>tokenize='trigram'</c>; created with their triggers by the
/// <c>SearchIndexes</c> migration), so a search of three or more characters is an index lookup instead of a
/// <c>LIKE '%…%'</c> over every row. Trigrams need three characters, so shorter searches stay LIKE.
/// The tables are keyed by the source rows' rowid; after a <c>VACUUM</c> (which may renumber rowids) rebuild them with
/// <c>INSERT INTO OrganisationSearch(OrganisationSearch) VALUES ('rebuild')</c> (and likewise StaffUserSearch).
/// </summary>
internal sealed class SqliteFullTextSearch : IFullTextSearch
{
    /// <summary>Each searched entity's rows whose rowid its trigram table matches; the phrase travels as a parameter.</summary>
    private static readonly Dictionary<Type, string> Queries = new()
    {
        [typeof(Organisation)] = "SELECT * FROM Organisations WHERE rowid IN (SELECT rowid FROM OrganisationSearch WHERE OrganisationSearch MATCH {0})",
        [typeof(StaffUser)] = "SELECT * FROM AspNetUsers WHERE rowid IN (SELECT rowid FROM StaffUserSearch WHERE StaffUserSearch MATCH {0})",
        // The command palette's (migration PaletteSearch): an organisation by a member's email or a white-label host.
        [typeof(OrganisationMember)] = "SELECT * FROM OrganisationMember WHERE rowid IN (SELECT rowid FROM OrganisationMemberSearch WHERE OrganisationMemberSearch MATCH {0})",
        [typeof(WhiteLabelDomain)] = "SELECT * FROM WhiteLabelDomains WHERE rowid IN (SELECT rowid FROM WhiteLabelDomainSearch WHERE WhiteLabelDomainSearch MATCH {0})",
    };

    public IQueryable<TEntity>? Matching<TEntity>(PortalDbContext db, string text) where TEntity : class
    {
        if (FullTextSearch.Phrase(text) is not { } phrase) return null;
        return db.Set<TEntity>().FromSqlRaw(QueryOf<TEntity>(), phrase);
    }

    // The LIMIT inside the rowid subquery: SQLite stops reading the index after that many matches.
    public IQueryable<TEntity>? FirstMatching<TEntity>(PortalDbContext db, string text, int limit) where TEntity : class
    {
        if (FullTextSearch.Phrase(text) is not { } phrase) return null;
        return db.Set<TEntity>().FromSqlRaw(QueryOf<TEntity>(FirstQueries), phrase, limit);
    }

    /// <summary>The same queries with <c>LIMIT {1}</c> closing the rowid subquery.</summary>
    private static readonly Dictionary<Type, string> FirstQueries = Queries.ToDictionary(q => q.Key, q => q.Value[..^1] + " LIMIT {1})");

    private static string QueryOf<TEntity>(Dictionary<Type, string>? queries = null) =>
        (queries ?? Queries).GetValueOrDefault(typeof(TEntity)) ?? throw new NotSupportedException($"{typeof(TEntity).Name} has no full-text index.");
}

/// <summary>
/// PostgreSQL: <c>pg_trgm</c> GIN indexes on the searched columns (in the model, so the Postgres migrations create
/// them) and <c>ILIKE '%…%'</c> over them, which the planner answers from the trigram indexes for three or more
/// characters. ILIKE is right for any length, so shorter searches go the same way (a scan, as LIKE is on SQLite).
/// The columns are cast to text because the trigram operator class is text's (an IgnoringCase column is citext).
/// </summary>
internal sealed class PostgresFullTextSearch : IFullTextSearch
{
    /// <summary>Each searched entity's columns: the same as SQLite's FTS5 tables (migration <c>SearchIndexes</c>).</summary>
    private static readonly Dictionary<Type, string[]> Columns = new()
    {
        [typeof(Organisation)] = [nameof(Organisation.Name), nameof(Organisation.TradingName), nameof(Organisation.BillingEmail), nameof(Organisation.CompanyNumber)],
        [typeof(StaffUser)] = [nameof(StaffUser.DisplayName), nameof(StaffUser.Email)],
        [typeof(OrganisationMember)] = [nameof(OrganisationMember.Email)],
        [typeof(WhiteLabelDomain)] = [nameof(WhiteLabelDomain.HostName)],
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type, string), string> Queries = new();

    public IQueryable<TEntity>? Matching<TEntity>(PortalDbContext db, string text) where TEntity : class
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var columns = Columns.GetValueOrDefault(typeof(TEntity)) ?? throw new NotSupportedException($"{typeof(TEntity).Name} has no full-text index.");
        var table = db.Model.FindEntityType(typeof(TEntity))!.GetTableName()!;
        var sql = Queries.GetOrAdd((typeof(TEntity), table), _ =>
            $"SELECT * FROM \"{table}\" WHERE " + string.Join(" OR ", columns.Select(c => $"\"{c}\"::text ILIKE {{0}}")));
        return db.Set<TEntity>().FromSqlRaw(sql, Common.PagingExtensions.ContainsPattern(text));
    }

    /// <summary>A trigram GIN index per searched column (named, so it never merges with the column's B-tree index).</summary>
    public static void AddIndexes(ModelBuilder builder)
    {
        foreach (var (type, columns) in Columns)
        {
            var entity = builder.Entity(type);
            var table = entity.Metadata.GetTableName();
            foreach (var column in columns)
                entity.HasIndex([column], $"IX_{table}_{column}_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
        }
    }
}

/// <summary>SQLite FTS5 query text.</summary>
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
