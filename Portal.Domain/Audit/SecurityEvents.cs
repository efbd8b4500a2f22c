using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Portal.Domain.Admin;

namespace Portal.Domain.Audit;

/// <summary>
/// The kinds of security event in the audit trail (<see cref="AuditEntry.SecurityEvent"/>). Sign-ins, sign-outs, lockouts
/// and key use are written by <see cref="SecurityEventLog"/>; what is already a change to a record (a key created or
/// revoked, a role granted, a user disabled, a password set) is the interceptor's entry for that change, tagged with its
/// kind (<see cref="KindOf"/>), so it is found as a security event without being written twice.
/// </summary>
public static class SecurityEvents
{
    public const string SignedIn = "SignedIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignedOut = "SignedOut";
    public const string ApiKeyUsed = "ApiKeyUsed";
    public const string ApiKeyCreated = "ApiKeyCreated";
    public const string ApiKeyRevoked = "ApiKeyRevoked";
    public const string RoleChanged = "RoleChanged";
    public const string UserDisabled = "UserDisabled";
    public const string UserEnabled = "UserEnabled";
    public const string PasswordSet = "PasswordSet";
    public const string SecretRevealed = "SecretRevealed";

    public static readonly IReadOnlyList<string> All =
    [
        SignedIn, SignInFailed, LockedOut, SignedOut, ApiKeyUsed, ApiKeyCreated, ApiKeyRevoked,
        RoleChanged, UserDisabled, UserEnabled, PasswordSet, SecretRevealed,
    ];

    public const int KindMaxLength = 32;

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);

    /// <summary>The security event a saved change is, or null for an ordinary change.</summary>
    internal static string? KindOf(EntityEntry entry) => entry.Entity switch
    {
        IdentityUserRole<Guid> => RoleChanged,
        ApiKey when entry.State == EntityState.Added => ApiKeyCreated,
        ApiKey when Changed(entry, nameof(ApiKey.RevokedAt)) => ApiKeyRevoked,
        StaffUser user when Changed(entry, nameof(StaffUser.IsDisabled)) => user.IsDisabled ? UserDisabled : UserEnabled,
        StaffUser when Changed(entry, nameof(StaffUser.PasswordHash)) => PasswordSet,
        _ => null,
    };

    private static bool Changed(EntityEntry entry, string property) =>
        entry.State == EntityState.Modified && entry.Property(property) is { IsModified: true } p && !Equals(p.OriginalValue, p.CurrentValue);
}
