using CsCheck;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;

namespace Portal.Tests.Domain.Common;

/// <summary>Paging bounds for any page, size and list length (beside <see cref="PagingTests"/>).</summary>
public sealed class PagingProperties
{
    private static readonly Gen<int> AnyPage = Gen.OneOf(Gen.Int[1, 100], Gen.Int[1, int.MaxValue], Gen.Int[int.MaxValue - 1000, int.MaxValue]);
    private static readonly Gen<int> ValidSize = Gen.Int[1, ListQuery.MaxPageSize];

    [Fact]
    public void Offset_IsPageMinusOneTimesSize_NeverNegative_AndPastEveryRowClampsToTheEnd() =>
        Gen.Select(AnyPage, ValidSize).Sample((page, size) =>
        {
            var offset = new ListQuery { Page = page, PageSize = size }.Offset;
            Assert.Equal((int)Math.Min((long)(page - 1) * size, int.MaxValue), offset);
            Assert.True(offset >= 0);
        });

    [Fact]
    public void EnsureValid_AcceptsExactlyTheInRangeQueries_AndNamesEachFieldOutOfRange() =>
        Gen.Select(Gen.OneOf(Gen.Int, Gen.Int[-2, 2]), Gen.OneOf(Gen.Int, Gen.Int[-5, ListQuery.MaxPageSize + 5], Gen.OneOf(0, 1, ListQuery.MaxPageSize, ListQuery.MaxPageSize + 1)),
            Gen.OneOf(Gen.Int[0, 260], Gen.Int[199, 201])).Sample((page, size, qLength) =>
        {
            var query = new ListQuery { Page = page, PageSize = size, Q = new string('q', qLength) };
            var expected = new List<string>();
            if (page < 1) expected.Add("page");
            if (size is < 1 or > ListQuery.MaxPageSize) expected.Add("pageSize");
            if (qLength > 200) expected.Add("q");

            var error = Record.Exception(query.EnsureValid);

            if (expected.Count == 0) Assert.Null(error);
            else Assert.Equal(expected.Order(), Assert.IsType<DomainValidationException>(error).Errors.Keys.Order());
        });

    [Fact]
    public void PageCount_IsEnoughPagesForEveryRow_AndNoEmptyOne() =>
        Gen.Select(Gen.OneOf(Gen.Int[0, 1000], Gen.Int[0, int.MaxValue], Gen.Int[int.MaxValue - 1000, int.MaxValue]), ValidSize).Sample((total, size) =>
        {
            var pages = (long)new PagedResult<int>([], 1, size, total).PageCount;
            Assert.True(pages * size >= total, $"{pages} pages of {size} hold fewer than {total}");
            Assert.True(total == 0 ? pages == 0 : (pages - 1) * size < total, $"{pages} pages of {size} for {total} leave one empty");
        });

    // ---- in SQL ----

    private sealed class Row
    {
        public int Id { get; set; }
    }

    private sealed class RowsDb(DbContextOptions<RowsDb> options) : DbContext(options)
    {
        public DbSet<Row> Rows => Set<Row>();
    }

    [Fact]
    public async Task ToPageAsync_AnswersTheRowsOfThatPage_AndThePagesTogetherAreTheListOnce()
    {
        await using var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<RowsDb>().UseSqlite(connection).Options;
        const int Stored = 120;
        await using (var db = new RowsDb(options))
        {
            await db.Database.EnsureCreatedAsync();
            db.Rows.AddRange(Enumerable.Range(1, Stored).Select(i => new Row { Id = i }));
            await db.SaveChangesAsync();
        }

        await Gen.Select(Gen.Int[0, Stored], Gen.OneOf(Gen.Int[1, 30], AnyPage), Gen.Int[1, 30]).SampleAsync(async (length, page, size) =>
        {
            await using var db = new RowsDb(options);
            var rows = db.Rows.Where(r => r.Id <= length).OrderBy(r => r.Id);

            var result = await rows.ToPageAsync(new ListQuery { Page = page, PageSize = size }, CancellationToken.None);

            Assert.Equal(length, result.Total);
            var expected = Enumerable.Range(1, length).Where(i => (long)(page - 1) * size < i && i <= (long)page * size);
            Assert.Equal(expected, result.Items.Select(r => r.Id));
            if (page == 1)
            {
                var all = new List<int>();
                for (var p = 1; p <= result.PageCount; p++)
                    all.AddRange((await rows.ToPageAsync(new ListQuery { Page = p, PageSize = size }, CancellationToken.None)).Items.Select(r => r.Id));
                Assert.Equal(Enumerable.Range(1, length), all);
            }
        }, iter: 200, threads: 1); // one connection, so one sample at a time
    }
}
