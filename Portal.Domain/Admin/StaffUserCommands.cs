using Portal.Domain.Common;

namespace Portal.Domain.Admin;

public sealed record StaffUserQuery : ListQuery
{
    public string? Role { get; init; }
    public bool? Disabled { get; init; }
}

public sealed record StaffUserRow(
    Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsDisabled, bool IsLockedOut,
    DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, long Version);

/// <summary>Form and API body for a new staff user. Mutable so a form can bind to it.</summary>
public sealed class CreateStaffUser
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    public string Password { get; set; } = "";
}

public sealed class UpdateStaffUser
{
    public string DisplayName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    /// <summary>The version the caller read; a stale one is refused.</summary>
    public long Version { get; set; }
}

public sealed class ResetStaffUserPassword
{
    public string NewPassword { get; set; } = "";
    public long Version { get; set; }
}
