using Microsoft.EntityFrameworkCore;
using Portal.Domain.SavedViews;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Common;

/// <summary>
/// What the store promises on either provider (test.sh runs these on SQLite and on PostgreSQL): a column marked
/// IgnoringCase compares, sorts, is unique and is LIKE-searched ignoring case; LIKE ignores case on any text column;
/// DateTimeOffset values sort and compare by instant and come back in UTC.
/// </summary>
public sealed class StoreProviderTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static SavedView View(string name, DateTimeOffset createdAt, string owner = "owner-1") =>
        new() { OwnerId = owner, List = "organisations", Name = name, Query = "?q=x", CreatedAt = createdAt };

    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private async Task AddAsync(params SavedView[] views)
    {
        await using var db = await _store.DbAsync();
        db.SavedViews.AddRange(views);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task IgnoringCaseColumn_EqualsSortsAndLikeSearchesIgnoringCase()
    {
        await AddAsync(View("beta farms", Noon), View("ALPHA farms", Noon), View("Gamma Farms", Noon));

        await using var db = await _store.DbAsync();
        Assert.Equal("ALPHA farms", (await db.SavedViews.SingleAsync(v => v.Name == "alpha FARMS")).Name);
        Assert.Equal(["ALPHA farms", "beta farms", "Gamma Farms"], await db.SavedViews.OrderBy(v => v.Name).Select(v => v.Name).ToListAsync());
        Assert.Equal(3, await db.SavedViews.CountAsync(v => EF.Functions.Like(v.Name, "%FARMS")));
    }

    [Fact]
    public async Task IgnoringCaseColumn_InAUniqueIndex_RefusesTheSameNameInOtherCase()
    {
        await AddAsync(View("Mine", Noon));

        await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync(View("MINE", Noon)));
        await AddAsync(View("MINE", Noon, owner: "owner-2")); // the index is per owner
    }

    [Fact]
    public async Task Like_IgnoresCase_OnAPlainTextColumn()
    {
        await AddAsync(View("Mine", Noon, owner: "Grace.Hopper@example.com"));

        await using var db = await _store.DbAsync();
        Assert.Equal(1, await db.SavedViews.CountAsync(v => EF.Functions.Like(v.OwnerId, "%grace.HOPPER%")));
        Assert.Equal(0, await db.SavedViews.CountAsync(v => EF.Functions.Like(v.OwnerId, "%grace\\_hopper%", "\\"))); // _ escaped is a plain underscore
    }

    [Fact]
    public async Task DateTimeOffsets_SortAndCompareByInstant_AndComeBackInUtc()
    {
        // 10:30 at +02:00 is 08:30 UTC: earlier than 09:00 UTC although its clock time is later.
        var early = new DateTimeOffset(2026, 11, 23, 10, 30, 0, TimeSpan.FromHours(2));
        var late = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        await AddAsync(View("late", late), View("early", early));

        await using var db = await _store.DbAsync();
        Assert.Equal(["early", "late"], await db.SavedViews.OrderBy(v => v.CreatedAt).Select(v => v.Name).ToListAsync());
        Assert.Equal(["early"], await db.SavedViews.Where(v => v.CreatedAt < late).Select(v => v.Name).ToListAsync());
        Assert.Equal(late, await db.SavedViews.MaxAsync(v => v.CreatedAt));
        var stored = await db.SavedViews.SingleAsync(v => v.Name == "early");
        Assert.Equal(early, stored.CreatedAt);
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
    }
}
