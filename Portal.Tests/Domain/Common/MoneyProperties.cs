using CsCheck;
using Portal.Domain.Common;

namespace Portal.Tests.Domain.Common;

/// <summary>Money's laws for any amounts (beside <see cref="MoneyTests"/>, which has the worked examples and the first laws).</summary>
public sealed class MoneyProperties
{
    private static readonly string[] Codes = [.. Currencies.Codes.Order(StringComparer.Ordinal)];
    private static readonly Gen<string> Currency = Gen.Int[0, Codes.Length - 1].Select(i => Codes[i]);
    private static readonly Gen<long> Minor = Gen.Long[-1_000_000_000_000, 1_000_000_000_000];
    private static readonly Gen<Money> Amount = Gen.Select(Minor, Currency, (m, c) => new Money(m, c));
    /// <summary>Rates to four decimal places, negative ones too (a credit), as prorations and discounts have.</summary>
    private static readonly Gen<decimal> Factor = Gen.Int[-20_000, 20_000].Select(n => n / 10_000m);
    /// <summary>Ratios, often small ones, so that equal ratios and zeros come up.</summary>
    private static readonly Gen<long[]> Ratios = Gen.OneOf(Gen.Long[0, 1000], Gen.Long[0, 3]).Array[1, 12];
    private static readonly Gen<MidpointRounding> Rounding = Gen.OneOf(
        MidpointRounding.ToEven, MidpointRounding.AwayFromZero, MidpointRounding.ToZero,
        MidpointRounding.ToNegativeInfinity, MidpointRounding.ToPositiveInfinity);

    [Fact]
    public void Multiply_IsTheExactProductRoundedToAMinorUnit_TheWayItWasAskedFor() =>
        Gen.Select(Amount, Factor, Rounding).Sample((x, factor, rounding) =>
        {
            var exact = x.Minor * factor;
            var result = x.Multiply(factor, rounding).Minor;
            Assert.True(Math.Abs(result - exact) < 1, $"{x} × {factor} is {result}, exactly {exact}");
            switch (rounding)
            {
                case MidpointRounding.ToZero: Assert.True(Math.Abs(result) <= Math.Abs(exact)); break;
                case MidpointRounding.ToNegativeInfinity: Assert.True(result <= exact); break;
                case MidpointRounding.ToPositiveInfinity: Assert.True(result >= exact); break;
                default: Assert.True(Math.Abs(result - exact) <= 0.5m, $"{x} × {factor} is {result}, more than half a unit from {exact}"); break;
            }
            if (rounding == MidpointRounding.ToEven && Math.Abs(result - exact) == 0.5m) Assert.True(result % 2 == 0, $"{exact} rounded to odd {result}");
        });

    [Fact]
    public void Percent_IsMultiplyingByAHundredth_AndOneHundredPercentIsTheAmount() =>
        Gen.Select(Amount, Gen.Int[-10_000, 10_000].Select(n => n / 100m)).Sample((x, percent) =>
        {
            Assert.Equal(x.Multiply(percent / 100m), x.Percent(percent));
            Assert.Equal(x, x.Percent(100));
            Assert.Equal(Money.Zero(x.Currency), x.Percent(0));
            Assert.Equal(x, x.Multiply(1m));
        });

    [Fact]
    public void FromMajor_OfAnAmount_IsThatAmount() =>
        Amount.Sample(x => Assert.Equal(x, Money.FromMajor(x.Amount, x.Currency)));

    [Fact]
    public void FromMajor_RoundsAFractionOfAMinorUnit_ToTheNearest() =>
        Gen.Select(Gen.Long[-1_000_000_000, 1_000_000_000], Gen.Int[0, 99], Currency).Sample((minor, tenthsOfMinor, currency) =>
        {
            // A value between two minor units: minor + tenthsOfMinor/100 of one.
            var scale = (decimal)Math.Pow(10, Currencies.MinorUnits(currency));
            var major = (minor + tenthsOfMinor / 100m) / scale;
            var rounded = Money.FromMajor(major, currency).Minor;
            Assert.True(Math.Abs(rounded - (minor + tenthsOfMinor / 100m)) <= 0.5m, $"{major} {currency} became {rounded} minor units");
        });

