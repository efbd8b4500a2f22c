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
    /// <summary>Fails fast when the caller's copy is stale, before any change is made.</summary>
    public static void EnsureVersion<T>(this T entity, long expectedVersion, object id) where T : IVersioned
    {
        if (entity.Version != expectedVersion)
            throw new ConcurrencyException(typeof(T).Name, id, expectedVersion, entity.Version);
    }
}
