using CsCheck;
using Portal.Domain.Common;

namespace Portal.Tests.Domain.Common;

/// <summary>SequentialIds for any burst size and number of threads (beside <see cref="SequentialIdsTests"/>).</summary>
public sealed class SequentialIdsProperties
{
    [Fact]
    public void Ids_FromAnyNumberOfThreads_AreAllDifferent_AndEachThreadsSortAsTextInTheOrderMade() =>
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 500]).Sample((threads, perThread) =>
        {
            var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var batches = Enumerable.Range(0, threads).AsParallel().WithDegreeOfParallelism(threads)
                .Select(_ => Enumerable.Range(0, perThread).Select(_ => SequentialIds.Next()).ToList()).ToList();

            var all = batches.SelectMany(b => b).ToList();
            Assert.Equal(all.Count, all.Distinct().Count());
            foreach (var batch in batches)
            {
                var text = batch.Select(id => id.ToString()).ToList();
                Assert.Equal(text, text.Order(StringComparer.Ordinal));
            }
            // Never behind the clock they were made by: the time in the id is at least when the burst began.
            Assert.All(all, id => Assert.True(Milliseconds(id) >= before, $"{id} is from before {before}"));
            Assert.All(all, id => Assert.Equal(7, id.Version));
        }, iter: 50);

    /// <summary>The Unix milliseconds in a version-7 id: its first 48 bits.</summary>
    private static long Milliseconds(Guid id) => Convert.ToInt64(id.ToString("N")[..12], 16);
}
