namespace Portal.Domain.Common;

/// <summary>Marks a property whose value must never reach the audit trail or a log; only "changed" is recorded.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;

/// <summary>Leaves a property (bookkeeping such as a last-used time) or a whole entity (the outbox) out of the audit trail.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;
