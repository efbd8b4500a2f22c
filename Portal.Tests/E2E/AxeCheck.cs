using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Portal.Tests.E2E;

/// <summary>The one axe check of the browser tests: serious and critical violations fail, each told with its nodes.</summary>
public static class AxeCheck
{
    /// <summary>axe-core as Deque's package bundles it, put into a page once per document (not before every run).</summary>
    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();

    /// <summary>
    /// axe.run in the page itself, answering only the blocking violations, shaped for the report. Deque's RunAxe costs
    /// about 1.2 s more a run: it injects axe's 500 kB every time and finishes each run in a new blank page. Portal has
    /// no frames; only the violations are read, so axe need not describe every passing node.
    /// </summary>
    private const string Run = """
        async () => {
          const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
          return JSON.stringify(result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => ({ target: n.target.map(String).join(' '), html: n.html, why: n.any[0]?.message ?? '' })),
          })));
        }
        """;

    /// <summary>The serious/critical violations on what <paramref name="page"/> shows now, one line per rule, named <paramref name="name"/>.</summary>
    public static async Task<List<string>> ProblemsAsync(IPage page, string name)
    {
        await SettledAsync(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.EvaluateAsync($"() => {{ {AxeSource} }}");
        var violations = JsonSerializer.Deserialize<List<Violation>>(await page.EvaluateAsync<string>(Run), JsonSerializerOptions.Web)!;
        return violations
            .Select(v => $"[{name}] {v.Impact} {v.Id}: {v.Help}\n    " +
                         string.Join("\n    ", v.Nodes.Select(n => $"{n.Target} :: {n.Html}" + (n.Why is { Length: > 0 } ? $"\n      {n.Why}" : ""))))
            .ToList();
    }

    private sealed record Violation(string Id, string Impact, string Help, List<ViolationNode> Nodes);

    private sealed record ViolationNode(string Target, string Html, string Why);

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
