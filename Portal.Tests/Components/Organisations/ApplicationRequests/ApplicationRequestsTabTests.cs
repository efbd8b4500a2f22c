using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Features.Organisations;

namespace Portal.Tests.Components.Organisations;

/// <summary>The Application requests tab: its columns, only the legal actions per state and role, the state filter, and the send dialog's errors.</summary>
public sealed class ApplicationRequestsTabTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private const string Table = "[aria-label='Application requests']";

    private ApplicationRequestService Requests => Services.GetRequiredService<ApplicationRequestService>();

    private static SendApplicationRequest Send(string email) => new()
    {
        Email = email, PageLink = "https://app.rayt.io/form/identity", Source = "Onboarding", AccessApplicationName = "Identity check",
    };

    private (IRenderedComponent<MudDialogProvider>? Dialogs, IRenderedComponent<OrganisationDetail> Page) OpenTab(Guid id, bool withDialogs = true)
    {
        var dialogs = withDialogs ? RenderDialogProvider() : null;
        var cut = Render<OrganisationDetail>(p => p.Add(d => d.Id, id));
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-tab"), t => t.TextContent.Trim() == "Application requests"), Wait);
        cut.FindAll(".mud-tab").First(t => t.TextContent.Trim() == "Application requests").Click();
        return (dialogs, cut);
    }

    private static List<string> RowButtons(IRenderedComponent<OrganisationDetail> cut, string code) =>
        [.. cut.FindAll($"{Table} tbody tr").First(r => r.TextContent.Contains(code)).QuerySelectorAll("button").Select(b => b.TextContent.Trim())];

    [Fact]
    public async Task Tab_ShowsEachRequestsColumns_AndOnlyTheActionsItsStateAllows_ViewersNone()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms", status: OrganisationStatus.Active);
        var sent = await Requests.SendAsync(org.Id, Send("ann@example.com"));
        var done = await Requests.SendAsync(org.Id, Send("bo@example.com"));
        await Requests.CompleteAsync(org.Id, done.ShortCode, done.Version);
        var gone = await Requests.SendAsync(org.Id, Send("cy@example.com"));
        await Requests.DeleteAsync(org.Id, gone.ShortCode, gone.Version);

        var (_, cut) = OpenTab(org.Id);

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll($"{Table} tbody tr").Count), Wait);
        var row = cut.FindAll($"{Table} tbody tr").First(r => r.TextContent.Contains(sent.ShortCode)).TextContent;
        foreach (var text in new[] { "ann@example.com", "Identity check", "Onboarding", "Sent", AdminEmail, "expires in 7 days" })
            Assert.Contains(text, row);
        Assert.Equal(["Resend", "Delete"], RowButtons(cut, sent.ShortCode));
        Assert.Empty(RowButtons(cut, done.ShortCode));
        Assert.Empty(RowButtons(cut, gone.ShortCode));
        Assert.Contains("Complete", cut.FindAll($"{Table} tbody tr").First(r => r.TextContent.Contains(done.ShortCode)).TextContent);

        ActAs(Guid.CreateVersion7(), Roles.Viewer, "vic@test.example");
        var (_, viewer) = OpenTab(org.Id, withDialogs: false);
        viewer.WaitForAssertion(() => Assert.Equal(3, viewer.FindAll($"{Table} tbody tr").Count), Wait);
        Assert.Empty(viewer.FindAll($"{Table} button"));
        Assert.DoesNotContain(viewer.FindAll("button"), b => b.TextContent.Trim() == "Send request");
    }

    [Fact]
    public async Task SendDialog_AnEmailWithAPendingRequest_IsRefusedUnderTheField_ThenANewOneIsListed()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms", status: OrganisationStatus.Active);
        var pending = await Requests.SendAsync(org.Id, Send("ann@example.com"));
        var (shown, cut) = OpenTab(org.Id);
        var dialogs = shown!;
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"{Table} tbody tr")), Wait);

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Send request").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")), Wait);
        InputLabelled(dialogs, "Email").Input("ann@example.com");
        InputLabelled(dialogs, "Page to complete").Input("https://app.rayt.io/form/address");
        dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Send request").Click();
        dialogs.WaitForAssertion(() => Assert.Contains($"already has a pending request ({pending.ShortCode})", FieldText(InputLabelled(dialogs, "Email"))), Wait);

        InputLabelled(dialogs, "Email").Input("bo@example.com");
        dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Send request").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")), Wait);
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll($"{Table} tbody tr"), r => r.TextContent.Contains("bo@example.com")), Wait);
        Assert.Equal(2, (await Requests.ListAsync(org.Id, new())).Total);
    }
}
