using Microsoft.Playwright;

namespace Portal.Tests.E2E.Pages;

/// <summary>The static sign-in form at /account/sign-in (no circuit: a plain form post).</summary>
public sealed class SignInPage(IPage page)
{
    public const string DemoPassword = Portal.Domain.Admin.AdminDemoData.DemoPassword;
    public const string Admin = "admin@portal.test";

    public IPage Page { get; } = page;
    public ILocator Error => Page.GetByRole(AriaRole.Alert);

    public async Task<SignInPage> OpenAsync()
    {
        await Page.GotoAsync("/account/sign-in");
        return this;
    }

    /// <summary>Fills the form and posts it; the page that answers may be the form again (with an error) or the app.</summary>
    public async Task SubmitAsync(string email, string password)
    {
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        // A failed attempt can answer with the very URL we are on, so WaitForURL cannot tell that the post finished.
#pragma warning disable CS0612 // obsolete in favour of WaitForURL, which cannot see a same-URL navigation
        await Page.RunAndWaitForNavigationAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync());
#pragma warning restore CS0612
    }

    /// <summary>Signs in from a signed-out context and lands on the Dashboard, interactive.</summary>
    public async Task<PortalPage> SignInAs(string email, string password = DemoPassword)
    {
        if (!Page.Url.Contains("/account/sign-in")) await OpenAsync();
        await SubmitAsync(email, password);
        if (Page.Url.Contains("/account/sign-in"))
            throw new InvalidOperationException($"Sign-in as {email} failed: {string.Join(" ", await Error.AllInnerTextsAsync())}");
        var app = new PortalPage(Page);
        await app.WaitUntilInteractiveAsync();
        return app;
    }
}
