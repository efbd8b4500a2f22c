using System.Globalization;
using CsCheck;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;

namespace Portal.Tests.Domain.Common;

/// <summary>Money: one currency at a time, named rounding, parts that add up, British display, two columns in the store.</summary>
public sealed class MoneyTests
{
    private static Money Gbp(long pence) => new(pence, "GBP");

    // ---- currencies ----

    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("GBP", 2)]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("CLF", 4)]
    public void EachCurrency_KnowsItsMinorUnits(string code, int exponent) => Assert.Equal(exponent, Currencies.MinorUnits(code));

    [Theory]
    [InlineData("")]
    [InlineData("GB")]
    [InlineData("£")]
    [InlineData("XYZ")]
    [InlineData("XAU")] // gold has no minor units: not money here
    public void AnUnknownCurrency_IsRefused(string code) => Assert.Throws<ArgumentException>(() => new Money(100, code));

    [Fact]
    public void ACurrency_IsReadInCapitals() => Assert.Equal("EUR", new Money(1, " eur ").Currency);

    [Fact]
    public void TheTable_KnowsEveryCurrencyTheMachinesRegionsUse()
    {
        // Codes the ISO list withdrew that ICU may still report for a region.
        string[] withdrawn = ["ANG", "BGN", "CUC", "HRK", "SLL", "VEF", "ZWL"];
        var regions = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
            .OfType<string>().Where(c => c.Length == 3 && !withdrawn.Contains(c)).Distinct().ToList();
        Assert.NotEmpty(regions);
        Assert.All(regions, code => Assert.True(Currencies.IsKnown(code), $"{code} is used by a region but not in the table"));
    }

    // ---- arithmetic ----

    [Fact]
    public void Arithmetic_WithinACurrency_IsExact()
    {
        Assert.Equal(Gbp(6400), Gbp(4900) + Gbp(1500));
        Assert.Equal(Gbp(3400), Gbp(4900) - Gbp(1500));
        Assert.Equal(Gbp(14700), Gbp(4900) * 3);
        Assert.Equal(Gbp(-4900), -Gbp(4900));
        Assert.Equal(Gbp(8400), Money.Sum([Gbp(4900), Gbp(3500)], "GBP"));
        Assert.Equal(Money.Zero("GBP"), Money.Sum([], "GBP"));
        Assert.Equal(49.99m, Gbp(4999).Amount);
        Assert.Equal(new Money(4900, "JPY"), Money.FromMajor(4900m, "JPY"));
        Assert.Equal(new Money(1250, "KWD"), Money.FromMajor(1.25m, "KWD"));
    }

    [Fact]
    public void MixedCurrencies_AreRefused()
    {
        var pounds = Gbp(100);
        var euros = new Money(100, "EUR");
        var error = Assert.Throws<CurrencyMismatchException>(() => pounds + euros);
        Assert.Equal(("GBP", "EUR"), (error.Left, error.Right));
        Assert.Throws<CurrencyMismatchException>(() => pounds - euros);
        Assert.Throws<CurrencyMismatchException>(() => pounds < euros);
        Assert.Throws<CurrencyMismatchException>(() => Money.Sum([pounds, euros], "GBP"));
        Assert.Throws<CurrencyMismatchException>(() => Money.Sum([euros], "GBP"));
        Assert.NotEqual(Money.Zero("GBP"), Money.Zero("EUR")); // equal only with the same currency
    }

    [Fact]
    public void Overflow_Throws_RatherThanWrapping()
    {
        Assert.Throws<OverflowException>(() => Gbp(long.MaxValue) + Gbp(1));
        Assert.Throws<OverflowException>(() => Gbp(long.MaxValue / 2 + 1) * 2);
    }

    [Fact]
    public void Comparison_OrdersWithinACurrency()
    {
        Assert.True(Gbp(1500) < Gbp(4900));
        Assert.True(Gbp(4900) >= Gbp(4900));
        Assert.Equal([Gbp(-1), Gbp(0), Gbp(7)], new[] { Gbp(7), Gbp(-1), Gbp(0) }.Order());
    }

    // ---- rounding ----

    [Theory]
    [InlineData(1250, 20, 250)]   // VAT on £12.50
    [InlineData(1, 50, 0)]        // half a penny: to the even penny, 0
    [InlineData(3, 50, 2)]        // 1.5p: to the even penny, 2
    [InlineData(5, 50, 2)]        // 2.5p: to the even penny, 2
    [InlineData(-3, 50, -2)]
    [InlineData(999, 17.5, 175)]  // 174.825p
    public void Percent_RoundsToEvenByDefault(long pence, double percent, long expected) =>
        Assert.Equal(Gbp(expected), Gbp(pence).Percent((decimal)percent));

    [Theory]
    [InlineData(5, 50, MidpointRounding.AwayFromZero, 3)]
    [InlineData(5, 50, MidpointRounding.ToZero, 2)]
    [InlineData(5, 50, MidpointRounding.ToPositiveInfinity, 3)]
    public void Percent_RoundsAsTheCallerNames(long pence, double percent, MidpointRounding rounding, long expected) =>
        Assert.Equal(Gbp(expected), Gbp(pence).Percent((decimal)percent, rounding));

    [Fact]
    public void FromMajor_AndMultiply_RoundToAMinorUnit()
    {
        Assert.Equal(Gbp(1002), Money.FromMajor(10.025m, "GBP"));
        Assert.Equal(Gbp(1003), Money.FromMajor(10.025m, "GBP", MidpointRounding.AwayFromZero));
        Assert.Equal(new Money(3, "JPY"), Money.FromMajor(2.5m, "JPY", MidpointRounding.AwayFromZero));
        Assert.Equal(Gbp(1633), Gbp(4900).Multiply(10m / 30m)); // ten days of a thirty-day month: 1633.33p
    }

    [Fact]
    public void Allocate_GivesTheOddPenniesToThePartsCutMost_AndAddsUpToTheWhole()
    {
        Assert.Equal([Gbp(3334), Gbp(3333), Gbp(3333)], Gbp(10000).Split(3));
        Assert.Equal([Gbp(-3334), Gbp(-3333), Gbp(-3333)], Gbp(-10000).Split(3));
        Assert.Equal([Gbp(1), Gbp(0)], Gbp(1).Split(2));
        Assert.Equal([Gbp(3), Gbp(7)], Gbp(10).Allocate(30, 70));
        Assert.Equal([Gbp(0), Gbp(3), Gbp(2)], Gbp(5).Allocate(0, 1, 1)); // a zero share gets nothing; the tie goes to the earlier
        Assert.Equal([new Money(34, "JPY"), new Money(33, "JPY"), new Money(33, "JPY")], new Money(100, "JPY").Split(3));
        Assert.Throws<ArgumentException>(() => Gbp(10).Allocate(0, 0));
        Assert.Throws<ArgumentException>(() => Gbp(10).Allocate(1, -1));
    }

    // ---- the laws, for any amounts ----

    private static readonly string[] Codes = ["GBP", "EUR", "JPY", "KWD"];
    private static readonly Gen<string> Currency = Gen.Int[0, Codes.Length - 1].Select(i => Codes[i]);
    private static readonly Gen<long> Minor = Gen.Long[-1_000_000_000_000, 1_000_000_000_000];
    private static readonly Gen<Money> Amount = Gen.Select(Minor, Currency, (m, c) => new Money(m, c));

    [Fact]
    public void Addition_IsCommutativeAndAssociative_WithZeroAsIdentity() =>
        Gen.Select(Minor, Minor, Minor, Currency).Sample((a, b, c, currency) =>
        {
            Money x = new(a, currency), y = new(b, currency), z = new(c, currency);
            Assert.Equal(x + y, y + x);
            Assert.Equal(x + y + z, x + (y + z));
            Assert.Equal(x, x + Money.Zero(currency));
            Assert.Equal(x, x + y - y);
            Assert.Equal(Money.Zero(currency), x + -x);
        });

    [Fact]
    public void MultiplyingByAQuantity_IsRepeatedAddition() =>
        Gen.Select(Amount, Gen.Int[0, 50]).Sample((x, n) =>
            Assert.Equal(Enumerable.Repeat(x, n).Aggregate(Money.Zero(x.Currency), (s, m) => s + m), x * n));

    [Fact]
    public void Allocation_AlwaysAddsUpToTheWhole_AndNoPartIsMoreThanAMinorUnitFromItsShare() =>
        Gen.Select(Amount, Gen.Long[0, 1000].Array[1, 12]).Where(t => t.Item2.Sum() > 0).Sample((x, ratios) =>
        {
            var parts = x.Allocate(ratios);
            Assert.Equal(ratios.Length, parts.Count);
            Assert.Equal(x, Money.Sum(parts, x.Currency));
            var total = ratios.Sum();
            for (var i = 0; i < parts.Count; i++)
                Assert.True(Math.Abs(parts[i].Minor - (decimal)x.Minor * ratios[i] / total) < 1, $"part {i} of {x} by [{string.Join(",", ratios)}] is {parts[i]}");
        });

    [Fact]
    public void Comparison_AgreesWithTheMinorUnits() =>
        Gen.Select(Minor, Minor, Currency).Sample((a, b, c) =>
            Assert.Equal(a.CompareTo(b), new Money(a, c).CompareTo(new Money(b, c))));

    // ---- display ----

    [Theory]
    [InlineData(4900, "GBP", "£49.00")]
    [InlineData(123456, "GBP", "£1,234.56")]
    [InlineData(-500, "GBP", "-£5.00")]
    [InlineData(125050, "EUR", "€1,250.50")]
    [InlineData(300, "USD", "$3.00")]
    [InlineData(4900, "JPY", "4,900 JPY")]
    [InlineData(1250, "KWD", "1.250 KWD")]
    [InlineData(4900, "CHF", "49.00 CHF")]
    public void Display_IsBritish_WithASymbolForPoundsEurosAndDollars_AndTheCodeOtherwise(long minor, string currency, string shown)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // the thread's culture does not change it
        try { Assert.Equal(shown, new Money(minor, currency).ToString()); }
        finally { CultureInfo.CurrentCulture = before; }
    }

    // ---- the store ----

    private sealed class PriceRow
    {
        public int Id { get; set; }
        public Money Price { get; set; }
    }

    private sealed class PriceDb(DbContextOptions<PriceDb> options) : DbContext(options)
    {
        public DbSet<PriceRow> Prices => Set<PriceRow>();
        protected override void OnModelCreating(ModelBuilder b) => b.Entity<PriceRow>().HasMoney(p => p.Price);
    }

    [Fact]
    public async Task TheStore_KeepsMoneyInTwoColumns_AndSumsItInSql()
    {
        await using var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<PriceDb>().UseSqlite(connection).Options;
        await using (var db = new PriceDb(options))
        {
            await db.Database.EnsureCreatedAsync();
            db.Prices.AddRange(new PriceRow { Price = Gbp(4900) }, new PriceRow { Price = Gbp(1500) }, new PriceRow { Price = new Money(7, "KWD") });
            await db.SaveChangesAsync();
        }

        await using (var db = new PriceDb(options))
        {
            Assert.Equal([Gbp(4900), Gbp(1500), new Money(7, "KWD")], await db.Prices.OrderBy(p => p.Id).Select(p => p.Price).ToListAsync());
            Assert.Equal(6400, await db.Prices.Where(p => p.Price.Currency == "GBP").SumAsync(p => p.Price.Minor));
            Assert.Equal(4900, await db.Prices.Where(p => p.Price.Currency == "GBP").MaxAsync(p => p.Price.Minor));
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT PriceMinor, PriceCurrency FROM Prices WHERE PriceCurrency = 'KWD'";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((7L, "KWD"), (reader.GetInt64(0), reader.GetString(1)));
    }
}
