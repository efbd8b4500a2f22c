using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Store;

/// <summary>Column choices that each provider spells its own way, named by what they mean so entity configurations need not know the provider.</summary>
public static class StoreColumns
{
    /// <summary>
    /// Compares, sorts, is unique and LIKE-searched ignoring case: SQLite's NOCASE collation, PostgreSQL's citext
    /// (see <see cref="StoreModel"/>, which turns this mark into the provider's column).
    /// </summary>
    public static PropertyBuilder<T> IgnoringCase<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(StoreModel.IgnoringCaseMark, true);

    /// <summary>
    /// Compares and sorts by code point (SQLite's default BINARY, PostgreSQL's "C" collation), so a prefix is exactly a
    /// range (<c>&gt;= prefix AND &lt; next</c>) an index can seek; a language's collation would order "AB C" among "ABC…".
    /// </summary>
    public static PropertyBuilder<T> ComparedByCodePoint<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(StoreModel.CodePointMark, true);
}
