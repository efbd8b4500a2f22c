namespace Portal.Domain.Common;

/// <summary>Marks a property whose value must never reach the audit trail or a log; only "changed" is recorded.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;

/// <summary>Leaves a property (bookkeeping such as a last-used time) or a whole entity (the outbox) out of the audit trail.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>
/// The roles that may read an entity's History (its audit entries). An entity without it is Admin-only, so a new area's
/// trail is closed until it says who may read it; an aggregate's parts say it too (their entries reach its History).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class HistoryReadersAttribute(string roles) : Attribute
{
    /// <param name="roles">An <see cref="Access"/> set, e.g. <c>Access.ReadRoles</c>.</param>
    public IReadOnlyList<string> Roles { get; } = roles.Split(',');
}
