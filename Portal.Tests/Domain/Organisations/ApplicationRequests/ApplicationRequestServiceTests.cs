using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Components.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>Application requests: the short code, the one pending request per email, the states and the 7-day expiry.</summary>
public sealed class ApplicationRequestServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private OrganisationService Orgs => _store.Get<OrganisationService>();
    private ApplicationRequestService Requests => _store.Get<ApplicationRequestService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff, email: "sam@test.example");
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static SendApplicationRequest Send(string email = " Ann.Applicant@Example.com") => new()
    {
        Email = email, PageLink = "https://app.rayt.io/form/identity", Source = "Members page", AccessApplicationName = "Identity check",
    };

    [Fact]
    public async Task Send_RecordsTheRequestWithAShortCode_AndQueuesItsEmail_InOneSave()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");

        var request = await Requests.SendAsync(org.Id, Send());

        Assert.Matches($"^[{ApplicationRequest.ShortCodeAlphabet}]{{8}}$", request.ShortCode);
        Assert.Equal(("ann.applicant@example.com", ApplicationRequestState.Sent, "sam@test.example", "Members page"),
            (request.Email, request.State, request.Owner, request.Source));
        Assert.Equal(_store.Clock.GetUtcNow().AddDays(7), request.ExpiresAt);
        Assert.Equal([ApplicationRequestAction.Resend, ApplicationRequestAction.Delete], request.Actions);
        await using var db = await _store.DbAsync();
        var email = Assert.Single(db.OutboxEmails);
        Assert.Equal(("ann.applicant@example.com", "Up Marden Farms asks you to complete an application"), (email.To, email.Subject));
        Assert.Contains("https://app.rayt.io/form/identity", email.TextBody);
        Assert.Contains($"Your request code is {request.ShortCode}.", email.TextBody);
        Assert.Contains("the application \"Identity check\"", email.TextBody);
        Assert.Equal(org.Version, (await Orgs.GetAsync(org.Id)).Organisation.Version); // its own aggregate
        Assert.Equal(request.ShortCode, (await Requests.GetAsync(org.Id, request.ShortCode.ToLowerInvariant())).ShortCode);
    }

    [Fact]
    public async Task ShortCodes_AreUniqueAcrossOrganisations_AndTheStoreRefusesATwin()
    {
        var a = await Orgs.CreateAsync("Up Marden Farms");
        var b = await Orgs.CreateAsync("Dunsfold Dairy");
        var codes = new List<string>();
        for (var i = 0; i < 15; i++) codes.Add((await Requests.SendAsync(i % 2 == 0 ? a.Id : b.Id, Send($"p{i}@example.com"))).ShortCode);
        Assert.Equal(codes.Count, codes.Distinct().Count());

        await using var db = await _store.DbAsync();
        var twin = await db.ApplicationRequests.AsNoTracking().FirstAsync();
        db.ApplicationRequests.Add(ApplicationRequest.Create(b.Id, twin.ShortCode, Send("twin@example.com"), null, "sam", _store.Clock.GetUtcNow(), TimeSpan.FromDays(7)));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task ASecondRequestForAPendingEmail_IsRefusedOnEmail_AndNothingIsSaved_UntilThePendingOneEnds()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var first = await Requests.SendAsync(org.Id, Send());

        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => Requests.SendAsync(org.Id, Send("ANN.applicant@example.com")));
        Assert.Equal($"ann.applicant@example.com already has a pending request ({first.ShortCode}); send that one again instead.", refused.Errors["email"].Single());
        await using (var db = await _store.DbAsync())
            Assert.Equal((1, 1), (await db.ApplicationRequests.CountAsync(), await db.OutboxEmails.CountAsync()));

        // Another organisation may ask the same person; and once the first has expired, so may this one.
        var other = await Orgs.CreateAsync("Dunsfold Dairy");
        await Requests.SendAsync(other.Id, Send());
        _store.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(ApplicationRequestState.Sent, (await Requests.SendAsync(org.Id, Send())).State);
    }

    [Fact]
    public async Task States_SentToCompleteOrDeleted_AreFinal_ResendMailsAgainAndRestartsTheSevenDays()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var request = await Requests.SendAsync(org.Id, Send());
        _store.Clock.Advance(TimeSpan.FromDays(3));

        var resent = await Requests.ResendAsync(org.Id, request.ShortCode, request.Version);
        Assert.Equal((ApplicationRequestState.Sent, 1, _store.Clock.GetUtcNow().AddDays(7)), (resent.State, resent.ResendCount, resent.ExpiresAt));
        await using (var db = await _store.DbAsync())
            Assert.Equal(2, await db.OutboxEmails.CountAsync(e => e.To == "ann.applicant@example.com"));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Requests.ResendAsync(org.Id, request.ShortCode, request.Version));

        var complete = await Requests.CompleteAsync(org.Id, request.ShortCode, resent.Version);
        Assert.Equal((ApplicationRequestState.Complete, _store.Clock.GetUtcNow()), (complete.State, complete.CompletedAt));
        Assert.Empty(complete.Actions);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Requests.ResendAsync(org.Id, request.ShortCode, complete.Version));
        Assert.Equal("application_request.complete", conflict.Code);
        await Assert.ThrowsAsync<ConflictException>(() => Requests.DeleteAsync(org.Id, request.ShortCode, complete.Version));

        var other = await Requests.SendAsync(org.Id, Send("bo@example.com"));
        var deleted = await Requests.DeleteAsync(org.Id, other.ShortCode, other.Version);
        Assert.Equal((ApplicationRequestState.Deleted, _store.Clock.GetUtcNow()), (deleted.State, deleted.DeletedAt));
        Assert.Equal("application_request.deleted",
            (await Assert.ThrowsAsync<ConflictException>(() => Requests.CompleteAsync(org.Id, other.ShortCode, deleted.Version))).Code);
        await Assert.ThrowsAsync<NotFoundException>(() => Requests.DeleteAsync(Guid.CreateVersion7(), other.ShortCode, deleted.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => Requests.GetAsync(org.Id, "NOSUCH22"));
    }

    [Fact]
    public async Task Expiry_ReadsAsExpiredAtOnce_TheJobMarksIt_AndAnExpiredOneCannotBeCompleted_ButCanBeResent()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var request = await Requests.SendAsync(org.Id, Send());
        _store.Clock.Advance(TimeSpan.FromDays(7));

        var read = await Requests.GetAsync(org.Id, request.ShortCode);
        Assert.Equal(ApplicationRequestState.Expired, read.State); // on every read, before the job ran
        Assert.Equal(request.Version, read.Version);
        Assert.Equal(request.ShortCode, Assert.Single((await Requests.ListAsync(org.Id, new() { State = ApplicationRequestState.Expired })).Items).ShortCode);
        Assert.Empty((await Requests.ListAsync(org.Id, new() { State = ApplicationRequestState.Sent })).Items);
        Assert.Equal("application_request.expired",
            (await Assert.ThrowsAsync<ConflictException>(() => Requests.CompleteAsync(org.Id, request.ShortCode, request.Version))).Code);

        Assert.False(await _store.Get<ApplicationRequestExpiryJob>().RunAsync(default));
        await using (var db = await _store.DbAsync())
        {
            var stored = await db.ApplicationRequests.SingleAsync();
            Assert.Equal(ApplicationRequestState.Expired, stored.State);
            Assert.Contains(await db.AuditEntries.Where(a => a.EntityType == nameof(ApplicationRequest)).Select(a => a.Actor).ToListAsync(),
                actor => actor == "Application request expiry");
        }
        var expired = await Requests.GetAsync(org.Id, request.ShortCode);
        Assert.Equal([ApplicationRequestAction.Resend, ApplicationRequestAction.Delete], expired.Actions);
        var resent = await Requests.ResendAsync(org.Id, request.ShortCode, expired.Version);
        Assert.Equal(ApplicationRequestState.Sent, resent.State);
    }

    [Fact]
    public async Task Expiry_IsConfigurable()
    {
        await using var store = await TestStore.CreateAsync(s => s.Configure<ApplicationRequestOptions>(o => o.ValidFor = TimeSpan.FromDays(2)));
        store.ActAs(Roles.Staff);
        var org = await store.Get<OrganisationService>().CreateAsync("Up Marden Farms");
        var request = await store.Get<ApplicationRequestService>().SendAsync(org.Id, Send());
        Assert.Equal(store.Clock.GetUtcNow().AddDays(2), request.ExpiresAt);
    }

    [Fact]
    public async Task List_FiltersByStateAndDate_NewestFirst_AndSearchesCodeAndEmail()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var old = await Requests.SendAsync(org.Id, Send("old@example.com"));
        _store.Clock.Advance(TimeSpan.FromDays(2));
        var day = _store.Clock.GetUtcNow();
        var fresh = await Requests.SendAsync(org.Id, Send("fresh@example.com"));
        var gone = await Requests.SendAsync(org.Id, Send("gone@example.com"));
        await Requests.DeleteAsync(org.Id, gone.ShortCode, gone.Version);

        Assert.Equal([gone.ShortCode, fresh.ShortCode, old.ShortCode], (await Requests.ListAsync(org.Id, new())).Items.Select(r => r.ShortCode));
        Assert.Equal([fresh.ShortCode, old.ShortCode], (await Requests.ListAsync(org.Id, new() { State = ApplicationRequestState.Sent })).Items.Select(r => r.ShortCode));
        Assert.Equal([gone.ShortCode], (await Requests.ListAsync(org.Id, new() { State = ApplicationRequestState.Deleted })).Items.Select(r => r.ShortCode));
        Assert.Equal([old.ShortCode], (await Requests.ListAsync(org.Id, new() { CreatedBefore = day })).Items.Select(r => r.ShortCode));
        Assert.Equal([fresh.ShortCode], (await Requests.ListAsync(org.Id, new() { CreatedFrom = day, State = ApplicationRequestState.Sent })).Items.Select(r => r.ShortCode));
        Assert.Equal([fresh.ShortCode], (await Requests.ListAsync(org.Id, new() { Q = "fresh@" })).Items.Select(r => r.ShortCode));
        Assert.Equal([old.ShortCode], (await Requests.ListAsync(org.Id, new() { Q = old.ShortCode.ToLowerInvariant() })).Items.Select(r => r.ShortCode));
        await Assert.ThrowsAsync<DomainValidationException>(() => Requests.ListAsync(org.Id, new() { CreatedFrom = day, CreatedBefore = day }));
        await Assert.ThrowsAsync<NotFoundException>(() => Requests.ListAsync(Guid.CreateVersion7(), new()));
    }

    [Fact]
    public async Task Roles_ViewersRead_OnlyWritersSend_AndAnArchivedOrganisationTakesNoRequests()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var request = await Requests.SendAsync(org.Id, Send());
        var archived = await Orgs.CreateAsync("Closed Ltd", status: OrganisationStatus.Archived);

        Assert.Equal("organisation.archived", (await Assert.ThrowsAsync<ConflictException>(() => Requests.SendAsync(archived.Id, Send()))).Code);
        await Assert.ThrowsAsync<DomainValidationException>(() => Requests.SendAsync(org.Id, new SendApplicationRequest { Email = "x@example.com", PageLink = "http://plain.example/form", Source = "" }));
        _store.ActAs(Roles.Viewer);
        Assert.Single((await Requests.ListAsync(org.Id, new())).Items);
        await Assert.ThrowsAsync<ForbiddenException>(() => Requests.SendAsync(org.Id, Send("v@example.com")));
        await Assert.ThrowsAsync<ForbiddenException>(() => Requests.DeleteAsync(org.Id, request.ShortCode, request.Version));
    }
}
