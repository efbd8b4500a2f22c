using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Invitations;
using Portal.Domain.Organisations;
using Portal.Features.Invitations;
using Portal.Tests.Components.Organisations;

namespace Portal.Tests.Components.Invitations;

/// <summary>The create dialog (generate + strength meter, field rules as you type, the organisation fixed from its page) and the edit dialog.</summary>
public sealed class InvitationDialogTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private OrganisationRow _org = default!;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<InvitationOptions>(o => o.HashIterations = 1_000);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _org = await Orgs.CreateAsync("Up Marden Farms");
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenCreateAsync()
    {
        var provider = RenderDialogProvider();
        var parameters = new DialogParameters<CreateInvitationDialog> { { d => d.Organisation, _org } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateInvitationDialog>("Invite", parameters));
        provider.WaitForAssertion(() => Assert.Contains(provider.FindAll("label"), l => l.TextContent.Contains("Shared secret")), Wait);
        return provider;
    }

    [Fact]
    public async Task Generate_FillsAStrongSecret_AndTheMeterSaysSo()
    {
        var dialog = await OpenCreateAsync();
        Assert.Contains("Strength: none", dialog.Markup);

        Button(dialog, "Generate").Click();

        dialog.WaitForAssertion(() =>
        {
            var secret = InputLabelled(dialog, "Shared secret").GetAttribute("value");
            Assert.Equal(5, secret!.Split(' ').Length);
            Assert.Contains("Strength: strong", dialog.Markup);
        }, Wait);
    }

    [Fact]
    public async Task ASevenCharacterSecret_AndThreeDigits_AreSaidUnderTheirFields_AndNothingIsSaved()
    {
        var dialog = await OpenCreateAsync();

        InputLabelled(dialog, "First name").Input("Ann");
        InputLabelled(dialog, "Last name").Input("Smith");
        InputLabelled(dialog, "Email").Input("ann@example.com");
        InputLabelled(dialog, "Last 4 digits of their government ID").Input("475");
        InputLabelled(dialog, "Shared secret").Input("seven77");
        InputLabelled(dialog, "Inviter's full name").Input("Jane Doe");
        Button(dialog, "Send invitation").Click();

        dialog.WaitForAssertion(() =>
        {
            Assert.Contains("at least 8 characters", FieldText(InputLabelled(dialog, "Shared secret")));
            Assert.Contains("exactly 4 digits", FieldText(InputLabelled(dialog, "Last 4 digits of their government ID")));
        }, Wait);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.Invitations.CountAsync(i => i.Kind != InvitationKind.Member));
    }

    [Fact]
    public async Task FromTheOrganisationPage_ItInvitesASignerOfThatOrganisation()
    {
        var dialog = await OpenCreateAsync();

        InputLabelled(dialog, "First name").Input("Ann");
        InputLabelled(dialog, "Last name").Input("Smith");
        InputLabelled(dialog, "Email").Input("ann@example.com");
        InputLabelled(dialog, "Last 4 digits of their government ID").Input("4758");
        InputLabelled(dialog, "Shared secret").Input("obsolete obese octopus");
        InputLabelled(dialog, "Inviter's full name").Input("Jane Doe");
        Button(dialog, "Send invitation").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll(".mud-dialog")), Wait);
        var created = (await Services.GetRequiredService<InvitationService>().ListAsync(new InvitationsQuery { OrganisationId = _org.Id, Type = "authorizedSigner" })).Items.Single();
        Assert.Equal(("Ann Smith", InvitationState.Sent), (created.FullName, created.State));
    }

    [Fact]
    public async Task Edit_NeverShowsTheKeyItems_AndKeepsThemWhenLeftEmpty()
    {
        var service = Services.GetRequiredService<InvitationService>();
        var invitation = await service.CreateAsync(new InvitationFields
        {
            Type = InvitationKind.AuthorizedSigner, FirstName = "Ann", LastName = "Smith", EmailAddress = "ann@example.com", Identification = "4758",
            SharedSecret = "obsolete obese octopus", InviterFullName = "Jane Doe", OrganisationId = _org.Id,
        });
        var provider = RenderDialogProvider();
        var parameters = new DialogParameters<EditInvitationDialog> { { d => d.Current, invitation } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<EditInvitationDialog>("Correct", parameters));
        provider.WaitForAssertion(() => Assert.Contains(provider.FindAll("label"), l => l.TextContent.Contains("New shared secret")), Wait);

        Assert.DoesNotContain("obsolete", provider.Markup);
        // The digits in what the dialog shows and in its inputs (not the markup: a random element id may hold "4758").
        Assert.DoesNotContain("4758", provider.Find(".mud-dialog").TextContent);
        Assert.All(provider.FindAll("input"), input => Assert.NotEqual("4758", input.GetAttribute("value")));
        InputLabelled(provider, "Last name").Input("Smyth");
        Button(provider, "Save").Click();

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")), Wait);
        CurrentUser.Principal = new(new System.Security.Claims.ClaimsIdentity());
        Assert.Single((await service.VerifyAsync(new VerifyInvitation { FirstName = "Ann", LastName = "Smyth", Identification = "4758", SharedSecret = "obsolete obese octopus" })).Accepted);
    }
}
