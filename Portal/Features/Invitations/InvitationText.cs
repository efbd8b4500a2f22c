using Portal.Domain.Common;
using Portal.Domain.Invitations;

namespace Portal.Features.Invitations;

/// <summary>How the invitations pages say kinds, states and times.</summary>
public static class InvitationText
{
    public static string Kind(InvitationKind kind) => kind switch
    {
        InvitationKind.Joint => "Joint owner",
        InvitationKind.AuthorizedSigner => "Authorized signer",
        _ => "Member",
    };

    public static string State(InvitationState state) => state switch
    {
        InvitationState.Sent => "Sent",
        InvitationState.Accepted => "Accepted",
        InvitationState.Completed => "Completed",
        InvitationState.Revoked => "Revoked",
        _ => "Expired",
    };

    public static string Email(string email)
    {
        // Partly masked in lists (PII): the first letter and the domain.
        var at = email.IndexOf('@');
        return at <= 1 ? email : $"{email[0]}{new string('•', Math.Min(at - 1, 6))}{email[at..]}";
    }

    public static string Left(DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var left = expiresAt - now;
        var span = left.Duration();
        var amount = span.TotalDays >= 1 ? Plural((int)Math.Round(span.TotalDays), "day")
            : span.TotalHours >= 1 ? Plural((int)Math.Round(span.TotalHours), "hour")
            : Plural(Math.Max(1, (int)Math.Round(span.TotalMinutes)), "minute");
        return left > TimeSpan.Zero ? $"in {amount}" : $"{amount} ago";
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    public static bool CanWrite(ICurrentUser user) => user.Has(Access.Write);
}
