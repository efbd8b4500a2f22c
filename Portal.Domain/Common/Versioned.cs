namespace Portal.Domain.Common;

/// <summary>
/// An aggregate with an application-managed concurrency token. <see cref="Store.PortalDbContext"/> bumps
/// <see cref="Version"/> on every save and EF Core checks the original value, so a stale write fails.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}

public static class VersionedExtensions
{
    /// <summary>The caller accepts any current version (HTTP <c>If-Match: *</c>).</summary>
    public const long AnyVersion = -1;

    /// <summary>The caller named a version Portal never gives out (HTTP <c>If-Match: "abc"</c>): it matches none.</summary>
    public const long NoVersion = -2;

    /// <summary>A version a caller may send: one Portal gave out (from 1), or either of the two above.</summary>
    public static bool IsVersionSent(long version) => version > 0 || version is AnyVersion or NoVersion;

    /// <summary>Fails fast when the caller's copy is stale, before any change is made.</summary>
    public static void EnsureVersion<T>(this T entity, long expectedVersion, object id) where T : IVersioned
    {
        if (expectedVersion == AnyVersion) return;
        if (entity.Version != expectedVersion)
            throw new ConcurrencyException(typeof(T).Name, id, expectedVersion, entity.Version);
    }
}
