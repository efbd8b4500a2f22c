using CsCheck;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Admin;

/// <summary>An API key's status (active, expired, revoked) for any expiry, revocation and moment (beside <see cref="ApiKeyServiceTests"/>).</summary>
public sealed class ApiKeyProperties
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    /// <summary>Moments around <see cref="Now"/>, to the millisecond, with "exactly now" often.</summary>
    private static readonly Gen<TimeSpan> Around = Gen.OneOf(
        Gen.Long[-10_000, 10_000].Select(ms => TimeSpan.FromMilliseconds(ms)),
        Gen.Long[-30, 30].Select(d => TimeSpan.FromDays(d)),
        Gen.Const(TimeSpan.Zero));

    /// <summary>A key with or without an expiry, revoked or not, each relative to <see cref="Now"/>.</summary>
    private static readonly Gen<(TimeSpan? Expires, TimeSpan? Revoked)> Shape =
        Gen.Select(Gen.Bool, Around, Gen.Bool, Around, (expires, e, revoked, r) => (expires ? e : (TimeSpan?)null, revoked ? r : (TimeSpan?)null));

    private static ApiKey KeyOf((TimeSpan? Expires, TimeSpan? Revoked) shape)
    {
        var (key, _) = ApiKey.Generate("k", Roles.Viewer, Now + shape.Expires, "test", Now - TimeSpan.FromDays(40));
        if (shape.Revoked is { } revoked) key.Revoke(Now + revoked);
        return key;
    }

    [Fact]
    public void StatusAt_IsRevokedOnceRevoked_ElseExpiredFromItsExpiry_ElseActive_AndOnlyActiveIsUsable() =>
        Gen.Select(Shape, Around).Sample((shape, at) =>
        {
            var key = KeyOf(shape);
            var now = Now + at;
            var expected = shape.Revoked is not null ? "Revoked" : key.ExpiresAt <= now ? "Expired" : "Active";
            Assert.Equal(expected, key.StatusAt(now));
            Assert.Equal(expected == "Active", key.IsUsable(now));
        });

    [Fact]
    public void AKeyThatStoppedWorking_NeverWorksAgainLater() =>
        Gen.Select(Shape, Around, Around).Sample((shape, a, b) =>
        {
            var key = KeyOf(shape);
            var (earlier, later) = a <= b ? (Now + a, Now + b) : (Now + b, Now + a);
            if (!key.IsUsable(earlier)) Assert.False(key.IsUsable(later), $"{key.StatusAt(earlier)} at {earlier:O}, {key.StatusAt(later)} at {later:O}");
        });

    [Fact]
    public async Task TheListsStatusFilter_InSql_AgreesWithEachKeysStatus()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var service = store.Get<ApiKeyService>();
        var now = store.Clock.GetUtcNow();

        await Shape.Array[1, 8].SampleAsync(async shapes =>
        {
            await using (var db = await store.DbAsync())
            {
                await db.ApiKeys.ExecuteDeleteAsync();
                foreach (var shape in shapes)
                {
                    var (key, _) = ApiKey.Generate($"key {Guid.NewGuid():N}", Roles.Viewer, now + shape.Expires, "test", now - TimeSpan.FromDays(40));
                    if (shape.Revoked is { } revoked) key.Revoke(now + revoked);
                    db.ApiKeys.Add(key);
                }
                await db.SaveChangesAsync();
            }
            var all = (await service.ListAsync(new ApiKeyQuery { PageSize = ListQuery.MaxPageSize })).Items;
            foreach (var status in new[] { "active", "expired", "revoked" })
            {
                var listed = (await service.ListAsync(new ApiKeyQuery { Status = status, PageSize = ListQuery.MaxPageSize })).Items;
                Assert.Equal(all.Where(k => k.Status.Equals(status, StringComparison.OrdinalIgnoreCase)).Select(k => k.Id).Order(),
                    listed.Select(k => k.Id).Order());
            }
        }, iter: 40, threads: 1); // one store, so one sample at a time
    }
}
