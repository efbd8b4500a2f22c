using System.Security.Cryptography;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>
/// Raytio's states (§3.2): <see cref="Sent"/> until the applicant completes it (<see cref="Complete"/>, recorded by a call
/// from the applicant's side), staff delete it (<see cref="Deleted"/>) or its validity ends (<see cref="Expired"/>).
/// Raytio's <c>resend</c> is an action, not a state: the request stays sent.
/// </summary>
public enum ApplicationRequestState { Sent, Complete, Expired, Deleted }

/// <summary>What staff, the applicant's side or the clock do to a request; <see cref="ApplicationRequest.Next"/> says where each leads.</summary>
public enum ApplicationRequestAction { Resend, Delete, Complete, Expire }

/// <summary>
/// An organisation asks a person (by email) to complete an access application: the page to complete, where in the
/// organisation's app it was asked from (<see cref="Source"/>), who asked (<see cref="OwnerName"/>). Its own aggregate
/// with its own <see cref="Version"/> (the applicant acts on it, holding no organisation version), filed under the
/// organisation's History. <see cref="ShortCode"/> is the key the applicant's side passes back when it completes.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class ApplicationRequest : IVersioned, IFiledUnderAggregate
{
    Guid IFiledUnderAggregate.AggregateId => OrganisationId;
    public const int ShortCodeLength = 8;
    /// <summary>No 0/O, 1/I/L: a code read out on the phone is not misheard. 31^8 ≈ 8.5 × 10^11 codes.</summary>
    public const string ShortCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int EmailMaxLength = Organisation.EmailMaxLength;
    public const int PageLinkMaxLength = 2000;
    public const int SourceMaxLength = 200;
    public const int AccessApplicationNameMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public required string ShortCode { get; init; }
    /// <summary>Trimmed and lower-cased.</summary>
    public required string Email { get; init; }
    /// <summary>The page (form) the applicant completes, an https URL.</summary>
    public required string PageLink { get; init; }
    /// <summary>The access application the data will be shared with (Raytio's <c>a_id</c>, <c>aa_name</c>).</summary>
    public Guid? AccessApplicationId { get; init; }
    public string? AccessApplicationName { get; init; }
    /// <summary>The page in the organisation's app the request was made from.</summary>
    public required string Source { get; init; }
    public ApplicationRequestState State { get; private set; } = ApplicationRequestState.Sent;
    public Guid? OwnerId { get; init; }
    public required string OwnerName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset LastSentAt { get; private set; }
    public int ResendCount { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }
    public string? DeletedBy { get; private set; }
    public long Version { get; set; }

    /// <summary>The state as of <paramref name="now"/>: a sent request past its expiry is expired before the job marks it.</summary>
    public ApplicationRequestState StateAt(DateTimeOffset now) => StateAt(State, ExpiresAt, now);

    public static ApplicationRequestState StateAt(ApplicationRequestState state, DateTimeOffset expiresAt, DateTimeOffset now) =>
        state == ApplicationRequestState.Sent && now >= expiresAt ? ApplicationRequestState.Expired : state;

    /// <summary>
    /// The whole transition table: resend from sent, and from expired (it goes out again with a fresh validity); delete from
    /// sent or expired; complete only from sent; complete and deleted are final. Null: not allowed.
    /// </summary>
    public static ApplicationRequestState? Next(ApplicationRequestState from, ApplicationRequestAction action) => (from, action) switch
    {
        (ApplicationRequestState.Sent or ApplicationRequestState.Expired, ApplicationRequestAction.Resend) => ApplicationRequestState.Sent,
        (ApplicationRequestState.Sent or ApplicationRequestState.Expired, ApplicationRequestAction.Delete) => ApplicationRequestState.Deleted,
        (ApplicationRequestState.Sent, ApplicationRequestAction.Complete) => ApplicationRequestState.Complete,
        (ApplicationRequestState.Sent, ApplicationRequestAction.Expire) => ApplicationRequestState.Expired,
        _ => null,
    };

    /// <summary>What staff may do now (the tab's buttons); completion is the applicant side's call, never a button.</summary>
    public static IReadOnlyList<ApplicationRequestAction> StaffActionsAt(ApplicationRequestState state) =>
        [.. new[] { ApplicationRequestAction.Resend, ApplicationRequestAction.Delete }.Where(a => Next(state, a) is not null)];

    public static ApplicationRequest Create(Guid organisationId, string shortCode, SendApplicationRequest fields, Guid? ownerId, string ownerName,
        DateTimeOffset now, TimeSpan validFor) => new()
    {
        OrganisationId = organisationId, ShortCode = shortCode, Email = OrganisationMember.NormalizeEmail(fields.Email),
        PageLink = fields.PageLink.Trim(), Source = fields.Source.Trim(), AccessApplicationId = fields.AccessApplicationId,
        AccessApplicationName = string.IsNullOrWhiteSpace(fields.AccessApplicationName) ? null : fields.AccessApplicationName.Trim(),
        OwnerId = ownerId, OwnerName = ownerName, CreatedAt = now, LastSentAt = now, ExpiresAt = now + validFor,
    };

    /// <summary>A new random code; the unique index is the guarantee, the service draws again on the rare clash.</summary>
    public static string NewShortCode() => new(RandomNumberGenerator.GetItems<char>(ShortCodeAlphabet, ShortCodeLength));

    /// <summary>Upper-cased and trimmed, so a code typed in lower case is found.</summary>
    public static string NormalizeShortCode(string code) => code.Trim().ToUpperInvariant();

    /// <summary>Sends it again: the validity period starts over (a reminder that expired the next day would be no use).</summary>
    public void Resend(DateTimeOffset now, TimeSpan validFor)
    {
        State = Move(ApplicationRequestAction.Resend, now);
        ResendCount++;
        LastSentAt = now;
        ExpiresAt = now + validFor;
    }

    public void Delete(string by, DateTimeOffset now)
    {
        State = Move(ApplicationRequestAction.Delete, now);
        DeletedAt = now;
        DeletedBy = by;
    }

    public void Complete(string by, DateTimeOffset now)
    {
        State = Move(ApplicationRequestAction.Complete, now);
        CompletedAt = now;
        CompletedBy = by;
    }

    /// <summary>The clock's move (the expiry job); false when it is not a sent request past its expiry.</summary>
    public bool ExpireIfDue(DateTimeOffset now)
    {
        if (State != ApplicationRequestState.Sent || now < ExpiresAt) return false;
        State = ApplicationRequestState.Expired;
        return true;
    }

    private ApplicationRequestState Move(ApplicationRequestAction action, DateTimeOffset now)
    {
        var from = StateAt(now);
        if (Next(from, action) is { } to) return to;
        throw new ConflictException($"application_request.{from.ToString().ToLowerInvariant()}", action switch
        {
            ApplicationRequestAction.Complete => $"Only a sent request can be completed; {ShortCode} is {Describe(from)}.",
            ApplicationRequestAction.Resend => $"{ShortCode} is {Describe(from)}; it can no longer be sent again.",
            _ => $"{ShortCode} is {Describe(from)}; it can no longer be deleted.",
        });
    }

    public static string Describe(ApplicationRequestState state) => state.ToString().ToLowerInvariant();
}
