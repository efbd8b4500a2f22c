using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Common;

/// <summary>
/// How an entity stores <see cref="Money"/>: an EF Core complex property, two columns of the entity's own table,
/// <c>{Name}Minor</c> (INTEGER) and <c>{Name}Currency</c> (3 letters). A complex type rather than an owned entity because
/// money has no identity (no key, no extra table or join, a whole value assigned at once, compared by value), and two
/// columns rather than one converted string so SQL can sum, sort and filter amounts within a currency.
/// </summary>
public static class MoneyColumns
{
    public const int CurrencyLength = 3;

    /// <summary><c>b.HasMoney(p => p.MonthlyPrice)</c> maps columns MonthlyPriceMinor and MonthlyPriceCurrency.</summary>
    public static ComplexPropertyBuilder<Money> HasMoney<T>(this EntityTypeBuilder<T> b, Expression<Func<T, Money>> property)
        where T : class
    {
        var name = ((MemberExpression)property.Body).Member.Name;
        var money = b.ComplexProperty(property);
        money.Property(m => m.Minor).HasColumnName(name + "Minor");
        money.Property(m => m.Currency).HasColumnName(name + "Currency").HasMaxLength(CurrencyLength).IsFixedLength().IsUnicode(false);
        return money;
    }
}
