using Microsoft.AspNetCore.Identity;
using Portal.Domain.Common;

namespace Portal.Domain.Admin;

/// <summary>A person who signs in to Portal. Identity keeps the password hash, lockout and security stamp.</summary>
public sealed class StaffUser : IdentityUser<Guid>, IVersioned
{
    public const int EmailMaxLength = 256;
    public const int DisplayNameMaxLength = 100;

    public StaffUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
        LockoutEnabled = true;
    }

    public string DisplayName { get; set; } = "";
    public bool IsDisabled { get; set; }
    public bool PrefersDarkMode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    [NotAudited] public DateTimeOffset? LastSignInAt { get; set; }
    public long Version { get; set; }
}

/// <summary>The four roles live in Identity's role table under fixed ids so migrations seed them.</summary>
public static class RoleIds
{
    public static readonly IReadOnlyDictionary<string, Guid> ByName = new Dictionary<string, Guid>
    {
        [Roles.Admin] = new("0199a000-0000-7000-8000-000000000001"),
        [Roles.Staff] = new("0199a000-0000-7000-8000-000000000002"),
        [Roles.Warehouse] = new("0199a000-0000-7000-8000-000000000003"),
        [Roles.Viewer] = new("0199a000-0000-7000-8000-000000000004"),
    };

    public static string? NameOf(Guid id) => ByName.FirstOrDefault(r => r.Value == id).Key;
}
