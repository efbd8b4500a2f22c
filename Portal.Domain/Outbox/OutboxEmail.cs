using Portal.Domain.Common;

namespace Portal.Domain.Outbox;

public enum OutboxStatus { Pending, Sent, Failed }

/// <summary>
/// An email written in the same transaction as the change that caused it; the dispatcher sends it later.
/// A row is claimed (<see cref="LockedUntil"/>) before sending so two dispatchers never send it twice.
/// </summary>
[NotAudited]
public sealed class OutboxEmail
{
    public const int MaxAttempts = 8;
    public const int AddressMaxLength = 256;
    public const int SubjectMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    /// <summary>The body with its <see cref="Email.Secret"/> hidden, as Admin → Outbox lists it; null when it carries none.</summary>
    public string? MaskedTextBody { get; init; }
    /// <summary>
    /// The secret (an invitation link), Data-Protection encrypted; <see cref="TextBody"/> holds <see cref="SecretPlaceholder"/>
    /// in its place. Null once sent or withdrawn: the link never sits in the store in plain text, nor longer than needed.
    /// </summary>
    [Secret] public string? ProtectedSecret { get; private set; }
    /// <summary>The record whose secret it carries (the invitation), so withdrawing the record can purge it.</summary>
    public Guid? SecretOwnerId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public OutboxStatus Status { get; private set; } = OutboxStatus.Pending;
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The rendered <paramref name="email"/> (see <see cref="Email"/>), to send to <paramref name="to"/>; one with a secret needs the protector.</summary>
    public static OutboxEmail Create(string to, Email email, DateTimeOffset now, OutboxSecretProtector? protector = null, Guid? secretOwnerId = null)
    {
        var text = email.Text;
        if (string.IsNullOrEmpty(email.Secret))
            return new() { To = to, Subject = email.Subject, TextBody = text, CreatedAt = now, NextAttemptAt = now };
        if (protector is null) throw new InvalidOperationException($"{email.GetType().Name} carries a secret: queue it with the OutboxSecretProtector.");
        return new()
        {
            To = to, Subject = email.Subject, TextBody = text.Replace(email.Secret, SecretPlaceholder), CreatedAt = now, NextAttemptAt = now,
            MaskedTextBody = text.Replace(email.Secret, HiddenSecret), ProtectedSecret = protector.Protect(email.Secret), SecretOwnerId = secretOwnerId,
        };
    }

    public const string HiddenSecret = "[link hidden: Show link]";
    /// <summary>Where the secret goes back in at send time.</summary>
    public const string SecretPlaceholder = "{{secret}}";
    public const string PurgedSecret = "[link removed: sent or withdrawn]";

    private string? _bodyToSend;

    /// <summary>The body the sender sends: <see cref="TextBody"/> with the secret put back (<see cref="ResolveSecret"/>), in memory only.</summary>
    public string BodyToSend => _bodyToSend ?? TextBody;

    /// <summary>Whether the body needed a secret that is gone (withdrawn before sending).</summary>
    public bool LostItsSecret => ProtectedSecret is null && TextBody.Contains(SecretPlaceholder, StringComparison.Ordinal);

    /// <summary>Puts the secret back into the body to send (never into a stored column).</summary>
    public void ResolveSecret(OutboxSecretProtector protector)
    {
        if (ProtectedSecret is not null) _bodyToSend = TextBody.Replace(SecretPlaceholder, protector.Unprotect(ProtectedSecret));
    }

    /// <summary>The whole body for an admin who asked to see it, or with <see cref="PurgedSecret"/> once the secret is gone.</summary>
    public string Revealed(OutboxSecretProtector protector) => ProtectedSecret is null
        ? TextBody.Replace(SecretPlaceholder, PurgedSecret)
        : TextBody.Replace(SecretPlaceholder, protector.Unprotect(ProtectedSecret));

    /// <summary>Forgets the secret: once sent, or when its record is withdrawn.</summary>
    public void PurgeSecret() => ProtectedSecret = null;

    /// <summary>Its secret was withdrawn before it left: it is not sent (an email with a dead link helps nobody).</summary>
    public void MarkWithdrawn()
    {
        Status = OutboxStatus.Failed;
        LockedUntil = null;
        LastError = "Not sent: the invitation was withdrawn or replaced before the email left, so its link no longer exists.";
    }

    public void MarkSent(DateTimeOffset now)
    {
        Status = OutboxStatus.Sent;
        SentAt = now;
        ProtectedSecret = null;
        LockedUntil = null;
        LastError = null;
        Attempts++;
    }

    /// <summary>Backs off exponentially (1, 2, 4 … minutes, at most an hour); gives up after <see cref="MaxAttempts"/>.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        LockedUntil = null;
        if (Attempts >= MaxAttempts) { Status = OutboxStatus.Failed; return; }
        NextAttemptAt = now + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Attempts - 1)));
    }

    /// <summary>An admin asks for another try of a failed email.</summary>
    public void Retry(DateTimeOffset now)
    {
        if (Status != OutboxStatus.Failed)
            throw new ConflictException("outbox.not_failed", "Only a failed email can be retried.");
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }
}
