using Portal.Domain.AgentConnections;
using MudBlazor;
using Portal.Domain.Common;

namespace Portal.Features.AgentConnections;

/// <summary>What the area's pages say the same way: who may change, dates, state colours.</summary>
public static class AgentText
{
    public static bool CanWrite(ICurrentUser user) => user.Has(Access.Write);
    public static bool CanDelete(ICurrentUser user) => user.Has(Access.Admin);

    public static string When(DateTimeOffset at) => at.ToString("d MMM yyyy HH:mm") + " UTC";

    public static Color ColorOf(ConnectionState state) => state switch
    {
        ConnectionState.Completed => Color.Success,
        ConnectionState.Abandoned => Color.Error,
        _ => Color.Info,
    };

    public static Color ColorOf(CredentialStatus status) => status switch
    {
        CredentialStatus.Active => Color.Success,
        CredentialStatus.Suspended => Color.Warning,
        _ => Color.Error,
    };

    public static string MethodLabel(ConnectionMethod method) => method switch
    {
        ConnectionMethod.Did => "DID",
        ConnectionMethod.Alias => "Alias",
        ConnectionMethod.InvitationUrl => "Invitation URL",
        _ => "Linked domain",
    };
}
