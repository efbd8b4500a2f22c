namespace Portal.Domain.Outbox;

/// <summary>How the dispatcher claims emails; the host binds it from configuration (Outbox:ClaimDuration).</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// How long a claimed email is left to the dispatcher that claimed it. A dispatcher that dies mid-send (a crash, a
    /// kill) holds its one in-flight email this long before another, or the restarted process, sends it again; it must
    /// be longer than one SMTP send takes, or a slow send would be tried twice at once.
    /// </summary>
    public TimeSpan ClaimDuration { get; set; } = OutboxDispatcher.DefaultClaimDuration;
}
