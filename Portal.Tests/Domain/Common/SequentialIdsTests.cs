using Portal.Domain.Common;

namespace Portal.Tests.Domain.Common;

public sealed class SequentialIdsTests
{
    [Fact]
    public void Ids_made_in_one_burst_sort_in_the_order_they_were_made()
    {
        var ids = Enumerable.Range(0, 5000).Select(_ => SequentialIds.Next()).ToList();

        // The store keeps a Guid as text and sorts it as text.
        Assert.Equal(ids.Select(i => i.ToString()), ids.Select(i => i.ToString()).Order(StringComparer.Ordinal));
        Assert.All(ids, id => Assert.Equal(7, id.Version));
    }

    [Fact]
    public async Task Ids_made_in_parallel_are_all_different()
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Enumerable.Range(0, 2000).Select(_ => SequentialIds.Next()).ToList())));
        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(batches, b => Assert.Equal(b.Select(i => i.ToString()), b.Select(i => i.ToString()).Order(StringComparer.Ordinal)));
    }
}
