using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

/// <summary>One store for the class: every test makes organisations of its own (unique names, numbers and domains).</summary>
public sealed class DuplicatesFixture : IAsyncLifetime
{
    public TestStore Store { get; private set; } = default!;
    public SqlCapture Sql { get; } = new();
    public OrganisationService Orgs => Store.Get<OrganisationService>();
    public OrganisationImportService Import => Store.Get<OrganisationImportService>();

    public async Task InitializeAsync()
    {
        Store = await TestStore.CreateAsync(s => s.AddSingleton<ILoggerFactory>(LoggerFactory.Create(b => b.AddProvider(Sql))));
        Store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();
}

/// <summary>The SQL EF Core runs (its command log), so a test can ask the database how it would run it.</summary>
public sealed class SqlCapture : ILoggerProvider
{
    private readonly List<string> _commands = [];
    public bool Recording { get; set; }
    public IReadOnlyList<string> Commands { get { lock (_commands) return [.. _commands]; } }
    public void Clear() { lock (_commands) _commands.Clear(); }
    public ILogger CreateLogger(string category) => new Logger(this, category == DbLoggerCategory.Database.Command.Name);
    public void Dispose() { }

    private sealed class Logger(SqlCapture capture, bool commands) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => commands && capture.Recording;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(level) || id.Id != Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted.Id) return;
            var text = formatter(state, exception);
            var sql = text[(text.IndexOf('\n') + 1)..]; // "Executed DbCommand (…) [Parameters=…]\n<SQL>"
            lock (capture._commands) capture._commands.Add(sql);
        }
    }
}

