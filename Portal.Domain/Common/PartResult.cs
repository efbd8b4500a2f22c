namespace Portal.Domain.Common;

/// <summary>
/// What a change to a part of an aggregate wrote (<see cref="Item"/>), and the aggregate's version after it: the ETag
/// the API answers with and the version the next change sends. Removing a part answers the version alone.
/// </summary>
public sealed record PartResult<T>(T Item, long Version);
