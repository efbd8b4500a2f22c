using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Domain.Store;

namespace Portal.Domain.Audit;

/// <summary>
/// Writes the security events that are not a change to a record: sign-in, failed sign-in, lockout, sign-out. Each is one
/// audit entry with its kind, the actor (for a failed sign-in the attempted email, normalised), the client's address and
/// User-Agent, the time and the subject (the staff user). A password is never part of one.
/// </summary>
public sealed class SecurityEventLog(IDbContextFactory<PortalDbContext> dbs, ICurrentUser user, TimeProvider clock)
{
    /// <summary>Subject id of a failed sign-in with an email no staff user has.</summary>
    public const string UnknownAccount = "(unknown)";

    public static class Reasons
    {
        public const string UnknownEmail = "unknown email";
        public const string WrongPassword = "wrong password";
        public const string NoPassword = "no password set";
        public const string Disabled = "disabled";
        public const string LockedOut = "locked out";
    }

    /// <summary>How an attempted email is recorded: trimmed and lower-cased, so one person's attempts read as one.</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    public Task SignedInAsync(Guid userId, string email, string method, CancellationToken ct = default) =>
        WriteAsync(SecurityEvents.SignedIn, userId.ToString(), email, userId.ToString(), new() { ["method"] = method }, ct);

    /// <summary>A person signed in through Entra ID (no staff user row: the subject is their directory object id).</summary>
    public Task SignedInExternallyAsync(string subjectId, string name, string method, CancellationToken ct = default) =>
        WriteAsync(SecurityEvents.SignedIn, subjectId, name, subjectId, new() { ["method"] = method }, ct, entityType: "ExternalUser");

    /// <param name="userId">The staff user the email belongs to; null when it belongs to nobody.</param>
    public Task SignInFailedAsync(string attemptedEmail, Guid? userId, string reason, CancellationToken ct = default) =>
        WriteAsync(SecurityEvents.SignInFailed, userId?.ToString(), NormaliseEmail(attemptedEmail), userId?.ToString() ?? UnknownAccount,
            new() { ["reason"] = reason }, ct);

    public Task LockedOutAsync(Guid userId, string email, DateTimeOffset until, CancellationToken ct = default) =>
        WriteAsync(SecurityEvents.LockedOut, userId.ToString(), NormaliseEmail(email), userId.ToString(), new() { ["until"] = until }, ct);

    /// <summary>The acting user signs out.</summary>
    public Task SignedOutAsync(CancellationToken ct = default) =>
        WriteAsync(SecurityEvents.SignedOut, user.Id, user.ActorName, user.Id ?? UnknownAccount, [], ct,
            entityType: user.StaffUserId() is null ? "ExternalUser" : nameof(StaffUser));

    private async Task WriteAsync(string kind, string? actorId, string actor, string subjectId, Dictionary<string, object?> details,
        CancellationToken ct, string entityType = nameof(StaffUser))
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.AuditEntries.Add(AuditEntry.ForSecurityEvent(kind, actorId, actor, user.Origin, clock.GetUtcNow(), entityType, subjectId, details));
        await db.SaveChangesAsync(ct);
    }
}
