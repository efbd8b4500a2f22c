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
    public DateTimeOffset CreatedAt { get; init; }
    public OutboxStatus Status { get; private set; } = OutboxStatus.Pending;
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The rendered <paramref name="email"/> (see <see cref="Email"/>), to send to <paramref name="to"/>.</summary>
    public static OutboxEmail Create(string to, Email email, DateTimeOffset now)
    {
        var text = email.Text;
        return new()
        {
            To = to, Subject = email.Subject, TextBody = text, CreatedAt = now, NextAttemptAt = now,
            MaskedTextBody = string.IsNullOrEmpty(email.Secret) ? null : text.Replace(email.Secret, HiddenSecret),
        };
    }

    public const string HiddenSecret = "[link hidden: Show link]";

    public void MarkSent(DateTimeOffset now)
    {
        Status = OutboxStatus.Sent;
        SentAt = now;
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
