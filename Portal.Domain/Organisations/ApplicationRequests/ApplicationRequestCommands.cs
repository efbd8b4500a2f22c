using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>Send a person a request to complete an access application (Raytio's create: email, page link, source required).</summary>
public sealed class SendApplicationRequest
{
    public string Email { get; set; } = "";
    /// <summary>The page the applicant completes (an https URL).</summary>
    public string PageLink { get; set; } = "";
    /// <summary>Where in the organisation's app it is asked from; staff sending from Portal leave the default.</summary>
    public string Source { get; set; } = ApplicationRequestOptions.PortalSource;
    public Guid? AccessApplicationId { get; set; }
    public string? AccessApplicationName { get; set; }
}

/// <summary>An organisation's requests: by state (as of now: a sent one past its expiry is expired) and by sending date.</summary>
public sealed record ApplicationRequestQuery : ListQuery
{
    public ApplicationRequestState? State { get; init; }
    /// <summary>Created at or after this instant.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }
    /// <summary>Created before this instant.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
}

/// <summary>A request as staff and the API see it; <see cref="State"/> is as of the read, <see cref="Actions"/> what staff may do now.</summary>
public sealed record ApplicationRequestRow(
    Guid Id, Guid OrganisationId, string ShortCode, string Email, string PageLink, Guid? AccessApplicationId, string? AccessApplicationName,
    string Source, ApplicationRequestState State, string Owner, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset LastSentAt,
    int ResendCount, DateTimeOffset? CompletedAt, DateTimeOffset? DeletedAt, long Version, IReadOnlyList<ApplicationRequestAction> Actions)
{
    public static ApplicationRequestRow Of(ApplicationRequest r, DateTimeOffset now)
    {
        var state = r.StateAt(now);
        return new(r.Id, r.OrganisationId, r.ShortCode, r.Email, r.PageLink, r.AccessApplicationId, r.AccessApplicationName, r.Source, state,
            r.OwnerName, r.CreatedAt, r.ExpiresAt, r.LastSentAt, r.ResendCount, r.CompletedAt, r.DeletedAt, r.Version,
            ApplicationRequest.StaffActionsAt(state));
    }
}

/// <summary>How long a request stays open (ApplicationRequests:ValidFor, 7 days as Raytio says).</summary>
public sealed class ApplicationRequestOptions
{
    public const string PortalSource = "Portal";
    public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(7);
}
