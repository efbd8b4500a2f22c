using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Portal.Tests.E2E;

/// <summary>The one axe check of the browser tests: serious and critical violations fail, each told with its nodes.</summary>
public static class AxeCheck
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>Portal has no frames; and only the violations are read, so axe need not describe every passing node
    /// (together about a third faster per run).</summary>
    private static readonly AxeRunOptions Options = new() { Iframes = false, ResultTypes = [ResultType.Violations] };

    /// <summary>The serious/critical violations on what <paramref name="page"/> shows now, one line per rule, named <paramref name="name"/>.</summary>
    public static async Task<List<string>> ProblemsAsync(IPage page, string name)
    {
        await SettledAsync(page);
        var result = await page.RunAxe(Options);
        return result.Violations.Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"[{name}] {v.Impact} {v.Id}: {v.Help}\n    " +
                         string.Join("\n    ", v.Nodes.Take(5).Select(n => $"{string.Join(" ", n.Target)} :: {n.Html}" +
                             (n.Any.FirstOrDefault()?.Message is { Length: > 0 } why ? $"\n      {why}" : ""))))
            .ToList();
    }

    public static void AssertNone(IReadOnlyCollection<string> problems) =>
        Assert.True(problems.Count == 0, "axe found serious/critical violations:\n" + string.Join("\n", problems));

    /// <summary>
    /// Waits until no finite animation runs (a dialog fading in, a chip's ripple): colour contrast measured half-way
    /// through a fade is neither the real colour nor stable. Endless ones (progress bars) are not waited for.
    /// </summary>
    public static Task SettledAsync(IPage page) => page.WaitForFunctionAsync("""
        () => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)
        """);
}
