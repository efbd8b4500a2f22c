using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Store;

namespace Portal.Domain.Outbox;

/// <summary>One waiting email, so Admin → Outbox shows a row.</summary>
public sealed class OutboxDemoData(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock) : IDemoDataSeeder
{
    public int Order => 200;

    /// <summary>Once: nothing when the outbox has any email.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.OutboxEmails.AnyAsync(ct)) return;
        db.OutboxEmails.Add(OutboxEmail.Create(AdminDemoData.DemoUsers[1].Email, "Welcome to Portal", "Hello Sam,\n\nYour Portal account is ready.\n",
            clock.GetUtcNow().AddDays(-1)));
        await db.SaveChangesAsync(ct);
    }
}
