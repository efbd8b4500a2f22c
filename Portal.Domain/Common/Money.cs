using System.Globalization;

namespace Portal.Domain.Common;

/// <summary>
/// An amount of one currency: whole minor units (pence, cents, yen) and an ISO 4217 code (DESIGN.md rule 9). Arithmetic
/// keeps to one currency and throws <see cref="CurrencyMismatchException"/> otherwise; overflow throws
/// <see cref="OverflowException"/>. Where a result falls between minor units (a percentage, a rate) the rounding is
/// named, <see cref="MidpointRounding.ToEven"/> (banker's rounding) unless the caller says otherwise; splitting an amount
/// (<see cref="Allocate"/>) never rounds: the parts add up to the whole. <c>default(Money)</c> has no currency and is not a value.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    public const MidpointRounding DefaultRounding = MidpointRounding.ToEven;

    /// <summary>Minor units of <see cref="Currency"/>: 4900 is £49.00, 4900 JPY is ¥4,900.</summary>
    public long Minor { get; }
    /// <summary>ISO 4217 code in capitals.</summary>
    public string Currency { get; }

    public Money(long minor, string currency)
    {
        Minor = minor;
        Currency = Currencies.Normalise(currency) ?? throw new ArgumentException($"\"{currency}\" is not an ISO 4217 currency code.", nameof(currency));
    }

    public static Money Zero(string currency) => new(0, currency);

    /// <summary>From an amount in major units (49.99 pounds); a fraction of a minor unit is rounded by <paramref name="rounding"/>.</summary>
    public static Money FromMajor(decimal amount, string currency, MidpointRounding rounding = DefaultRounding)
    {
        var code = Currencies.Normalise(currency) ?? throw new ArgumentException($"\"{currency}\" is not an ISO 4217 currency code.", nameof(currency));
        return new Money(checked((long)Math.Round(amount * Scale(code), rounding)), code);
    }

    /// <summary>The amount in major units: 4900 pence is 49.00.</summary>
    public decimal Amount => (decimal)Minor / Scale(Currency);

    public bool IsZero => Minor == 0;
    public bool IsNegative => Minor < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + b.Minor), SameCurrency(a, b, "add"));
    public static Money operator -(Money a, Money b) => new(checked(a.Minor - b.Minor), SameCurrency(a, b, "subtract"));
    public static Money operator -(Money a) => new(checked(-a.Minor), a.Currency);
    /// <summary>A price times a quantity: exact, no rounding.</summary>
    public static Money operator *(Money a, long quantity) => new(checked(a.Minor * quantity), a.Currency);
    public static Money operator *(long quantity, Money a) => a * quantity;

    /// <summary>This amount times <paramref name="factor"/> (a rate, a pro-rata fraction), rounded to a minor unit.</summary>
    public Money Multiply(decimal factor, MidpointRounding rounding = DefaultRounding) =>
        new(checked((long)Math.Round(Minor * factor, rounding)), Currency);

    /// <summary><paramref name="percent"/> % of this amount (20 for VAT at 20 %), rounded to a minor unit.</summary>
    public Money Percent(decimal percent, MidpointRounding rounding = DefaultRounding) => Multiply(percent / 100m, rounding);

    /// <summary>
    /// Splits this amount in proportion to <paramref name="ratios"/> (non-negative, not all zero) so that the parts add up
    /// to it exactly: each part is its share cut to a whole minor unit, and the minor units left over go one each to the
    /// parts that were cut most (the earlier part on a tie). £100 by [1, 1, 1] is £33.34, £33.33, £33.33.
    /// </summary>
    public IReadOnlyList<Money> Allocate(params IReadOnlyList<long> ratios)
    {
        if (ratios.Count == 0) throw new ArgumentException("Allocate needs at least one ratio.", nameof(ratios));
        if (ratios.Any(r => r < 0)) throw new ArgumentException("Ratios cannot be negative.", nameof(ratios));
        var total = ratios.Aggregate(Int128.Zero, (sum, r) => sum + r);
        if (total == 0) throw new ArgumentException("At least one ratio must be above zero.", nameof(ratios));

        // Work on the size and put the sign back: -£1 by [1, 1] is -£0.50 twice, and the parts still add up.
        var sign = Minor < 0 ? -1 : 1;
        var whole = Int128.Abs(Minor);
        var parts = new long[ratios.Count];
        var cut = new Int128[ratios.Count];
        Int128 given = 0;
        for (var i = 0; i < ratios.Count; i++)
        {
            var exact = whole * ratios[i];
            parts[i] = (long)(exact / total);
            cut[i] = exact % total;
            given += parts[i];
        }
        var left = (long)(whole - given); // fewer than ratios.Count
        foreach (var i in Enumerable.Range(0, parts.Length).OrderByDescending(i => cut[i]).ThenBy(i => i).Take((int)left)) parts[i]++;
        var currency = Currency;
        return [.. parts.Select(p => new Money(sign * p, currency))];
    }

    /// <summary>Splits this amount into <paramref name="count"/> equal parts that add up to it (the first parts get the odd minor units).</summary>
    public IReadOnlyList<Money> Split(int count) =>
        count > 0 ? Allocate([.. Enumerable.Repeat(1L, count)]) : throw new ArgumentOutOfRangeException(nameof(count), "Split needs one part or more.");

    /// <summary>The sum of <paramref name="amounts"/>, all in <paramref name="currency"/>; zero when there are none.</summary>
    public static Money Sum(IEnumerable<Money> amounts, string currency) => amounts.Aggregate(Zero(currency), (sum, m) => sum + m);

    /// <summary>Orders amounts of one currency; comparing two currencies throws (there is no rate here).</summary>
    public int CompareTo(Money other)
    {
        SameCurrency(this, other, "compare");
        return Minor.CompareTo(other.Minor);
    }

    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    /// <summary>For people, the British way: "£49.00", "€1,250.50", "$3.00", "-£5.00"; other currencies by code: "4,900 JPY", "1.250 KWD".</summary>
    public override string ToString() => MoneyFormat.Display(this);

    private static long Scale(string currency) => Currencies.MinorUnits(currency) switch { 0 => 1, 1 => 10, 2 => 100, 3 => 1000, _ => 10000 };

    private static string SameCurrency(Money a, Money b, string what) =>
        a.Currency == b.Currency ? a.Currency : throw new CurrencyMismatchException(a.Currency, b.Currency, what);
}

