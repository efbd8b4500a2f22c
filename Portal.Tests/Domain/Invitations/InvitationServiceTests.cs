using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Invitations;
using Portal.Domain.Organisations;
using Portal.Domain.Outbox;
using Portal.Tests.Components.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Invitations;

/// <summary>One store for the class: each test makes its own organisation and invitees (unique names).</summary>
public sealed class InvitationStoreFixture : IAsyncLifetime
{
    public TestStore Store { get; private set; } = default!;

    public async Task InitializeAsync() => Store = await TestStore.CreateAsync(s => s.Configure<InvitationOptions>(o =>
    {
        o.BaseUrl = "https://portal.example";
        o.HashIterations = 1_000;
        o.MaxResends = 2;
    }));

    public async Task DisposeAsync() => await Store.DisposeAsync();
}

public sealed class InvitationServiceTests(InvitationStoreFixture fixture) : IClassFixture<InvitationStoreFixture>
{
    private const string Secret = "obsolete obese octopus";
    private const string Id4 = "4758";
    private TestStore Store => fixture.Store;
    private InvitationService Invitations => Store.Get<InvitationService>();

    private async Task<(OrganisationRow Org, string First, string Last)> ArrangeAsync()
    {
        Store.ActAs(Roles.Staff, email: "sam@test.example");
        var org = await Store.Get<OrganisationService>().CreateAsync($"Orchard {Guid.NewGuid():N}"[..20]);
        return (org, $"Ann{Guid.NewGuid():N}"[..12], "Smith");
    }

    private static InvitationFields Signer(Guid org, string first, string last = "Smith") => new()
    {
        Type = InvitationKind.AuthorizedSigner, FirstName = first, LastName = last, EmailAddress = $"{first}@example.com",
        Identification = Id4, SharedSecret = Secret, InviterFullName = "Jane Doe", OrganisationId = org,
    };

    private static InvitationFields Joint(string first, string account = "https://bank.example/accounts/1") => new()
    {
        Type = InvitationKind.Joint, FirstName = first, LastName = "Smith", EmailAddress = $"{first}@example.com",
        Identification = Id4, SharedSecret = Secret, InviterFullName = "Jane Doe", AccountUri = account,
    };

    private VerifyInvitation Answer(string first, string secret = Secret, Guid? id = null) =>
        new() { FirstName = first, LastName = "smith ", Identification = Id4, SharedSecret = secret, InvitationId = id };

    private async Task<string> RawAsync(string table)
    {
        await using var db = await Store.DbAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await db.Database.OpenConnectionAsync();
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
            for (var c = 0; c < reader.FieldCount; c++) text.Append(reader.IsDBNull(c) ? "" : reader.GetValue(c) is byte[] b ? Convert.ToBase64String(b) : reader.GetValue(c)).Append('|');
        return text.ToString();
    }

