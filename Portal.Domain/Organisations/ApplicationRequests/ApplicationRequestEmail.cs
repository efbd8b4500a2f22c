using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>To an applicant: which organisation asks, what to complete, the page, the request's code and until when.</summary>
public sealed record ApplicationRequestEmail(
    string OrganisationName, string? AccessApplicationName, string PageLink, string ShortCode, DateTimeOffset ExpiresAt) : Email
{
    protected override string RenderSubject() => $"{OrganisationName} asks you to complete an application";

    protected override string RenderText() => $"""
        Hello,

        {OrganisationName} asks you to complete {(AccessApplicationName is { } name ? $"the application \"{name}\"" : "an application")}.

        Complete it here:
        {PageLink}

        Your request code is {ShortCode}. The request is open until {ExpiresAt.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", British)}.
        If you were not expecting this request, you can ignore this email.

        """;
}
