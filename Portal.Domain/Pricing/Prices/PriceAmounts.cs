using Portal.Domain.Common;

namespace Portal.Domain.Pricing;

/// <summary>A stored amount with and without VAT at one rate, the VAT rounded to a minor unit once.</summary>
public sealed record PriceAmounts(Money ExcludingVat, Money Vat, Money IncludingVat)
{
    /// <summary>
    /// From a stored amount (gross when the group includes VAT, else net) at <paramref name="ratePercent"/>. The VAT is
    /// the one rounded figure (<see cref="Money.DefaultRounding"/>, to even) and the other side is exact, so net + VAT =
    /// gross always holds: net 10.05 at 21 % is VAT 2.11 (2.1105) and gross 12.16; gross 12.16 at 21 % is VAT 2.11 (2.1104)
    /// and net 10.05.
    /// </summary>
    public static PriceAmounts Of(Money stored, bool includesVat, decimal ratePercent)
    {
        if (includesVat)
        {
            var vat = stored.Multiply(ratePercent / (100m + ratePercent));
            return new(stored - vat, vat, stored);
        }
        var added = stored.Percent(ratePercent);
        return new(stored, added, stored + added);
    }
}
