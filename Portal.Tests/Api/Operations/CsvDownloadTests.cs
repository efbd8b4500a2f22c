using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Api;

namespace Portal.Tests.Api.Operations;

/// <summary>Every CSV export answers the same way: a download named after the list and the time by the app's clock.</summary>
public sealed class CsvDownloadTests
{
    [Fact]
    public void A_download_is_csv_named_after_the_list_and_the_clocks_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton<TimeProvider>(clock).BuildServiceProvider() };

        var body = ApiConventions.CsvDownload(http, "organisations");

        Assert.Same(http.Response.Body, body);
        Assert.Equal("text/csv; charset=utf-8", http.Response.ContentType);
        Assert.Equal("attachment; filename=\"organisations-20260304-0506.csv\"", http.Response.Headers.ContentDisposition.ToString());
    }
}
