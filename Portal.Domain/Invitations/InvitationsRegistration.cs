using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Search;
using Portal.Domain.Store;

namespace Portal.Domain.Invitations;

public static class InvitationsRegistration
{
    /// <summary>Invitations of every kind: the service, the expiry job, the palette's search and actions, the demo data.</summary>
    public static IServiceCollection AddInvitations(this IServiceCollection services)
    {
        services.AddScoped<InvitationService>();
        services.AddSingleInstanceJob<InvitationExpiryJob>(InvitationExpiryJob.Name, InvitationExpiryJob.Interval);
        services.AddSearchSource<InvitationSearchSource>();
        services.AddPaletteAction(new PaletteAction("Go to Invitations", "Every invitation: members, joint owners, authorized signers", "/invitations", Access.Read));
        services.AddPaletteAction(new PaletteAction("New invitation", "Invite a joint owner or an authorized signer", "/invitations?new=true", Access.Write) { Keywords = ["invite", "signer", "joint"] });
        services.AddDemoDataSeeder<KeyItemInvitationsDemoData>();
        return services;
    }
}
