namespace Portal.Domain.Common;

/// <summary>
/// A record whose changes the History of an aggregate shows too: the audit trail files them under
/// <see cref="AggregateId"/> as well as under the record's own id.
/// </summary>
public interface IFiledUnderAggregate
{
    Guid AggregateId { get; }
}

/// <summary>
/// A part of an aggregate (an organisation's address, member, domain, …), with no version of its own: adding, changing or
/// removing it moves the aggregate's <see cref="IVersioned.Version"/>. <see cref="Store.PortalDbContext"/> does that on
/// save, and EF then checks the aggregate's original version, so two edits of the same aggregate's parts conflict.
/// The aggregate must be tracked by the same context, loaded for the change at the version the caller read
/// (<c>OrganisationLoading.ForChangeAsync</c>); saving a part whose aggregate is not tracked is refused
/// (<see cref="InvalidOperationException"/>), because a version loaded behind the caller's back would check nothing.
/// </summary>
public interface IAggregatePart : IFiledUnderAggregate;
