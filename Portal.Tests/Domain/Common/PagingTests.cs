using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Common;

public sealed class PagingTests
{
    [Theory]
    [InlineData(0, 25, null, "page")]
    [InlineData(-1, 25, null, "page")]
    [InlineData(1, 0, null, "pageSize")]
    [InlineData(1, 201, null, "pageSize")]
    [InlineData(1, 500, null, "pageSize")]
    [InlineData(1, 25, 201, "q")]
    public void EnsureValid_OutOfRange_IsErrorOnThatField(int page, int pageSize, int? qLength, string field)
    {
        var query = new ListQuery { Page = page, PageSize = pageSize, Q = qLength is { } n ? new string('x', n) : null };

        var ex = Assert.Throws<DomainValidationException>(query.EnsureValid);

        Assert.Equal([field], ex.Errors.Keys);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, ListQuery.MaxPageSize)]
    public void EnsureValid_AtTheLimits_Passes(int page, int pageSize)
    {
        new ListQuery { Page = page, PageSize = pageSize, Q = new string('x', 200) }.EnsureValid();
    }

    [Theory]
    [InlineData(0, 25, 0)]
    [InlineData(25, 25, 1)]
    [InlineData(26, 25, 2)]
    public void PageCount_RoundsUp(int total, int pageSize, int pages)
    {
        Assert.Equal(pages, new PagedResult<int>([], 1, pageSize, total).PageCount);
    }

    [Fact]
    public void SortMap_UnknownField_NamesTheFieldsThatExist()
    {
        var sorts = new SortMap<StaffUser>("email").Add("email", u => u.Email).Add("displayName", u => u.DisplayName);

        var ex = Assert.Throws<DomainValidationException>(() => sorts.Apply(Array.Empty<StaffUser>().AsQueryable(), "email,-secret", u => u.Id));

        var message = Assert.Single(ex.Errors["sort"]);
        Assert.Contains("'secret'", message);
        Assert.Contains("displayName", message);
    }

    [Fact]
    public void SortMap_SeveralTerms_SortByEachInTurn()
    {
        var rows = new[] { ("b", 1), ("a", 2), ("b", 3), ("a", 1) }.AsQueryable();
        var sorts = new SortMap<(string Name, int N)>("name").Add("name", r => r.Name).Add("n", r => r.N);

        var sorted = sorts.Apply(rows, "name,-n", r => r.N).ToList();

        Assert.Equal([("a", 2), ("a", 1), ("b", 3), ("b", 1)], sorted);
    }

    [Fact]
    public async Task Search_TreatsWildcardsAsLiteralText()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        await store.AddStaffUserAsync("percent@example.com", "100% Sure");
        await store.AddStaffUserAsync("under@example.com", "Under_Score");
        await store.AddStaffUserAsync("plain@example.com", "Plain Name");
        var service = store.Get<StaffUserService>();

        var percent = await service.ListAsync(new StaffUserQuery { Q = "%" });
        var underscore = await service.ListAsync(new StaffUserQuery { Q = "_" });

        Assert.Equal("100% Sure", Assert.Single(percent.Items).DisplayName);
        Assert.Equal("Under_Score", Assert.Single(underscore.Items).DisplayName);
    }
}
