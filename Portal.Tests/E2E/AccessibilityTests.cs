namespace Portal.Tests.E2E;

/// <summary>axe over every state of every screen (<see cref="AxeTour"/>): each status, each role's view, light and dark.</summary>
public sealed class AccessibilityTests(PortalAppFixture app) : E2ETest(app)
{
    public static TheoryData<string, string, string> Tour => AxeTour.Rows();

    [Theory]
    [MemberData(nameof(Tour))]
    public async Task EveryState_HasNoSeriousOrCriticalAxeViolations(string state, string role, string theme)
    {
        var page = await AxeTour.SessionAsync(App, role, theme);
        await AxeTour.Find(state).OpenAsync(new TourVisit(App, page));
        AxeCheck.AssertNone(await AxeCheck.ProblemsAsync(page, $"{state} as {role}, {theme}"));
    }

    /// <summary>The check itself: a page with a nameless button and an image without alt text must fail it.</summary>
    [Fact]
    public async Task TheCheck_ReportsBlockingViolations_WithTheirNodes()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync("<html lang=\"en\"><title>Broken</title><main><button id=\"nameless\"></button><img src=\"data:,\"></main></html>");

        var problems = await AxeCheck.ProblemsAsync(page, "broken");

        Assert.Contains(problems, p => p.StartsWith("[broken] critical button-name", StringComparison.Ordinal) && p.Contains("#nameless", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("image-alt", StringComparison.Ordinal));
    }
}
