using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Admin;

public sealed class ApiKeyServiceTests
{
    private static CreateApiKey NewKey(string name = "Billing sync", string role = Roles.Staff, DateTimeOffset? expiresAt = null) =>
        new() { Name = name, Role = role, ExpiresAt = expiresAt };

    [Fact]
    public async Task Create_ReturnsThePlaintextOnce_AndStoresOnlyAHash()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin, email: "boss@example.com");
        var service = store.Get<ApiKeyService>();

        var created = await service.CreateAsync(NewKey());

        Assert.StartsWith($"ptl_{created.Key.Prefix}_", created.Plaintext);
        Assert.Equal("Active", created.Key.Status);
        Assert.Equal("boss@example.com", created.Key.CreatedBy);
        await using var db = await store.DbAsync();
        var stored = await db.ApiKeys.SingleAsync();
        Assert.NotEqual(Encoding.UTF8.GetBytes(created.Plaintext), stored.Hash);
        Assert.Equal(32, stored.Hash.Length);
        // Reading the key again gives its details but never the plaintext.
        var again = await service.GetAsync(created.Key.Id);
        Assert.Equal(created.Key.Prefix, again.Prefix);
        Assert.DoesNotContain(created.Plaintext, again.ToString());
    }

    [Fact]
    public async Task Create_ThePlaintextAppearsInNoColumnOfAnyTable()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var created = await store.Get<ApiKeyService>().CreateAsync(NewKey());
        var secretPart = created.Plaintext[$"ptl_{created.Key.Prefix}_".Length..]; // the secret may itself contain '_'

        var values = await AllStoredValuesAsync(store);

        Assert.Contains(values, v => v.Contains(created.Key.Prefix)); // the scan does see the key's row
        Assert.DoesNotContain(values, v => v.Contains(secretPart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Authenticate_WithTheIssuedKey_IdentifiesTheClient()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();
        var created = await service.CreateAsync(NewKey("Billing sync", Roles.Warehouse));
        store.ActAsAnonymous(); // the API authenticates before anyone is signed in

        var identity = await service.AuthenticateAsync(created.Plaintext);

        Assert.Equal(new ApiKeyIdentity(created.Key.Id, "Billing sync", Roles.Warehouse), identity);
    }

    [Fact]
    public async Task Authenticate_WithAWrongSecretBehindTheSamePrefix_IsRefused()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();
        var created = await service.CreateAsync(NewKey());
        var last = created.Plaintext[^1];
        var forged = created.Plaintext[..^1] + (last == 'A' ? 'B' : 'A');

        Assert.Null(await service.AuthenticateAsync(forged));
        Assert.Null(await service.AuthenticateAsync(created.Plaintext + "x"));
        Assert.Null(await service.AuthenticateAsync($"ptl_{created.Key.Prefix}_"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("ptl_")]
    [InlineData("ptl_0123456789abcdef")]
    public async Task Authenticate_WithSomethingNotShapedLikeAKey_IsRefused(string presented)
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        await store.Get<ApiKeyService>().CreateAsync(NewKey());

        Assert.Null(await store.Get<ApiKeyService>().AuthenticateAsync(presented));
    }

    [Fact]
    public async Task Authenticate_WithARevokedKey_IsRefused()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();
        var created = await service.CreateAsync(NewKey());
        Assert.NotNull(await service.AuthenticateAsync(created.Plaintext));

        await service.RevokeAsync(created.Key.Id, created.Key.Version);

        Assert.Null(await service.AuthenticateAsync(created.Plaintext));
    }

    [Fact]
    public async Task Authenticate_AfterTheKeyExpires_IsRefused()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();
        var created = await service.CreateAsync(NewKey(expiresAt: store.Clock.GetUtcNow().AddDays(30)));

        store.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await service.AuthenticateAsync(created.Plaintext));
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await service.AuthenticateAsync(created.Plaintext));
        Assert.Equal("Expired", (await service.GetAsync(created.Key.Id)).Status);
    }

    [Fact]
    public async Task Revoke_Twice_IsConflict()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();
        var created = await service.CreateAsync(NewKey());
        var revoked = await service.RevokeAsync(created.Key.Id, created.Key.Version);
        Assert.Equal("Revoked", revoked.Status);
        Assert.Equal(store.Clock.GetUtcNow(), revoked.RevokedAt);

        store.Clock.Advance(TimeSpan.FromHours(1));
        var ex = await Assert.ThrowsAsync<ConflictException>(() => service.RevokeAsync(created.Key.Id, revoked.Version));

        Assert.Equal("api_key.already_revoked", ex.Code);
        Assert.Equal(revoked.RevokedAt, (await service.GetAsync(created.Key.Id)).RevokedAt);
    }

    [Fact]
    public async Task Revoke_WithStaleVersion_IsConcurrencyError()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();
        var created = await service.CreateAsync(NewKey());

        await Assert.ThrowsAsync<ConcurrencyException>(() => service.RevokeAsync(created.Key.Id, created.Key.Version + 1));

        Assert.Equal("Active", (await service.GetAsync(created.Key.Id)).Status);
    }

    [Fact]
    public async Task Authenticate_WritesLastUsedAtAtMostOncePerMinute()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();
        var created = await service.CreateAsync(NewKey());
        Assert.Null(created.Key.LastUsedAt);
        var firstUse = store.Clock.GetUtcNow();

        await service.AuthenticateAsync(created.Plaintext);
        Assert.Equal(firstUse, (await service.GetAsync(created.Key.Id)).LastUsedAt);

        store.Clock.Advance(TimeSpan.FromSeconds(59));
        await service.AuthenticateAsync(created.Plaintext);
        Assert.Equal(firstUse, (await service.GetAsync(created.Key.Id)).LastUsedAt);

        store.Clock.Advance(TimeSpan.FromSeconds(1));
        await service.AuthenticateAsync(created.Plaintext);
        var row = await service.GetAsync(created.Key.Id);
        Assert.Equal(firstUse.AddMinutes(1), row.LastUsedAt);
        Assert.Equal(created.Key.Version, row.Version); // bookkeeping does not make a held copy stale
    }

    [Fact]
    public async Task Create_WithoutExpiry_ExpiresAfterTheMaximumLifetime()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);

        var created = await store.Get<ApiKeyService>().CreateAsync(NewKey());

        Assert.Equal(store.Clock.GetUtcNow().AddDays(365), created.Key.ExpiresAt);
        store.Clock.Advance(TimeSpan.FromDays(365));
        Assert.Null(await store.Get<ApiKeyService>().AuthenticateAsync(created.Plaintext));
    }

    [Fact]
    public async Task Create_WithExpiryPastTheMaximumLifetime_IsValidationErrorOnExpiresAt()
    {
        await using var store = await TestStore.CreateAsync(s => s.Configure<ApiKeyOptions>(o => o.MaxLifetime = TimeSpan.FromDays(30)));
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();

        var tooLate = await Assert.ThrowsAsync<DomainValidationException>(() => service.CreateAsync(NewKey(expiresAt: store.Clock.GetUtcNow().AddDays(31))));
        var inTime = await service.CreateAsync(NewKey(expiresAt: store.Clock.GetUtcNow().AddDays(30)));

        Assert.Equal(["expiresAt"], tooLate.Errors.Keys);
        Assert.Equal(store.Clock.GetUtcNow().AddDays(30), inTime.Key.ExpiresAt);
    }

    [Fact]
    public async Task Create_WithExpiryInThePast_IsValidationErrorOnExpiresAt()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();

        var past = await Assert.ThrowsAsync<DomainValidationException>(() => service.CreateAsync(NewKey(expiresAt: store.Clock.GetUtcNow().AddMinutes(-1))));
        var now = await Assert.ThrowsAsync<DomainValidationException>(() => service.CreateAsync(NewKey(expiresAt: store.Clock.GetUtcNow())));

        Assert.Equal(["expiresAt"], past.Errors.Keys);
        Assert.Equal(["expiresAt"], now.Errors.Keys);
        await using var db = await store.DbAsync();
        Assert.Equal(0, await db.ApiKeys.CountAsync());
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("role", "role")]
    public async Task Create_WithBadNameOrRole_IsFieldError(string bad, string field)
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var command = bad == "role" ? NewKey(role: "Root") : NewKey(name: bad);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => store.Get<ApiKeyService>().CreateAsync(command));

        Assert.Equal([field], ex.Errors.Keys);
    }

    [Theory]
    [InlineData("active", new[] { "Forever", "Next year" })]
    [InlineData("expired", new[] { "Trial week" })]
    [InlineData("revoked", new[] { "Leaked" })]
    [InlineData("REVOKED", new[] { "Leaked" })]
    [InlineData(null, new[] { "Forever", "Leaked", "Next year", "Trial week" })]
    public async Task List_FilteredByStatus_ShowsKeysInThatState(string? status, string[] expected)
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();
        var start = store.Clock.GetUtcNow();
        await service.CreateAsync(NewKey("Forever"));
        await service.CreateAsync(NewKey("Next year", expiresAt: start.AddYears(1)));
        await service.CreateAsync(NewKey("Trial week", expiresAt: start.AddDays(7)));
        var leaked = await service.CreateAsync(NewKey("Leaked", expiresAt: start.AddYears(1)));
        await service.RevokeAsync(leaked.Key.Id, leaked.Key.Version);
        store.Clock.Advance(TimeSpan.FromDays(8));

        var page = await service.ListAsync(new ApiKeyQuery { Status = status, Sort = "name" });

        Assert.Equal(expected, page.Items.Select(k => k.Name));
        Assert.Equal(expected.Length, page.Total);
        if (status is not null) Assert.All(page.Items, k => Assert.Equal(status, k.Status, ignoreCase: true));
    }

    [Fact]
    public async Task List_WithUnknownStatus_IsValidationErrorOnStatus()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => store.Get<ApiKeyService>().ListAsync(new ApiKeyQuery { Status = "paused" }));

        Assert.Equal(["status"], ex.Errors.Keys);
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Warehouse)]
    public async Task ManagingKeys_ByNonAdmin_IsForbidden(string role)
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();
        var created = await service.CreateAsync(NewKey());
        store.ActAs(role);

        await Assert.ThrowsAsync<ForbiddenException>(() => service.CreateAsync(NewKey("Mine")));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.ListAsync(new ApiKeyQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.GetAsync(created.Key.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.RevokeAsync(created.Key.Id, created.Key.Version));
        Assert.NotNull(await service.AuthenticateAsync(created.Plaintext));
    }

    /// <summary>Every value in every table, as text (blobs both as UTF-8 and as hex).</summary>
    internal static async Task<List<string>> AllStoredValuesAsync(TestStore store)
    {
        await using var db = await store.DbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = await StoredTables.NamesAsync(connection);
        var values = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.IsDBNull(i)) continue;
                    var value = reader.GetValue(i);
                    if (value is byte[] bytes) { values.Add(Encoding.UTF8.GetString(bytes)); values.Add(Convert.ToHexString(bytes)); }
                    else values.Add(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
        }
        return values;
    }
}
