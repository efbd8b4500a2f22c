namespace Portal.Domain.Common;

/// <summary>Portal's four roles (DESIGN.md). Role names are stored and shown as written here.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string Warehouse = "Warehouse";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Staff, Warehouse, Viewer];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);

    public static string Describe(string role) => role switch
    {
        Admin => "Everything, including staff users, API keys and the audit log",
        Staff => "Organisations, subscriptions, connections, pricing, invitations, shipments",
        Warehouse => "Handling lists, picking, parcels and shipment packing",
        Viewer => "Read everything that is not a secret",
        _ => role,
    };
}
