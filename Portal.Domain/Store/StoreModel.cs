using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Domain.Store;

/// <summary>
/// What the model says differently per provider, applied by <see cref="PortalDbContext"/> after every entity
/// configuration: the column behind <see cref="StoreColumns.IgnoringCase{T}"/>, how a <see cref="DateTimeOffset"/> is
/// stored, and PostgreSQL's extensions and trigram indexes.
/// </summary>
internal static class StoreModel
{
    /// <summary>The mark <see cref="StoreColumns.IgnoringCase{T}"/> leaves on a property; replaced here, so no migration sees it.</summary>
    public const string IgnoringCaseMark = "Portal:IgnoringCase";
    /// <summary>The mark <see cref="StoreColumns.ComparedByCodePoint{T}"/> leaves; SQLite's default collation already is.</summary>
    public const string CodePointMark = "Portal:CodePoint";

    public static void ConfigureConventions(ModelConfigurationBuilder conventions, DatabaseFacade database)
    {
        // Both store the instant in UTC and read it back with offset zero, so values sort and compare by instant.
        if (database.IsNpgsql())
            // timestamptz sorts and compares natively (microseconds); Npgsql writes only offset-zero values to it.
            conventions.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        else
            // SQLite cannot order or compare DateTimeOffset as text; as a binary long (0.1 ms) it sorts and compares in
            // SQL. The long starts with the clock time, not the instant, so it is taken in UTC first.
            conventions.Properties<DateTimeOffset>().HaveConversion<SqliteUtcBinaryConverter>();
    }

    public static void Apply(ModelBuilder builder, DatabaseFacade database)
    {
        var postgres = database.IsNpgsql();
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties()).ToList())
        {
            if (property.FindAnnotation(CodePointMark) is not null)
            {
                property.RemoveAnnotation(CodePointMark);
                if (postgres) property.SetCollation("C");
            }
            if (property.FindAnnotation(IgnoringCaseMark) is null) continue;
            property.RemoveAnnotation(IgnoringCaseMark);
            // citext: =, ORDER BY, unique indexes and LIKE ignore case, as NOCASE does on SQLite. (PostgreSQL 15's
            // nondeterministic ICU collations would do the first three but refuse LIKE.)
            if (postgres) property.SetColumnType("citext");
            else property.SetCollation("NOCASE");
        }
        if (!postgres) return;
        builder.HasPostgresExtension("citext");
        builder.HasPostgresExtension("pg_trgm");
        PostgresFullTextSearch.AddIndexes(builder);
    }

    internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);

    /// <summary>EF's <see cref="DateTimeOffsetToBinaryConverter"/> of the value in UTC: the same longs as before for the UTC values Portal writes.</summary>
    internal sealed class SqliteUtcBinaryConverter() : ValueConverter<DateTimeOffset, long>(
        (Expression<Func<DateTimeOffset, long>>)Composed.ConvertToProviderExpression,
        (Expression<Func<long, DateTimeOffset>>)Composed.ConvertFromProviderExpression)
    {
        private static readonly ValueConverter Composed = new UtcDateTimeOffsetConverter().ComposeWith(new DateTimeOffsetToBinaryConverter());
    }
}
