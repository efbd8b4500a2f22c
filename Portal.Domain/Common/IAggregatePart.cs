namespace Portal.Domain.Common;

/// <summary>
/// A record that belongs to an aggregate (an organisation's address, member, domain, …). The audit trail files its
/// changes under the aggregate too, so the aggregate's History shows them.
/// </summary>
public interface IAggregatePart
{
    Guid AggregateId { get; }
}
