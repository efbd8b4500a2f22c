using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain;
using Portal.Domain.Audit;
using Portal.Domain.Common;
using Portal.Domain.Organisations;
using Portal.Tests.Components.Organisations;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Organisations;

public sealed class BankDetailsServiceTests : IAsyncLifetime
{
    private TestStore _store = default!;
    private OrganisationService Orgs => _store.Get<OrganisationService>();
    private OrganisationBankDetailsService BankDetails => _store.Get<OrganisationBankDetailsService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        _store.ActAs(Roles.Staff);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static UpdateBankDetails Details(long version, string sortCode = "12-34-56", string accountNumber = "12345678") => new()
    {
        AccountHolderName = "Up Marden Farms Ltd", BankName = "Barclays", SortCode = sortCode, AccountNumber = accountNumber, Version = version,
    };

    [Theory]
    [InlineData("12-34-56", "12345678")]
    [InlineData("12 34 56", "1234 5678")]
    [InlineData("123456", "12-34-56-78")]
    public async Task Set_AcceptsWhatPeopleType_StoresItCanonically_AndShowsItMasked(string sortCode, string accountNumber)
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");

        var (billing, version) = await BankDetails.SetAsync(org.Id, Details(org.Version, sortCode, accountNumber));

        var masked = billing.BankDetails!;
        Assert.Equal(("••-••-56", "••••5678"), (masked.SortCode, masked.AccountNumber));
        Assert.Equal(("Up Marden Farms Ltd", "Barclays"), (masked.AccountHolderName, masked.BankName));
        Assert.Equal("accounts@example.com", billing.BillingEmail);
        Assert.Equal(org.Version + 1, version); // part of the organisation: its version moves
        Assert.Equal(version, billing.Version);
        _store.ActAs(Roles.Admin);
        var revealed = await BankDetails.RevealAsync(org.Id);
        Assert.Equal(("12-34-56", "12345678"), (revealed.SortCode, revealed.AccountNumber));
    }

    [Theory]
    [InlineData("accountHolderName", " ")]
    [InlineData("accountHolderName", "LONG")]
    [InlineData("bankName", "LONG")]
    [InlineData("sortCode", "12-34-5")]
    [InlineData("sortCode", "12-34-5a")]
    [InlineData("sortCode", "1234567")]
    [InlineData("sortCode", "١٢٣٤٥٦")] // Arabic-Indic digits are digits, but not a sort code
    [InlineData("sortCode", "")]
    [InlineData("accountNumber", "1234567")]
    [InlineData("accountNumber", "1234567890123456789")]
    [InlineData("accountNumber", "1234567X")]
    [InlineData("accountNumber", "")]
    public async Task Set_WithABadField_IsAFieldError_AndChangesNothing(string field, string value)
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var command = Details(org.Version);
        var text = value == "LONG" ? new string('a', 200) : value;
        switch (field)
        {
            case "accountHolderName": command.AccountHolderName = text; break;
            case "bankName": command.BankName = text; break;
            case "sortCode": command.SortCode = text; break;
            case "accountNumber": command.AccountNumber = text; break;
        }

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => BankDetails.SetAsync(org.Id, command));

        Assert.Equal([field], error.Errors.Keys);
        Assert.False(string.IsNullOrWhiteSpace(error.Errors[field][0]));
        var billing = await BankDetails.GetAsync(org.Id);
        Assert.Null(billing.BankDetails);
        Assert.Equal(org.Version, billing.Version);
    }

    [Fact]
    public async Task TheDatabase_HoldsNeitherTheSortCodeNorTheAccountNumberInPlainText_NorDoesTheAuditTrail()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        await BankDetails.SetAsync(org.Id, Details(org.Version, "40-47-84", "31926819"));

        await using var db = await _store.DbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var raw = new List<string>();
        foreach (var table in new[] { "OrganisationBankDetails", "AuditEntries" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    raw.Add(reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] b ? Convert.ToBase64String(b) : reader.GetValue(i).ToString()!);
        }
        var all = string.Join("|", raw);
        Assert.Contains("Up Marden Farms Ltd", all); // the rows were read
        foreach (var secret in new[] { "31926819", "40-47-84", "404784", "40 47 84" })
            Assert.DoesNotContain(secret, all);
    }

    [Fact]
    public async Task AnotherInstance_WithTheSameKeyRing_CanDecrypt()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        await BankDetails.SetAsync(org.Id, Details(org.Version, "40-47-84", "31926819"));
        await using var db = await _store.DbAsync();
        var connectionString = db.Database.GetConnectionString()!;

        // A second app instance: its own service provider and Data Protection system, the same database (and so key ring).
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(_store.Clock);
        services.AddPortalDomain(connectionString, TestDatabase.Provider);
        await using var other = services.BuildServiceProvider();
        await using var scope = other.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().Principal = TestStore.Principal(Guid.CreateVersion7(), Roles.Admin, "other@test.example");

        var revealed = await scope.ServiceProvider.GetRequiredService<OrganisationBankDetailsService>().RevealAsync(org.Id);

        Assert.Equal(("40-47-84", "31926819"), (revealed.SortCode, revealed.AccountNumber));
        Assert.Single(await db.DataProtectionKeys.ToListAsync());
    }

    [Fact]
    public async Task Reveal_IsForAdminsOnly_AndEachRevealIsAudited()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        await BankDetails.SetAsync(org.Id, Details(org.Version));

        _store.ActAs(Roles.Viewer);
        await Assert.ThrowsAsync<ForbiddenException>(() => BankDetails.RevealAsync(org.Id));
        _store.ActAs(Roles.Staff);
        await Assert.ThrowsAsync<ForbiddenException>(() => BankDetails.RevealAsync(org.Id));
        _store.ActAs(Roles.Admin, email: "ada@test.example");
        await BankDetails.RevealAsync(org.Id);
        _store.Clock.Advance(TimeSpan.FromMinutes(5));
        await BankDetails.RevealAsync(org.Id);

        var history = await _store.Get<AuditService>().HistoryAsync(nameof(OrganisationBankDetails), org.Id.ToString(), new ListQuery());
        var reveals = history.Items.Where(e => e.Action == AuditActions.Revealed).ToList();
        Assert.Equal(2, reveals.Count);
        Assert.All(reveals, r => Assert.Equal("ada@test.example", r.Actor));
        Assert.Equal([_store.Clock.GetUtcNow(), _store.Clock.GetUtcNow().AddMinutes(-5)], reveals.Select(r => r.At));
    }

    [Fact]
    public async Task Changes_AreAudited_WithTheSecretsRedacted()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        // A minute between the changes: History orders by time, and entries of one instant have no order of their own.
        var billing = await BankDetails.SetAsync(org.Id, Details(org.Version));
        _store.Clock.Advance(TimeSpan.FromMinutes(1));
        billing = await BankDetails.SetAsync(org.Id, Details(billing.Version, accountNumber: "87654321"));
        _store.Clock.Advance(TimeSpan.FromMinutes(1));
        await BankDetails.RemoveAsync(org.Id, billing.Version);

        _store.ActAs(Roles.Admin);
        var history = await _store.Get<AuditService>().HistoryAsync(nameof(OrganisationBankDetails), org.Id.ToString(), new ListQuery());
        Assert.Equal([AuditActions.Deleted, AuditActions.Updated, AuditActions.Created], history.Items.Select(e => e.Action));
        var created = history.Items[2];
        Assert.Equal(AuditInterceptor.Redacted, created.Changes.Single(c => c.Field == "protectedSortCode").To);
        Assert.Equal(AuditInterceptor.Redacted, created.Changes.Single(c => c.Field == "protectedAccountNumber").To);
        // The replacement changed the account number only: the sort code, encrypted again, is not reported as changed.
        var updated = history.Items[1];
        Assert.Contains(updated.Changes, c => c.Field == "protectedAccountNumber" && c.From == AuditInterceptor.Redacted && c.To == AuditInterceptor.Redacted);
        Assert.DoesNotContain(updated.Changes, c => c.Field == "protectedSortCode");
    }

    [Fact]
    public async Task Remove_TakesThemAway_AndRemovingNothingIsNotFound()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var set = await BankDetails.SetAsync(org.Id, Details(org.Version));

        var version = await BankDetails.RemoveAsync(org.Id, set.Version);

        var billing = await BankDetails.GetAsync(org.Id);
        Assert.Null(billing.BankDetails);
        Assert.Equal(org.Version + 2, version);
        Assert.Equal(version, billing.Version);
        await Assert.ThrowsAsync<NotFoundException>(() => BankDetails.RemoveAsync(org.Id, version));
        _store.ActAs(Roles.Admin);
        await Assert.ThrowsAsync<NotFoundException>(() => BankDetails.RevealAsync(org.Id));
    }

    [Fact]
    public async Task A_stale_version_is_a_concurrency_conflict()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        await BankDetails.SetAsync(org.Id, Details(org.Version));

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => BankDetails.SetAsync(org.Id, Details(org.Version, accountNumber: "99999999")));

        Assert.Equal(org.Version + 1, error.CurrentVersion);
        await Assert.ThrowsAsync<ConcurrencyException>(() => BankDetails.RemoveAsync(org.Id, org.Version));
    }

    [Fact]
    public async Task An_archived_organisation_is_read_only()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        var billing = await BankDetails.SetAsync(org.Id, Details(org.Version));
        var archived = await Orgs.ArchiveAsync(org.Id, new ChangeStatus { Reason = "Closed down", Version = billing.Version });

        var error = await Assert.ThrowsAsync<ConflictException>(() => BankDetails.SetAsync(org.Id, Details(archived.Organisation.Version)));
        Assert.Equal("organisation.archived", error.Code);
        error = await Assert.ThrowsAsync<ConflictException>(() => BankDetails.RemoveAsync(org.Id, archived.Organisation.Version));
        Assert.Equal("organisation.archived", error.Code);
        Assert.Equal("••••5678", (await BankDetails.GetAsync(org.Id)).BankDetails!.AccountNumber); // still readable
    }

    [Fact]
    public async Task Viewers_read_masked_but_cannot_change_and_warehouse_staff_see_nothing()
    {
        var org = await Orgs.CreateAsync("Up Marden Farms");
        await BankDetails.SetAsync(org.Id, Details(org.Version));
        var current = await BankDetails.GetAsync(org.Id);

        _store.ActAs(Roles.Viewer);
        Assert.Equal("••-••-56", (await BankDetails.GetAsync(org.Id)).BankDetails!.SortCode);
        await Assert.ThrowsAsync<ForbiddenException>(() => BankDetails.SetAsync(org.Id, Details(current.Version)));
        await Assert.ThrowsAsync<ForbiddenException>(() => BankDetails.RemoveAsync(org.Id, current.Version));
        _store.ActAs(Roles.Warehouse);
        await Assert.ThrowsAsync<ForbiddenException>(() => BankDetails.GetAsync(org.Id));
        _store.ActAsAnonymous();
        await Assert.ThrowsAsync<ForbiddenException>(() => BankDetails.GetAsync(org.Id));
    }

    [Fact]
    public async Task An_unknown_organisation_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => BankDetails.GetAsync(Guid.CreateVersion7()));
        await Assert.ThrowsAsync<NotFoundException>(() => BankDetails.SetAsync(Guid.CreateVersion7(), Details(1)));
    }
}
