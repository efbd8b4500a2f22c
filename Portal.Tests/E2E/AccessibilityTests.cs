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
}
