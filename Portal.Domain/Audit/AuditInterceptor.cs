using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Domain.Admin;
using Portal.Domain.Common;

namespace Portal.Domain.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, changed or deleted entity in the same SaveChanges,
/// so the trail commits or rolls back with the change. Secrets are recorded only as changed.
/// </summary>
public sealed class AuditInterceptor(ICurrentUser user, TimeProvider clock) : SaveChangesInterceptor
{
    public const string Redacted = "***";

    // Identity's own secrets and bookkeeping live on a base class we cannot annotate.
    private static readonly HashSet<string> SecretNames = ["PasswordHash", "SecurityStamp"];
    // ...and Identity columns Portal never changes on purpose (UserName mirrors Email).
    private static readonly HashSet<string> SkippedNames =
    [
        "ConcurrencyStamp", "NormalizedEmail", "NormalizedUserName", "UserName", "EmailConfirmed", "PhoneNumberConfirmed",
        "TwoFactorEnabled", "LockoutEnabled", nameof(IVersioned.Version),
    ];

    // Attributes read once per type and property, not once per saved entity (an import saves 100,000).
    private static readonly ConcurrentDictionary<Type, bool> UnauditedTypes = new();
    private static readonly ConcurrentDictionary<PropertyInfo, (bool Skipped, bool Secret)> PropertyRules = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) AddEntries(db);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void AddEntries(DbContext db)
    {
        var now = clock.GetUtcNow();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not AuditEntry && !UnauditedTypes.GetOrAdd(e.Metadata.ClrType, t => t.GetCustomAttribute<NotAuditedAttribute>() is not null))
            .Select(e => Describe(e, now))
            .OfType<AuditEntry>()
            .ToList();
        db.Set<AuditEntry>().AddRange(entries);
    }

    private AuditEntry? Describe(EntityEntry entry, DateTimeOffset now)
    {
        // A role assignment is a change to the user, told in the role's name.
        var securityEvent = SecurityEvents.KindOf(entry);
        if (entry.Entity is IdentityUserRole<Guid> userRole)
            return AuditEntry.For(user, now, nameof(StaffUser), userRole.UserId.ToString(),
                entry.State == EntityState.Deleted ? AuditActions.RoleRemoved : AuditActions.RoleAdded,
                new Dictionary<string, object?> { ["role"] = RoleIds.NameOf(userRole.RoleId) ?? userRole.RoleId.ToString() },
                securityEvent: securityEvent);

        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var info = property.Metadata.PropertyInfo;
            var name = property.Metadata.Name;
            var rules = info is null ? default : PropertyRules.GetOrAdd(info, i => (i.GetCustomAttribute<NotAuditedAttribute>() is not null, i.GetCustomAttribute<SecretAttribute>() is not null));
            if (SkippedNames.Contains(name) || rules.Skipped) continue;
            var secret = SecretNames.Contains(name) || rules.Secret;
            switch (entry.State)
            {
                // A new record lists what it was created with, not every empty default (the id is the entry's own).
                case EntityState.Added when !property.Metadata.IsPrimaryKey() && !IsDefault(property.CurrentValue):
                    changes[name] = new { to = secret ? Redacted : property.CurrentValue };
                    break;
                case EntityState.Deleted:
                    changes[name] = new { from = secret ? Redacted : property.OriginalValue };
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue)
                                               && !(property.OriginalValue is byte[] a && property.CurrentValue is byte[] b && a.SequenceEqual(b)):
                    changes[name] = secret ? new { from = Redacted, to = Redacted } : new { from = property.OriginalValue, to = property.CurrentValue };
                    break;
            }
        }
        if (entry.State == EntityState.Modified && changes.Count == 0) return null;

        var id = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
        var action = entry.State switch
        {
            EntityState.Added => AuditActions.Created,
            EntityState.Deleted => AuditActions.Deleted,
            _ => AuditActions.Updated,
        };
        return AuditEntry.For(user, now, entry.Metadata.ClrType.Name, id, action, changes,
            (entry.Entity as IFiledUnderAggregate)?.AggregateId.ToString(), securityEvent);
    }

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        bool b => !b,
        int i => i == 0,
        long l => l == 0,
        _ => false,
    };
}