/// <summary>
/// Two currencies met in one sum or comparison. A programming error, not a user's: a service checks a currency against
/// its context (the plan's, the invoice's) with a validator before it does arithmetic, so this is not a domain error.
/// </summary>
public sealed class CurrencyMismatchException(string left, string right, string what)
    : InvalidOperationException($"Cannot {what} {left} and {right}: amounts must be in one currency.")
{
    public string Left { get; } = left;
    public string Right { get; } = right;
}

/// <summary>How Portal shows money to people: en-GB digits, a symbol for the three currencies staff see most, the code otherwise.</summary>
public static class MoneyFormat
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        [Currencies.GBP] = "£", [Currencies.EUR] = "€", [Currencies.USD] = "$",
    };
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, NumberFormatInfo> Formats = new(StringComparer.Ordinal);

    public static string Display(Money money)
    {
        if (money.Currency is null) return "";
        var format = Formats.GetOrAdd(money.Currency, NumberFormatOf);
        return Symbols.ContainsKey(money.Currency)
            ? money.Amount.ToString("C", format)
            : $"{money.Amount.ToString("N", format)} {money.Currency}";
    }

    private static NumberFormatInfo NumberFormatOf(string currency)
    {
        var format = (NumberFormatInfo)EnGb.NumberFormat.Clone();
        format.CurrencyDecimalDigits = format.NumberDecimalDigits = Currencies.MinorUnits(currency);
        format.CurrencySymbol = Symbols.GetValueOrDefault(currency, currency);
        format.CurrencyNegativePattern = 1; // -£5.00
        return NumberFormatInfo.ReadOnly(format);
    }
}
