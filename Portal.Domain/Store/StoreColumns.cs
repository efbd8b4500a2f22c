using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Store;

/// <summary>Column choices that each provider spells its own way, named by what they mean so entity configurations need not know the provider.</summary>
public static class StoreColumns
{
    /// <summary>Compares, sorts and is unique ignoring case (SQLite's NOCASE collation).</summary>
    public static PropertyBuilder<T> IgnoringCase<T>(this PropertyBuilder<T> property) => property.UseCollation("NOCASE");
}
