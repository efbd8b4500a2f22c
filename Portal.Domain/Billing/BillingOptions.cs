namespace Portal.Domain.Billing;

/// <summary>Billing settings (configuration section <c>Billing</c>).</summary>
public sealed class BillingOptions
{
    /// <summary>Days an open invoice is due in.</summary>
    public int DaysUntilDue { get; set; } = 14;
    /// <summary>Dunning: days past due before the subscription is unpaid (its modules stop).</summary>
    public int PastDueDaysBeforeUnpaid { get; set; } = 14;
    /// <summary>Dunning: days unpaid before the subscription is canceled.</summary>
    public int UnpaidDaysBeforeCanceled { get; set; } = 30;
    /// <summary>Hours a new subscription may wait for its first payment before it is incomplete_expired (Stripe: 23).</summary>
    public int IncompleteExpiresAfterHours { get; set; } = 23;
    /// <summary>Subscriptions per transaction in a billing run.</summary>
    public int BatchSize { get; set; } = 250;
}
