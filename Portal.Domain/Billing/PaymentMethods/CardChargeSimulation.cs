using Portal.Domain.Common;

namespace Portal.Domain.Billing;

/// <summary>
/// A SIMULATION of charging a card: Portal has no payment processor behind it. The billing job "charges" an invoice to
/// the organisation's default card and the charge succeeds unless the card has expired or its last four digits are
/// 0002 (Stripe's test card that is always declined), so a decline can be shown. No money moves; the invoice says
/// "simulated charge".
/// </summary>
public static class CardChargeSimulation
{
    public const string DeclinedLast4 = "0002";

    public sealed record Result(bool Succeeded, string Note);

    public static Result Charge(PaymentMethod? card, Money amount, DateTimeOffset at)
    {
        if (card is null) return new(false, "No usable payment method");
        if (card.IsExpiredAt(at)) return new(false, $"{card.Display} has expired");
        if (card.Last4 == DeclinedLast4) return new(false, $"{card.Display} was declined (simulated)");
        return new(true, $"{card.Display}: {amount} charged (simulated charge)");
    }
}
