using System.Security.Claims;

namespace Portal.Domain.Common;

/// <summary>
/// Who may do what, written once (DESIGN.md "Roles"). Each set comes in the three forms its users need: a role array for
/// services (<c>user.Require(Access.Write)</c>), a comma string for page attributes
/// (<c>[Authorize(Roles = Access.WriteRoles)]</c>) and a policy name for endpoint groups
/// (<c>RequireAuthorization(Access.Policies.Write)</c>, registered once in the host from <see cref="Policies.All"/>).
/// </summary>
public static class Access
{
    /// <summary>Read the back office: organisations and everything that is not a secret. Warehouse is not here: it reads logistics only.</summary>
    public const string ReadRoles = Roles.Admin + "," + Roles.Staff + "," + Roles.Viewer;
    /// <summary>Change organisations and the commercial areas (subscriptions, pricing, invitations, connections).</summary>
    public const string WriteRoles = Roles.Admin + "," + Roles.Staff;
    /// <summary>Staff users, API keys, deletes, secrets and the audit log.</summary>
    public const string AdminRoles = Roles.Admin;
    /// <summary>Any of Portal's roles: the home page and what every signed-in person sees.</summary>
    public const string AnyRoles = Roles.Admin + "," + Roles.Staff + "," + Roles.Warehouse + "," + Roles.Viewer;
    /// <summary>Read logistics (shipments, handling lists, parcels, locations, methods): every role, Warehouse included.</summary>
    public const string LogisticsReadRoles = AnyRoles;
    /// <summary>Plan logistics: create and change shipments, locations and methods, make, assign and cancel handling lists.</summary>
    public const string LogisticsPlanRoles = Roles.Admin + "," + Roles.Staff;
    /// <summary>Do the warehouse work: take lists, pick, mark missing, pack parcels and hand them to the carrier.</summary>
    public const string LogisticsHandleRoles = Roles.Admin + "," + Roles.Warehouse;

    public static readonly IReadOnlyList<string> Read = Split(ReadRoles);
    public static readonly IReadOnlyList<string> Write = Split(WriteRoles);
    public static readonly IReadOnlyList<string> Admin = Split(AdminRoles);
    public static readonly IReadOnlyList<string> Any = Split(AnyRoles);
    public static readonly IReadOnlyList<string> LogisticsRead = Split(LogisticsReadRoles);
    public static readonly IReadOnlyList<string> LogisticsPlan = Split(LogisticsPlanRoles);
    public static readonly IReadOnlyList<string> LogisticsHandle = Split(LogisticsHandleRoles);
    /// <summary>Either planners or warehouse staff: putting a handling list on hold and releasing it.</summary>
    public static readonly IReadOnlyList<string> LogisticsWork = [.. LogisticsPlan.Union(LogisticsHandle)];

    /// <summary>Authorization policy names for endpoint groups; each requires a role of the same-named set.</summary>
    public static class Policies
    {
        public const string Read = "access-read";
        public const string Write = "access-write";
        public const string Admin = "access-admin";
        public const string Any = "access-any";
        public const string LogisticsRead = "access-logistics-read";
        public const string LogisticsPlan = "access-logistics-plan";
        public const string LogisticsHandle = "access-logistics-handle";
        public const string LogisticsWork = "access-logistics-work";

        public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> All = new Dictionary<string, IReadOnlyList<string>>
        {
            [Read] = Access.Read, [Write] = Access.Write, [Admin] = Access.Admin, [Any] = Access.Any,
            [LogisticsRead] = Access.LogisticsRead, [LogisticsPlan] = Access.LogisticsPlan,
            [LogisticsHandle] = Access.LogisticsHandle, [LogisticsWork] = Access.LogisticsWork,
        };
    }

    /// <summary>True when the user has a role of <paramref name="roles"/>: for showing or hiding what a role may use.</summary>
    public static bool Has(this ICurrentUser user, IReadOnlyList<string> roles) => user.IsAuthenticated && roles.Any(user.IsInRole);

    /// <inheritdoc cref="Has(ICurrentUser, IReadOnlyList{string})"/>
    public static bool Has(this ClaimsPrincipal? user, IReadOnlyList<string> roles) =>
        user?.Identity?.IsAuthenticated == true && roles.Any(user.IsInRole);

    private static string[] Split(string roles) => roles.Split(',');
}
