using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Portal.Domain.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Api.Organisations;

/// <summary>/api/v1/organisations/import: good rows saved, bad rows reported, nothing else changed.</summary>
public sealed class OrganisationImportApiTests(PortalApiFactory factory) : IClassFixture<PortalApiFactory>
{
    private const string Url = "/api/v1/organisations/import";
    private const string Header = "name,tradingName,billingEmail,companyNumber,countryCode,vetted,merchant,accountManagerEmail,ownerEmail,ownerGivenName,ownerFamilyName\n";

    private static MultipartFormDataContent Upload(string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "organisations.csv" } };
    }

    private static async Task<int> CountAsync(HttpClient client, string tag) =>
        (await (await client.GetAsync($"/api/v1/organisations?q={tag}")).JsonAsync()).GetProperty("total").GetInt32();

    [Fact]
    public async Task SomeBadRows_GoodRowsSaved_BadRowsReported_WithAFailedRowsFile()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        var tag = Guid.NewGuid().ToString("N")[..8];

        var response = await staff.PostAsync(Url, Upload(Header +
            $"{tag} Alder Ltd,,a@alder.example,,GB,,,,,,\n" +
            $"{tag} Bad,,not-an-email,,XX,,,,,,\n" +
            $"{tag} Birch BV,,b@birch.example,,NL,true,,,owner@birch.example,Bea,Birch\n"));

        var report = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, report.GetProperty("total").GetInt32());
        Assert.Equal(2, report.GetProperty("imported").GetInt32());
        Assert.Equal(["billingEmail", "countryCode"], report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order());
        Assert.Contains($"{tag} Bad", report.GetProperty("failedRowsCsv").GetString());
        Assert.Equal(2, await CountAsync(staff, tag));
    }

    [Fact]
    public async Task WrongHeaders_Is400OnFile_DryRunSavesNothing_ViewerIs403_TemplateHasTheColumns()
    {
        using var staff = await factory.ClientWithRoleAsync(Roles.Staff);
        using var viewer = await factory.ClientWithRoleAsync(Roles.Viewer);
        var tag = Guid.NewGuid().ToString("N")[..8];

        await (await staff.PostAsync(Url, Upload("organisation,email\nX,x@x.example\n"))).ShouldHaveFieldErrorsAsync("file");
        var dry = await staff.PostAsync($"{Url}?dryRun=true", Upload(Header + $"{tag} Dry Ltd,,d@dry.example,,GB,,,,,,\n"));
        Assert.Equal(0, (await dry.JsonAsync()).GetProperty("imported").GetInt32());
        Assert.Equal(0, await CountAsync(staff, tag));
        await (await viewer.PostAsync(Url, Upload(Header))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var template = await (await staff.GetAsync($"{Url}/template")).Content.ReadAsStringAsync();
        Assert.StartsWith(Header.TrimEnd('\n'), template);
    }
}