    [Fact]
    public void Subtraction_UndoesAddition_AndNegationIsItsOwnInverse() =>
        Gen.Select(Minor, Minor, Currency).Sample((a, b, currency) =>
        {
            Money x = new(a, currency), y = new(b, currency);
            Assert.Equal(x - y, -(y - x));
            Assert.Equal(x, -(-x));
            Assert.Equal(x - y + y, x);
        });

    [Fact]
    public void Arithmetic_NearTheLimits_IsExactOrThrows_NeverWrapsAround() =>
        Gen.Select(Gen.Long, Gen.Long, Gen.Long[-1000, 1000]).Sample((a, b, quantity) =>
        {
            Money x = new(a, "GBP"), y = new(b, "GBP");
            Check((Int128)a + b, () => (x + y).Minor);
            Check((Int128)a - b, () => (x - y).Minor);
            Check((Int128)a * quantity, () => (x * quantity).Minor);
            Check(-(Int128)a, () => (-x).Minor);
        });

    private static void Check(Int128 exact, Func<long> compute)
    {
        if (exact >= long.MinValue && exact <= long.MaxValue) Assert.Equal((long)exact, compute());
        else Assert.Throws<OverflowException>(() => compute());
    }

    [Fact]
    public void TwoCurrencies_NeverMeetInASumOrComparison() =>
        Gen.Select(Amount, Amount).Where(t => t.Item1.Currency != t.Item2.Currency).Sample((x, y) =>
        {
            Assert.Throws<CurrencyMismatchException>(() => x + y);
            Assert.Throws<CurrencyMismatchException>(() => x - y);
            Assert.Throws<CurrencyMismatchException>(() => x.CompareTo(y));
        });

    [Fact]
    public void Split_GivesPartsThatDifferByAtMostOneMinorUnit_LargestFirst_AddingUpToTheWhole() =>
        Gen.Select(Amount, Gen.Int[1, 40]).Sample((x, count) =>
        {
            var parts = x.Split(count).Select(p => p.Minor).ToList();
            Assert.Equal(count, parts.Count);
            Assert.Equal(x.Minor, parts.Sum());
            Assert.True(parts.Max() - parts.Min() <= 1, $"{x} in {count}: [{string.Join(",", parts)}]");
            // The odd units go to the first parts: sizes never grow along the list.
            Assert.Equal(parts.OrderByDescending(p => Math.Abs(p)).ToList(), parts);
        });

    [Fact]
    public void Allocating_ANegativeAmount_MirrorsAllocatingItsSize() =>
        Gen.Select(Amount, Ratios).Where(t => t.Item2.Sum() > 0).Sample((x, ratios) =>
            Assert.Equal(x.Allocate(ratios).Select(p => -p), (-x).Allocate(ratios)));

    [Fact]
    public void Allocation_FollowsTheRatios_ALargerRatioNeverGetsLessThanAUnitBelowASmallerOne() =>
        Gen.Select(Amount, Ratios).Where(t => t.Item2.Sum() > 0).Sample((x, ratios) =>
        {
            var parts = x.Allocate(ratios).Select(p => Math.Abs(p.Minor)).ToList();
            var shown = $"{x} by [{string.Join(",", ratios)}] is [{string.Join(",", parts)}]";
            for (var i = 0; i < ratios.Length; i++)
            {
                if (ratios[i] == 0) Assert.True(parts[i] == 0, shown);
                for (var j = 0; j < ratios.Length; j++)
                {
                    if (ratios[i] > ratios[j]) Assert.True(parts[i] >= parts[j] - 1, shown);
                    // Equal shares: the earlier part gets the odd unit on a tie, and no more than one.
                    if (ratios[i] == ratios[j] && i < j) Assert.True(parts[i] - parts[j] is 0 or 1, shown);
                }
            }
        });
}
