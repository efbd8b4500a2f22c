using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Portal.Domain.Common;
using Portal.Tests.Support;
using static Portal.Tests.Api.ApiTestExtensions;

namespace Portal.Tests.Api.Admin;

/// <summary>/api/v1/staff-users/import and /export: CSV in and out, with per-row errors.</summary>
public sealed class StaffUserCsvApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    /// <summary>The file as a text/csv body: a signed-in person's form upload also needs the antiforgery token (CsvImportForgeryTests).</summary>
    private static ByteArrayContent Upload(string csv, Encoding? encoding = null)
    {
        var file = new ByteArrayContent((encoding ?? Encoding.UTF8).GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return file;
    }

    [Fact]
    public async Task Import_WithSomeBadRows_SavesTheGoodOnes_AndReportsTheRest()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        var tag = Guid.NewGuid().ToString("N")[..8];

        var response = await admin.PostAsync("/api/v1/staff-users/import", Upload(
            "email,displayName,roles\n" +
            $"good1-{tag}@example.com,Good One,Staff\n" +
            $"bad-{tag},Bad Email,Staff\n" +
            $"good2-{tag}@example.com,Good Two,Viewer;Warehouse\n" +
            $"norole-{tag}@example.com,No Role,Chief\n"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        Assert.Equal(4, report.GetProperty("total").GetInt32());
        Assert.Equal(2, report.GetProperty("imported").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 2 && e.GetProperty("field").GetString() == "email");
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 4 && e.GetProperty("field").GetString() == "roles");
        Assert.Contains($"bad-{tag}", report.GetProperty("failedRowsCsv").GetString());

        var list = await (await admin.GetAsync($"/api/v1/staff-users?q={tag}")).JsonAsync();
        Assert.Equal(2, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Import_WithWrongHeaders_Is400OnFile_AndSavesNothing()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);

        var response = await admin.PostAsync("/api/v1/staff-users/import", Upload("mail,name\nx@example.com,X\n"));

        var problem = await response.ShouldHaveFieldErrorsAsync("file");
        Assert.Contains("email, displayName, roles", problem.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task Import_DryRun_ChecksWithoutSaving()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        var email = $"dry-{Guid.NewGuid():N}@example.com";

        var response = await admin.PostAsync("/api/v1/staff-users/import?dryRun=true", Upload($"email,displayName,roles\n{email},Dry Run,Staff\n"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.JsonAsync()).GetProperty("imported").GetInt32());
        var list = await (await admin.GetAsync($"/api/v1/staff-users?q={email}")).JsonAsync();
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Import_ByAViewer_Is403()
    {
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        var response = await viewer.PostAsync("/api/v1/staff-users/import", Upload("email,displayName,roles\n"));
        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Export_StreamsTheFilteredList_AsCsv()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await factory.ArrangeStaffUserAsync(NewStaffUser($"Export {tag} A", Roles.Warehouse));
        await factory.ArrangeStaffUserAsync(NewStaffUser($"Export {tag} B", Roles.Viewer));

        var response = await admin.GetAsync($"/api/v1/staff-users/export?q={tag}&role=Warehouse");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains($"Export {tag} A", lines[1]);
    }

    [Fact]
    public async Task Export_WithABadSort_Is400_NotAHalfWrittenFile()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        var response = await admin.GetAsync("/api/v1/staff-users/export?sort=password");
        await response.ShouldHaveFieldErrorsAsync("sort");
    }

    [Fact]
    public async Task Template_HasTheImportColumns()
    {
        using var admin = await factory.SignedInClientAsync(Roles.Admin);
        var text = await admin.GetStringAsync("/api/v1/staff-users/import/template");
        Assert.StartsWith("email,displayName,roles", text);
    }
}
