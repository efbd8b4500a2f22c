using Portal.Domain.Common;

namespace Portal.Domain.Admin;

/// <summary>To a new staff user: who gave them access, and with which roles. Never their password.</summary>
public sealed record StaffAccessEmail(string DisplayName, string GrantedBy, IReadOnlyList<string> Roles) : Email
{
    protected override string RenderSubject() => "You now have access to Portal";

    protected override string RenderText() => $"""
        Hello {DisplayName},

        {GrantedBy} has given you access to Portal as {string.Join(", ", Roles)}.
        Sign in with this email address and the password your administrator gives you.

        """;
}

/// <summary>To a staff user whose password an admin reset: who did it. Never the new password.</summary>
public sealed record PasswordResetEmail(string DisplayName, string ResetBy) : Email
{
    protected override string RenderSubject() => "Your Portal password was reset";

    protected override string RenderText() => $"""
        Hello {DisplayName},

        {ResetBy} reset your Portal password. If you did not expect this, tell your administrator.

        """;
}