    /// <summary>The database's plan for <paramref name="query"/>, one line per step (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN).</summary>
    private static async Task<List<string>> PlanAsync(Microsoft.EntityFrameworkCore.DbContext db, IQueryable query)
    {
        await db.Database.OpenConnectionAsync();
        var sqlite = db.Database.IsSqlite();
        // PostgreSQL plans a scan of a test's few rows; forbidding it shows whether an index can serve the query at all.
        if (!sqlite) await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        await using var command = query.CreateDbCommand();
        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) lines.Add(reader.GetString(sqlite ? 3 : 0));
        if (!sqlite) await db.Database.ExecuteSqlRawAsync("RESET enable_seqscan");
        return lines;
    }

    [Theory]
    [InlineData("sent|accepted", "lastName", 2)]
    [InlineData("revoked|expired", "-createdAt", 3)] // expired: the stored ones and the sent ones past their expiry
    [InlineData("completed|sent", "-verificationCount", 2)]
    [InlineData("accepted|completed|revoked", "expiresAt", 3)]
    public async Task List_ReadsEachChosenStateWithAnIndexSeekOfItsOwn_NeverTheWholeTable(string state, string sort, int seeks)
    {
        await using var db = await Store.DbAsync();
        var query = new InvitationsQuery { State = state, Sort = sort, Page = 20, PageSize = 50 };

        var page = await PlanAsync(db, Invitations.PageOf(db, query, Store.Clock.GetUtcNow()));
        var count = await PlanAsync(db, Invitations.Filter(db, query, Store.Clock.GetUtcNow()));

        var plans = string.Join("\n", page) + "\n--- count\n" + string.Join("\n", count);
        if (db.Database.IsSqlite())
        {
            // EF names the table by an alias ("i", "i0", …): a seek is "SEARCH i USING INDEX …", a whole-table read "SCAN i".
            Assert.True(page.Count(l => Regex.IsMatch(l, @"^SEARCH i\d* USING INDEX IX_Invitations_State_")) == seeks, plans);
            // The count's ORs of stored states become one State IN (…): a seek per value under one line.
            var countSeeks = count.Where(l => l.StartsWith("SEARCH ", StringComparison.Ordinal)).ToList();
            Assert.True(countSeeks.Count > 0 && countSeeks.All(l => Regex.IsMatch(l, @"^SEARCH i\d* USING (COVERING )?INDEX IX_Invitations_State_")), plans);
            // Reading a state's few rows back from its sub-select (a CO-ROUTINE) is a SCAN too, but not of the table.
            var subSelects = page.Where(l => l.StartsWith("CO-ROUTINE ", StringComparison.Ordinal)).Select(l => "SCAN " + l["CO-ROUTINE ".Length..]).ToHashSet();
            Assert.DoesNotContain(page.Concat(count), l => Regex.IsMatch(l, @"^SCAN i\d*$") && !subSelects.Contains(l));
        }
        else
        {
            // One index read per chosen state. On a test's few rows PostgreSQL may walk the sort's own index with the state as
            // a filter under each state's LIMIT (as cheap there as the state's index, and it was chosen in CI); on a real
            // table's statistics it takes the state's index. So here: an index read per state, none of the whole table.
            Assert.True(page.Count(l => l.Contains("Index Scan", StringComparison.Ordinal) && l.Contains("IX_Invitations_", StringComparison.Ordinal)) >= seeks, plans);
            Assert.DoesNotContain(page.Concat(count), l => l.Contains("Seq Scan on \"Invitations\"", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("lastName", "IX_Invitations_LastName_Id")]
    [InlineData("-verificationCount", "IX_Invitations_VerificationCount_Id")]
    [InlineData("expiresAt", "IX_Invitations_ExpiresAt_Id")]
    [InlineData("-createdAt", "IX_Invitations_CreatedAt_Id")]
    public async Task List_SortedWithoutAFilter_ReadsThePageInItsSortIndexsOrder(string sort, string index)
    {
        await using var db = await Store.DbAsync();

        var plan = await PlanAsync(db, Invitations.PageOf(db, new InvitationsQuery { Sort = sort, Page = 20, PageSize = 50 }, Store.Clock.GetUtcNow()));

        Assert.Contains(plan, l => l.Contains(index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, l => l.Contains("TEMP B-TREE", StringComparison.Ordinal) || l.Contains("Sort Key", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-createdAt")]
    [InlineData("lastName")]
    public async Task List_ByName_SeeksAPrefixRangeInEachNameKeysIndex_NeverTheWholeTable(string sort)
    {
        await using var db = await Store.DbAsync();
        var query = new InvitationsQuery { Name = "  josé ", Sort = sort, PageSize = 50 };

        var page = await PlanAsync(db, Invitations.PageOf(db, query, Store.Clock.GetUtcNow()));
        var count = await PlanAsync(db, Invitations.Filter(db, query, Store.Clock.GetUtcNow()));

        var plans = string.Join("\n", page) + "\n--- count\n" + string.Join("\n", count);
        foreach (var index in new[] { "IX_Invitations_FirstNameKey_Id", "IX_Invitations_LastNameKey_Id" })
            if (db.Database.IsSqlite())
            {
                // The OR of the two ranges is SQLite's multi-index OR: a seek into each key's index.
                Assert.True(page.Any(l => Regex.IsMatch(l, $@"SEARCH i\d* USING (COVERING )?INDEX {index} \(\w+>\? AND \w+<\?\)")), plans);
                Assert.True(count.Any(l => Regex.IsMatch(l, $@"SEARCH i\d* USING (COVERING )?INDEX {index} \(\w+>\? AND \w+<\?\)")), plans);
            }
            else Assert.True(count.Any(l => l.Contains(index, StringComparison.Ordinal)), plans); // a BitmapOr of the two
        Assert.DoesNotContain(page.Concat(count), l => Regex.IsMatch(l, @"^SCAN i\d*( |$)") || l.Contains("Seq Scan on \"Invitations\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_TheSuspiciousQueue_SeeksTheLockedAndTheManyVerifiedInTheirIndexes()
    {
        await using var db = await Store.DbAsync();
        var query = new InvitationsQuery { Queue = InvitationQueues.Suspicious, PageSize = 50 };

        var page = await PlanAsync(db, Invitations.PageOf(db, query, Store.Clock.GetUtcNow()));
        var count = await PlanAsync(db, Invitations.Filter(db, query, Store.Clock.GetUtcNow()));

        var plans = string.Join("\n", page) + "\n--- count\n" + string.Join("\n", count);
        foreach (var index in new[] { "IX_Invitations_FailedVerifications_Id", "IX_Invitations_VerificationCount_Id" })
        {
            Assert.True(count.Any(l => l.Contains(index, StringComparison.Ordinal)), plans);
            if (db.Database.IsSqlite()) Assert.True(page.Any(l => l.Contains(index, StringComparison.Ordinal)), plans);
        }
        Assert.DoesNotContain(page.Concat(count), l => Regex.IsMatch(l, @"^SCAN i\d*( |$)") || l.Contains("Seq Scan on \"Invitations\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_ByName_IgnoresCaseAccentsAndSpaces_OnFirstOrLastName_FromItsStart()
    {
        var (org, first, _) = await ArrangeAsync();
        var fields = Signer(org.Id, first, "García" + first);
        fields.FirstName = "José" + first;
        var jose = await Invitations.CreateAsync(fields);
        Store.ActAs(Roles.Viewer);

        async Task<Guid[]> Ids(string name) => [.. (await Invitations.ListAsync(new() { OrganisationId = org.Id, Name = name })).Items.Select(i => i.Id)];

        Assert.Equal([jose.Id], await Ids(" JOSE" + first.ToLowerInvariant()));
        Assert.Equal([jose.Id], await Ids("garci"));
        Assert.Equal([jose.Id], await Ids("GÁRCÍ"));
        Assert.Empty(await Ids("arcia")); // a prefix, not a part
        Assert.Empty(await Ids("jose garcia")); // first and last are matched apart
    }

    [Theory]
    [InlineData("JOS", "JOT")]
    [InlineData("A\uD7FF", "A\uE000")]
    [InlineData("\U0001F600", "\U0001F601")]
    public void NextPrefix_IsTheLeastStringPastEveryOneStartingWithIt(string prefix, string next) =>
        Assert.Equal(next, InvitationService.NextPrefix(prefix));

    [Fact]
    public async Task Create_EmailsTheInvitee_AndKeepsTheKeyItemsOnlyAsHashes_NeverInTheStoreTheAuditOrTheAnswer()
    {
        var (org, first, _) = await ArrangeAsync();

        var created = await Invitations.CreateAsync(Signer(org.Id, first));

        Assert.Equal((InvitationState.Sent, org.Name, Store.Clock.GetUtcNow().AddDays(30)), (created.State, created.OrganisationName, created.ExpiresAt));
        await using var db = await Store.DbAsync();
        var email = await db.OutboxEmails.SingleAsync(e => e.To == $"{first}@example.com".ToLowerInvariant());
        Assert.Contains($"https://portal.example/invitations/accept?invitation={created.Id}", email.TextBody);
        Assert.DoesNotContain(Secret, email.TextBody);
        foreach (var table in new[] { "Invitations", "AuditEntries", "OutboxEmails" })
        {
            var raw = await RawAsync(table);
            Assert.DoesNotContain(Secret, raw);
            Assert.DoesNotContain($"\"{Id4}\"", raw);
        }
        var audit = await db.AuditEntries.Where(a => a.EntityId == created.Id.ToString()).ToListAsync();
        Assert.Contains(audit, a => a.Changes.Contains("***"));
        Assert.DoesNotContain(Secret, System.Text.Json.JsonSerializer.Serialize(created));
    }

    [Fact]
    public async Task Verify_WithoutAnId_AcceptsEveryMatchingSentOne_AndCountsTheAttemptOnEach()
    {
        var (org, first, _) = await ArrangeAsync();
        var a = await Invitations.CreateAsync(Signer(org.Id, first));
        var b = await Invitations.CreateAsync(Joint(first));
        var revoked = await Invitations.CreateAsync(Joint(first, "https://bank.example/accounts/2"));
        await Invitations.RevokeAsync(revoked.Id, revoked.Version);
        Store.ActAsAnonymous();

        var wrong = await Assert.ThrowsAsync<ConflictException>(() => Invitations.VerifyAsync(Answer(first.ToUpperInvariant(), "not the secret")));
        var result = await Invitations.VerifyAsync(Answer($"  {first.ToUpperInvariant()} "));

        Assert.Equal(InvitationService.VerificationFailedCode, wrong.Code);
        Assert.Equal([a.Id, b.Id], result.Accepted.Select(x => x.Id).Order());
        Store.ActAs(Roles.Viewer);
        Assert.Equal((InvitationState.Accepted, 2), ((await Invitations.GetAsync(a.Id)).State, (await Invitations.GetAsync(a.Id)).VerificationCount));
        Assert.Equal((InvitationState.Accepted, 2), ((await Invitations.GetAsync(b.Id)).State, (await Invitations.GetAsync(b.Id)).VerificationCount));
        Assert.Equal((InvitationState.Revoked, 2), ((await Invitations.GetAsync(revoked.Id)).State, (await Invitations.GetAsync(revoked.Id)).VerificationCount));
    }

    [Fact]
    public async Task Verify_WithAnId_AcceptsOnlyThatOne()
    {
        var (org, first, _) = await ArrangeAsync();
        var a = await Invitations.CreateAsync(Signer(org.Id, first));
        var b = await Invitations.CreateAsync(Joint(first));
        Store.ActAsAnonymous();

        var result = await Invitations.VerifyAsync(Answer(first, id: b.Id));

        Assert.Equal(b.Id, Assert.Single(result.Accepted).Id);
        Store.ActAs(Roles.Viewer);
        Assert.Equal(InvitationState.Sent, (await Invitations.GetAsync(a.Id)).State);
    }

    [Fact]
    public async Task EveryFailure_AnswersTheSameConflict_WhicheverItemWasWrong_AndTheFifthLocksItUntilAResend()
    {
        var (org, first, _) = await ArrangeAsync();
        var invitation = await Invitations.CreateAsync(Signer(org.Id, first));
        Store.ActAsAnonymous();
        var answers = new[]
        {
            Answer(first, "wrong secret", invitation.Id), Answer("Someone", id: invitation.Id),
            new VerifyInvitation { FirstName = first, LastName = "Smith", Identification = "0000", SharedSecret = Secret, InvitationId = invitation.Id },
            Answer(first, "wrong secret"), Answer(first, "wrong again", invitation.Id),
        };
        var messages = new List<(string, string)>();
        foreach (var answer in answers)
        {
            var error = await Assert.ThrowsAsync<ConflictException>(() => Invitations.VerifyAsync(answer));
            messages.Add((error.Code, error.Message));
        }
        var locked = await Assert.ThrowsAsync<ConflictException>(() => Invitations.VerifyAsync(Answer(first, id: invitation.Id)));

        Assert.Single(messages.Distinct());
        Assert.Equal(messages[0], (locked.Code, locked.Message)); // locked says nothing more
        Store.ActAs(Roles.Staff);
        var seen = await Invitations.GetAsync(invitation.Id);
        Assert.True(seen.Locked);
        Assert.Contains(seen.Id, (await Invitations.ListAsync(new InvitationsQuery { Queue = InvitationQueues.Suspicious, PageSize = 200 })).Items.Select(i => i.Id));

        var resent = await Invitations.ResendAsync(invitation.Id, seen.Version);
        Assert.False(resent.Locked);
        Store.ActAsAnonymous();
        Assert.Single((await Invitations.VerifyAsync(Answer(first, id: invitation.Id))).Accepted);
    }

    [Fact]
    public async Task Resend_SendsAgainThroughTheOutbox_UpToTheLimit()
    {
        var (_, first, _) = await ArrangeAsync();
        var invitation = await Invitations.CreateAsync(Joint(first));
        invitation = await Invitations.ResendAsync(invitation.Id, invitation.Version);
        invitation = await Invitations.ResendAsync(invitation.Id, invitation.Version);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Invitations.ResendAsync(invitation.Id, invitation.Version));

        Assert.Equal("invitation.resend_limit", error.Code);
        await using var db = await Store.DbAsync();
        Assert.Equal(3, await db.OutboxEmails.CountAsync(e => e.To == $"{first}@example.com".ToLowerInvariant()));
    }

    [Fact]
    public async Task CompletingASigner_MakesThemAMemberWithTheSignerRole_AndAJointOne_AJointOwnerOfTheAccount()
    {
        var (org, first, _) = await ArrangeAsync();
        var signer = await Invitations.CreateAsync(Signer(org.Id, first));
        var joint = await Invitations.CreateAsync(Joint(first, "https://bank.example/accounts/77"));
        var early = await Assert.ThrowsAsync<ConflictException>(() => Invitations.CompleteAsync(signer.Id, signer.Version));
        Store.ActAsAnonymous();
        await Invitations.VerifyAsync(Answer(first));
        Store.ActAs(Roles.Staff);

        signer = await Invitations.CompleteAsync(signer.Id, (await Invitations.GetAsync(signer.Id)).Version);
        joint = await Invitations.CompleteAsync(joint.Id, (await Invitations.GetAsync(joint.Id)).Version);

        Assert.Equal("invitation.not_accepted", early.Code);
        Assert.Equal((InvitationState.Completed, InvitationState.Completed), (signer.State, joint.State));
        var members = (await Store.Get<OrganisationService>().GetAsync(org.Id)).Members;
        Assert.Contains(members, m => m.Email == $"{first}@example.com".ToLowerInvariant() && m.Role == MemberRole.Signer);
        await using var db = await Store.DbAsync();
        var owner = await db.JointOwners.SingleAsync(o => o.InvitationId == joint.Id);
        Assert.Equal(("https://bank.example/accounts/77", first), (owner.AccountUri, owner.FirstName));
        var again = await Assert.ThrowsAsync<ConflictException>(() => Invitations.CompleteAsync(joint.Id, joint.Version));
        Assert.Equal("invitation.not_accepted", again.Code);
    }

    [Fact]
    public async Task Roles_ViewersRead_StaffWrite_OnlyAdminsDelete()
    {
        var (_, first, _) = await ArrangeAsync();
        var invitation = await Invitations.CreateAsync(Joint(first));
        Store.ActAs(Roles.Viewer);
        await Assert.ThrowsAsync<ForbiddenException>(() => Invitations.CreateAsync(Joint(first + "x")));
        await Assert.ThrowsAsync<ForbiddenException>(() => Invitations.RevokeAsync(invitation.Id, invitation.Version));
        Store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => Invitations.GetAsync(invitation.Id));
        Store.ActAs(Roles.Staff);
        await Assert.ThrowsAsync<ForbiddenException>(() => Invitations.DeleteAsync(invitation.Id, invitation.Version));
        Store.ActAs(Roles.Admin);

        await Invitations.DeleteAsync(invitation.Id, invitation.Version);

        await Assert.ThrowsAsync<NotFoundException>(() => Invitations.GetAsync(invitation.Id));
    }

    [Theory]
    [InlineData("sharedSecret", "seven77", null)]
    [InlineData("identification", null, "475")]
    [InlineData("identification", null, "47a8")]
    [InlineData("identification", null, "47580")]
    public async Task Create_RefusesAShortSecretAndAnIdentificationThatIsNotFourDigits(string field, string? secret, string? id)
    {
        var (org, first, _) = await ArrangeAsync();
        var fields = Signer(org.Id, first);
        if (secret is not null) fields.SharedSecret = secret;
        if (id is not null) fields.Identification = id;

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Invitations.CreateAsync(fields));

        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public async Task AJointInvitation_NeedsAnAccountAndNoOrganisation()
    {
        var (org, first, _) = await ArrangeAsync();
        var withOrg = Joint(first);
        withOrg.OrganisationId = org.Id;
        var none = Joint(first, account: "");

        var a = await Assert.ThrowsAsync<DomainValidationException>(() => Invitations.CreateAsync(withOrg));
        var b = await Assert.ThrowsAsync<DomainValidationException>(() => Invitations.CreateAsync(none));

        Assert.Equal(["organisationId"], a.Errors.Keys);
        Assert.Equal(["accountUri"], b.Errors.Keys);
    }

    [Fact]
    public async Task Edit_WhileSent_ChangesTheKeyItems_AndANewEmailAddressSendsItAgain()
    {
        var (org, first, _) = await ArrangeAsync();
        var invitation = await Invitations.CreateAsync(Signer(org.Id, first));

        var edited = await Invitations.UpdateAsync(invitation.Id, new UpdateInvitation
        {
            FirstName = first, LastName = "Smith", EmailAddress = $"new-{first}@example.com", SharedSecret = "a brand new secret", InviterFullName = "Jane Doe",
        }, invitation.Version);

        await using (var db = await Store.DbAsync())
            Assert.True(await db.OutboxEmails.AnyAsync(e => e.To == $"new-{first}@example.com".ToLowerInvariant()));
        Store.ActAsAnonymous();
        await Assert.ThrowsAsync<ConflictException>(() => Invitations.VerifyAsync(Answer(first, id: invitation.Id)));
        Assert.Single((await Invitations.VerifyAsync(Answer(first, "a brand new secret", invitation.Id))).Accepted);
        Store.ActAs(Roles.Staff);
        var late = await Assert.ThrowsAsync<ConflictException>(() => Invitations.UpdateAsync(invitation.Id, new UpdateInvitation
        {
            FirstName = first, LastName = "Smith", EmailAddress = "x@example.com", InviterFullName = "Jane",
        }, VersionedExtensions.AnyVersion));
        Assert.Equal("invitation.not_sent", late.Code);
        Assert.NotEqual(invitation.Version, edited.Version);
    }

    [Fact]
    public async Task Revoking_ForgetsTheLinkOfItsUnsentEmail_AndTheDispatcherDoesNotSendIt()
    {
        var (org, _, _) = await ArrangeAsync();
        var member = await Store.Get<OrganisationInvitationService>().InviteAsync(org.Id, new CreateInvitation { Email = $"m{Guid.NewGuid():N}@example.com" });

        await Invitations.RevokeAsync(member.Id, member.Version);

        await using var db = await Store.DbAsync();
        var email = await db.OutboxEmails.SingleAsync(e => e.SecretOwnerId == member.Id);
        Assert.Null(email.ProtectedSecret);
        Assert.Contains(OutboxEmail.PurgedSecret, email.Revealed(Store.Get<OutboxSecretProtector>()));
        Assert.True(email.LostItsSecret);
    }

    [Fact]
    public async Task ConcurrentRevokeAndVerify_ExactlyOneWins_AndTheOtherGetsAClearAnswer()
    {
        var (org, first, _) = await ArrangeAsync();
        var invitation = await Invitations.CreateAsync(Signer(org.Id, first));
        // Two scopes: the invitee and a member of staff, at once.
        await using var invitee = Store.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        invitee.ServiceProvider.GetRequiredService<CurrentUserAccessor>().Principal = new(new System.Security.Claims.ClaimsIdentity());
        var verify = Task.Run(() => invitee.ServiceProvider.GetRequiredService<InvitationService>().VerifyAsync(Answer(first, id: invitation.Id)));
        var revoke = Task.Run(() => Invitations.RevokeAsync(invitation.Id, invitation.Version));
        var outcomes = new List<Exception?>();
        foreach (var task in new Task[] { verify, revoke })
            outcomes.Add(await Record.ExceptionAsync(() => task));

        Assert.Single(outcomes, e => e is null);
        var loser = Assert.Single(outcomes, e => e is not null);
        Assert.True(loser is ConcurrencyException or ConflictException { Code: InvitationService.VerificationFailedCode }, loser?.ToString());
        var final = await Invitations.GetAsync(invitation.Id);
        Assert.Equal(outcomes[0] is null ? InvitationState.Accepted : InvitationState.Revoked, final.State);
    }

    [Fact]
    public async Task TheList_FiltersBySeveralStates_TypeOrganisationNameAndQueue()
    {
        var (org, first, _) = await ArrangeAsync();
        var sent = await Invitations.CreateAsync(Signer(org.Id, first));
        var revoked = await Invitations.CreateAsync(Signer(org.Id, first + "b"));
        await Invitations.RevokeAsync(revoked.Id, revoked.Version);
        var accepted = await Invitations.CreateAsync(Signer(org.Id, first + "c"));
        Store.ActAsAnonymous();
        await Invitations.VerifyAsync(Answer(first + "c"));
        Store.ActAs(Roles.Viewer);

        async Task<Guid[]> Ids(InvitationsQuery q) => [.. (await Invitations.ListAsync(q with { OrganisationId = org.Id, PageSize = 200 })).Items.Select(i => i.Id).Order()];

        Assert.Equal(new[] { sent.Id, accepted.Id }.Order(), await Ids(new() { State = "sent|accepted" }));
        Assert.Equal([revoked.Id], await Ids(new() { State = "revoked" }));
        // Each state is read apart and the pages merged: a page of one, in the sort's order across the states, with the total.
        var pages = new List<(Guid, int)>();
        for (var page = 1; page <= 4; page++)
        {
            var one = await Invitations.ListAsync(new() { OrganisationId = org.Id, State = "sent|revoked|accepted", Sort = "-email", Page = page, PageSize = 1 });
            pages.Add((one.Items.SingleOrDefault()?.Id ?? Guid.Empty, one.Total));
        }
        Assert.Equal([(accepted.Id, 3), (revoked.Id, 3), (sent.Id, 3), (Guid.Empty, 3)], pages);
        Assert.Equal([accepted.Id], await Ids(new() { Queue = InvitationQueues.AwaitingCompletion }));
        Assert.Equal([revoked.Id], await Ids(new() { Name = first + "b" }));
        Assert.Empty(await Ids(new() { Type = "joint" }));
        var bad = await Assert.ThrowsAsync<DomainValidationException>(() => Ids(new() { State = "pending" }));
        Assert.Equal(["state"], bad.Errors.Keys);
    }
}

/// <summary>The migration that keys the names already stored: its own store, migrated down and up again.</summary>
public sealed class InvitationNameKeyMigrationTests
{
    [Fact]
    public async Task TheMigration_KeysTheNamesAlreadyStored_AsTheEntityKeysThem()
    {
        await using var store = await TestStore.CreateAsync(s => s.Configure<InvitationOptions>(o => o.HashIterations = 1_000));
        store.ActAs(Roles.Staff);
        var service = store.Get<InvitationService>();
        var invitation = await service.CreateAsync(new InvitationFields
        {
            Type = InvitationKind.Joint, FirstName = "Jos\u00e9  Mar\u00eda", LastName = " \u00d6zt\u00fcrk", EmailAddress = "jose@example.com",
            Identification = "4758", SharedSecret = "obsolete obese octopus", InviterFullName = "Jane Doe", AccountUri = "https://bank.example/accounts/1",
        });
        await using (var db = await store.DbAsync())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var mine = migrations.FindIndex(m => m.EndsWith("_InvitationsNameSearch", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[mine - 1]); // as the database was before: no keys
            await migrator.MigrateAsync();
        }

        await using var after = await store.DbAsync();
        var keys = await after.Invitations.Where(i => i.Id == invitation.Id).Select(i => new { i.FirstNameKey, i.LastNameKey }).SingleAsync();
        Assert.Equal(("JOSE MARIA", "OZTURK"), (keys.FirstNameKey, keys.LastNameKey));
        Assert.Equal(InvitationSecrets.NormalizeName(" \u00d6zt\u00fcrk"), keys.LastNameKey);
        Assert.Equal([invitation.Id], (await service.ListAsync(new() { Name = "ozt" })).Items.Select(i => i.Id));
    }
}

/// <summary>Expiry by the clock: its own store, since it moves the clock.</summary>
public sealed class InvitationExpiryTests
{
    [Fact]
    public async Task TheJob_ExpiresSentInvitations_ExactlyAtTheirExpiry_AndReadsAgreeBeforeItRuns()
    {
        await using var store = await TestStore.CreateAsync(s => s.Configure<InvitationOptions>(o => o.HashIterations = 1_000));
        store.ActAs(Roles.Staff);
        var service = store.Get<InvitationService>();
        var invitation = await service.CreateAsync(new InvitationFields
        {
            Type = InvitationKind.Joint, FirstName = "Ann", LastName = "Smith", EmailAddress = "ann@example.com", Identification = "4758",
            SharedSecret = "obsolete obese octopus", InviterFullName = "Jane Doe", AccountUri = "https://bank.example/accounts/1",
        });
        var job = store.Get<InvitationExpiryJob>();

        store.Clock.SetUtcNow(invitation.ExpiresAt - TimeSpan.FromMilliseconds(1));
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(InvitationState.Sent, (await service.GetAsync(invitation.Id)).State);

        store.Clock.SetUtcNow(invitation.ExpiresAt);
        Assert.Equal(InvitationState.Expired, (await service.GetAsync(invitation.Id)).State); // on read, before the job
        store.ActAsAnonymous();
        var refused = await Assert.ThrowsAsync<ConflictException>(() => service.VerifyAsync(new VerifyInvitation
        {
            FirstName = "Ann", LastName = "Smith", Identification = "4758", SharedSecret = "obsolete obese octopus",
        }));
        Assert.Equal(InvitationService.VerificationFailedCode, refused.Code);
        await job.RunAsync(CancellationToken.None);
        await using var db = await store.DbAsync();
        Assert.Equal(InvitationState.Expired, (await db.Invitations.SingleAsync(i => i.Id == invitation.Id)).State);
    }
}