public sealed class OrganisationDuplicatesTests(DuplicatesFixture f) : IClassFixture<DuplicatesFixture>
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];

    private static CreateOrganisation Proposal(string name, string domain, string country = "GB", string? number = null, string? owner = null) => new()
    {
        Name = name, BillingEmail = $"accounts@{domain}", CountryCode = country, CompanyNumber = number,
        Owner = owner is null ? null : new CreateMember { Email = owner, GivenName = "Olive", FamilyName = "Owner", Role = MemberRole.Owner },
    };

    private static void AssertCandidate(DuplicateCandidate candidate, Guid id, params DuplicateMatchKind[] matches)
    {
        Assert.Equal(id, candidate.Id);
        Assert.Equal(matches, candidate.Matches);
    }

    private async Task<OrganisationDetails> ExistingAsync(CreateOrganisation c)
    {
        c.ConfirmedNotDuplicate = true;
        return await f.Orgs.CreateAsync(c);
    }

    [Fact]
    public async Task TheSameCompanyNumberInTheCountry_IsRefusedWithTheCandidate_UnlessConfirmed()
    {
        var number = Unique("N").ToUpperInvariant();
        var existing = await ExistingAsync(Proposal(Unique("Alder "), Unique("alder") + ".example", number: number));

        var refused = await Assert.ThrowsAsync<ConflictException>(() => f.Orgs.CreateAsync(Proposal(Unique("Other "), Unique("other") + ".example", number: " " + number.ToLowerInvariant())));
        var elsewhere = await f.Orgs.FindDuplicatesAsync(Proposal(Unique("Other "), Unique("other") + ".example", country: "NL", number: number));
        var confirmed = Proposal(Unique("Other "), Unique("other") + ".example", number: number);
        confirmed.ConfirmedNotDuplicate = true;
        var created = await f.Orgs.CreateAsync(confirmed);

        Assert.Equal(OrganisationService.PossibleDuplicateCode, refused.Code);
        var candidates = Assert.IsAssignableFrom<IReadOnlyList<DuplicateCandidate>>(refused.Details["candidates"]);
        var candidate = Assert.Single(candidates);
        AssertCandidate(candidate, existing.Organisation.Id, DuplicateMatchKind.CompanyNumber);
        Assert.Empty(elsewhere); // a company number is only unique within its country's registry
        Assert.Equal(number, created.Organisation.CompanyNumber);
    }

    [Fact]
    public async Task TheSameNameInTheCountry_MatchesWhateverTheCasePunctuationOrLegalWords()
    {
        var word = Unique("Marden");
        var existing = await ExistingAsync(Proposal($"The {word}-Farms Ltd.", Unique("a") + ".example"));

        var same = await f.Orgs.FindDuplicatesAsync(Proposal($"{word.ToUpperInvariant()} farms limited", Unique("b") + ".example"));
        var otherCountry = await f.Orgs.FindDuplicatesAsync(Proposal($"{word} Farms Ltd", Unique("c") + ".example", country: "IE"));
        var otherName = await f.Orgs.FindDuplicatesAsync(Proposal($"{word} Foods Ltd", Unique("d") + ".example"));

        AssertCandidate(Assert.Single(same), existing.Organisation.Id, DuplicateMatchKind.Name);
        Assert.Empty(otherCountry);
        Assert.Empty(otherName);
    }

    [Fact]
    public async Task TheSameBillingEmailDomain_Matches_ButASharedMailProviderDoesNot()
    {
        var domain = Unique("birch") + ".example";
        var existing = await ExistingAsync(Proposal(Unique("Birch "), domain, country: "NL"));
        await ExistingAsync(new CreateOrganisation { Name = Unique("Gmail one "), BillingEmail = "someone@gmail.com", CountryCode = "GB" });

        var sameDomain = await f.Orgs.FindDuplicatesAsync(new CreateOrganisation { Name = Unique("Elm "), BillingEmail = $"Invoices@{domain.ToUpperInvariant()}", CountryCode = "GB" });
        var gmail = await f.Orgs.FindDuplicatesAsync(new CreateOrganisation { Name = Unique("Gmail two "), BillingEmail = "other@gmail.com", CountryCode = "GB" });

        var candidate = Assert.Single(sameDomain);
        AssertCandidate(candidate, existing.Organisation.Id, DuplicateMatchKind.BillingEmailDomain);
        Assert.Empty(gmail);
    }

    [Fact]
    public async Task AMemberWithTheOwnersEmail_Matches_InAnyCountry()
    {
        var owner = $"{Unique("olive")}@gmail.com";
        var existing = await ExistingAsync(Proposal(Unique("Cedar "), Unique("cedar") + ".example", country: "FR", owner: owner));

        var found = await f.Orgs.FindDuplicatesAsync(Proposal(Unique("Spruce "), Unique("spruce") + ".example", owner: " " + owner.ToUpperInvariant()));

        var candidate = Assert.Single(found);
        AssertCandidate(candidate, existing.Organisation.Id, DuplicateMatchKind.MemberEmail);
    }

    [Fact]
    public async Task EveryWayItMatched_IsListed_MostMatchesFirst()
    {
        var (word, domain, number) = (Unique("Hazel"), Unique("hazel") + ".example", Unique("H").ToUpperInvariant());
        var nameOnly = await ExistingAsync(Proposal($"{word} Ltd", Unique("x") + ".example"));
        var all = await ExistingAsync(Proposal($"{word} Limited", domain, number: number, owner: $"olive@{domain}"));

        var found = await f.Orgs.FindDuplicatesAsync(Proposal($"{word} Ltd", domain, number: number, owner: $"olive@{domain}"));

        Assert.Equal([all.Organisation.Id, nameOnly.Organisation.Id], found.Select(c => c.Id));
        Assert.Equal([DuplicateMatchKind.CompanyNumber, DuplicateMatchKind.Name, DuplicateMatchKind.BillingEmailDomain, DuplicateMatchKind.MemberEmail], found[0].Matches);
        Assert.Equal(OrganisationStatus.Pending, found[0].Status);
    }

    [Fact]
    public async Task AnOrganisationSavedBeforeTheNameKey_IsFoundByItsExactName()
    {
        var name = Unique("Old Rowan ") + " Ltd";
        var old = await ExistingAsync(Proposal(name, Unique("rowan") + ".example"));
        await using (var db = await f.Store.DbAsync())
            await db.Organisations.Where(o => o.Id == old.Organisation.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.NameKey, "")); // as the migration leaves it

        var found = await f.Orgs.FindDuplicatesAsync(Proposal(name.ToLowerInvariant(), Unique("new") + ".example"));

        Assert.Equal(old.Organisation.Id, Assert.Single(found).Id);
    }

    [Fact]
    public async Task TheCheck_IsValidated_AndAViewerMayRunItButNotCreate()
    {
        await Assert.ThrowsAsync<DomainValidationException>(() => f.Orgs.FindDuplicatesAsync(new CreateOrganisation()));
        f.Store.ActAs(Roles.Viewer);
        try
        {
            Assert.Empty(await f.Orgs.FindDuplicatesAsync(Proposal(Unique("Viewer "), Unique("v") + ".example")));
            await Assert.ThrowsAsync<ForbiddenException>(() => f.Orgs.CreateAsync(Proposal(Unique("Viewer "), Unique("v") + ".example")));
        }
        finally { f.Store.ActAs(Roles.Staff); }
    }

    private const string Header = "name,tradingName,billingEmail,companyNumber,countryCode,vetted,merchant,accountManagerEmail,ownerEmail,ownerGivenName,ownerFamilyName";

    [Fact]
    public async Task TheImport_RunsTheSameCheck_EachWayOfMatchingRefusesItsRow_UnlessTheRowSaysNotDuplicate()
    {
        var (word, domain, number, owner) = (Unique("Willow"), Unique("willow") + ".example", Unique("W").ToUpperInvariant(), $"{Unique("olive")}@gmail.com");
        await ExistingAsync(Proposal($"{word} Ltd", domain, number: number, owner: owner));
        var csv = string.Join('\n',
            Header + ",notDuplicate",
            $"{Unique("A ")},,a@{Unique("a")}.example,{number},GB,,,,,,,", // row 1: company number
            $"{word} limited,,b@{Unique("b")}.example,,GB,,,,,,,", // row 2: name
            $"{Unique("C ")},,c@{domain},,DE,,,,,,,", // row 3: billing-email domain
            $"{Unique("D ")},,d@{Unique("d")}.example,,GB,,,,{owner},Olive,Owner,", // row 4: a member's email
            $"{Unique("E ")},,e@{domain},,GB,,,,{owner},Olive,Owner,true", // row 5: looks alike, but confirmed different
            $"{Unique("F ")},,f@{Unique("f")}.example,,GB,,,,,,,false") + "\n"; // row 6: nothing alike

        var report = await f.Import.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

        Assert.Equal(2, report.Imported);
        Assert.Equal([(1, "companyNumber"), (2, "name"), (3, "billingEmail"), (4, "ownerEmail")], report.Errors.Select(e => (e.Row, e.Field)));
        Assert.All(report.Errors, e => Assert.Contains($"{word} Ltd (GB:", e.Message));
        Assert.Contains("set notDuplicate to true", report.Errors[0].Message);
        Assert.Contains("notDuplicate", report.FailedRowsCsv!.Split('\n')[0]); // the failed rows come back with the column to set
    }

    [SqliteOnlyFact("EXPLAIN QUERY PLAN is SQLite's; on PostgreSQL the same lookups use the same B-tree indexes")]
    public async Task EveryLookupOfTheCheck_IsAnIndexSearch_NotAScan()
    {
        f.Sql.Clear();
        f.Sql.Recording = true;
        try { await f.Orgs.FindDuplicatesAsync(Proposal("Plan Check Ltd", "plan-check.example", number: "PLAN1", owner: "plan@check.example")); }
        finally { f.Sql.Recording = false; }

        var lookups = f.Sql.Commands; // number, name, domain, member email (no candidates: no fifth read)
        Assert.True(lookups.Count == 4, string.Join("\n---\n", lookups));
        await using var db = await f.Store.DbAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var sql in lookups)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var name in Regex.Matches(sql, "@[A-Za-z0-9_]+").Select(m => m.Value).Distinct()) explain.Parameters.AddWithValue(name, "x");
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
            Assert.All(plan, step => Assert.DoesNotMatch("^SCAN", step));
            Assert.Contains(plan, step => step.Contains("USING", StringComparison.Ordinal) && step.Contains("INDEX", StringComparison.Ordinal));
        }
    }
}
