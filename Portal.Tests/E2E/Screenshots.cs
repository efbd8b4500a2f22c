using Microsoft.Playwright;

namespace Portal.Tests.E2E;

/// <summary>
/// The one way the browser tests take a screenshot (Portal.Tests/E2E/screenshots, for a person to look at): the PNG is
/// saved first, then the screen is checked for what a person would see wrong in it and a test would not otherwise:
/// the page scrolling sideways, and text running past a box that hides it (<see cref="ClippedTextCheck"/>).
/// </summary>
public static class Screenshots
{
    /// <summary>Saves <c>{name}-{width}.png</c>, the whole page (and <c>{name}-{width}-screen.png</c>, what fits on the
    /// first screen, when <paramref name="firstScreenToo"/>); fails when the page overflows. Returns the files written.</summary>
    /// <summary>A phone page at 390 px (its first screen too) and the same page at 1366 px; the phone width is put back.</summary>
    public static async Task BothWidthsAsync(IPage page, string name)
    {
        await TakeAsync(page, name, firstScreenToo: true);
        await page.SetViewportSizeAsync(1366, 900);
        await TakeAsync(page, name);
        await page.SetViewportSizeAsync(390, 844);
    }

    public static async Task<IReadOnlyList<string>> TakeAsync(IPage page, string name, bool firstScreenToo = false, bool fullPage = true)
    {
        var width = page.ViewportSize?.Width ?? 0;
        var folder = PortalAppFixture.ScreenshotFolder();
        var path = Path.Combine(folder, $"{name}-{width}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        List<string> files = [path];
        if (firstScreenToo)
        {
            var screen = Path.Combine(folder, $"{name}-{width}-screen.png");
            await page.ScreenshotAsync(new() { Path = screen, Animations = ScreenshotAnimations.Disabled });
            files.Add(screen);
        }
        foreach (var file in files) Assert.True(new FileInfo(file).Length > 5_000, $"{file} looks empty");

        var sideways = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(sideways, $"[{name}] the page scrolls sideways at {width} px (see {path})");
        await ClippedTextCheck.AssertNoneAsync(page, $"{name}, see {path}");
        return files;
    }
}
