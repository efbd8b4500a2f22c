using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
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
        db.OutboxEmails.Add(OutboxEmail.Create(AdminDemoData.DemoUsers[1].Email, new DemoWelcomeEmail("Sam"), clock.GetUtcNow().AddDays(-1)));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The sample email the demo outbox starts with.</summary>
internal sealed record DemoWelcomeEmail(string GivenName) : Email
{
    protected override string RenderSubject() => "Welcome to Portal";
    protected override string RenderText() => $"Hello {GivenName},\n\nYour Portal account is ready.\n";
}
