using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Admin;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Domain.Common;

public sealed class CsvImportTests
{
    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Import_SavesGoodRows_ReportsBadRows_AndChangesNothingElse()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var users = store.Get<StaffUserService>();
        await users.CreateAsync(new CreateStaffUser { Email = "taken@example.com", DisplayName = "Taken", Roles = [Roles.Staff], Password = "Correct-Horse-9" });

        var report = await users.ImportAsync(Csv(
            "email,displayName,roles\n" +
            "ann@example.com,Ann Able,Staff\n" +
            "not-an-email,Bad Email,Staff\n" +
            "taken@example.com,Taken Again,Viewer\n" +
            "bob@example.com,Bob Baker,staff;viewer\n" +
            "cat@example.com,,Boss\n" +
            "ann@example.com,Ann Twice,Staff\n"));

        Assert.Equal(6, report.Total);
        Assert.Equal(2, report.Imported);
        Assert.Contains(report.Errors, e => e is { Row: 2, Field: "email" });
        Assert.Contains(report.Errors, e => e.Row == 3 && e.Message.Contains("already exists"));
        Assert.Contains(report.Errors, e => e is { Row: 5, Field: "displayName" });
        Assert.Contains(report.Errors, e => e is { Row: 5, Field: "roles" });
        Assert.Contains(report.Errors, e => e.Row == 6 && e.Message.Contains("twice"));
        Assert.NotNull(report.FailedRowsCsv);
        Assert.StartsWith("email,displayName,roles,error", report.FailedRowsCsv);
        Assert.Equal(5, report.FailedRowsCsv!.Trim().Split('\n').Length); // header + 4 failed rows

        await using var db = await store.DbAsync();
        Assert.Equal(3, await db.Users.CountAsync());
        var bob = await db.Users.SingleAsync(u => u.Email == "bob@example.com");
        Assert.Null(bob.PasswordHash); // an Admin sets the first password
        Assert.Equal(2, await db.UserRoles.CountAsync(r => r.UserId == bob.Id));
        Assert.Equal(3, await db.OutboxEmails.CountAsync()); // one welcome each, none for the bad rows
    }

    [Fact]
    public async Task Import_DryRun_SavesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var report = await store.Get<StaffUserService>().ImportAsync(Csv("email,displayName,roles\nann@example.com,Ann,Staff\n"), dryRun: true);

        Assert.Equal(0, report.Imported);
        Assert.Empty(report.Errors);
        await using var db = await store.DbAsync();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Theory]
    [InlineData("mail,name,roles\nann@example.com,Ann,Staff\n", "The columns must be: email, displayName, roles.")]
    [InlineData("", "The file is empty.")]
    public async Task Import_WithWrongHeaders_IsRefusedWhole(string text, string message)
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => store.Get<StaffUserService>().ImportAsync(Csv(text)));
        Assert.StartsWith(message, error.Errors["file"][0]);
    }

    [Fact]
    public async Task Import_OfAFileThatIsNotUtf8_IsRefusedWithHowToFixIt()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var latin1 = Encoding.Latin1.GetBytes("email,displayName,roles\nzoe@example.com,Zoë Ström,Staff\n");
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => store.Get<StaffUserService>().ImportAsync(new MemoryStream(latin1)));
        Assert.Contains("CSV UTF-8", error.Errors["file"][0]);
    }

    [Fact]
    public async Task Import_IsForAdminsOnly()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Staff);
        await Assert.ThrowsAsync<ForbiddenException>(() => store.Get<StaffUserService>().ImportAsync(Csv("email,displayName,roles\n")));
    }

    [Fact]
    public async Task Export_WritesTheFilteredUsers_AndNeutralisesFormulas()
    {
        await using var store = await TestStore.CreateAsync();
        store.ActAs(Roles.Admin);
        var users = store.Get<StaffUserService>();
        await users.CreateAsync(new CreateStaffUser { Email = "w@example.com", DisplayName = "=HYPERLINK(\"x\")", Roles = [Roles.Warehouse], Password = "Correct-Horse-9" });
        await users.CreateAsync(new CreateStaffUser { Email = "v@example.com", DisplayName = "Vera", Roles = [Roles.Viewer], Password = "Correct-Horse-9" });

        using var output = new MemoryStream();
        await users.ExportAsync(new StaffUserQuery { Role = Roles.Warehouse }, output);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Trim().Split('\n');

        Assert.Equal("email,displayName,roles,disabled,createdAt,lastSignInAt", lines[0].TrimEnd('\r'));
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("w@example.com,", lines[1]);
        Assert.Contains("'=HYPERLINK", lines[1]); // a spreadsheet shows it as text instead of running it
        Assert.Contains(",Warehouse,", lines[1]);
    }
}
