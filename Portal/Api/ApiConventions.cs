using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Portal.Domain.Common;

namespace Portal.Api;

/// <summary>
/// Paging envelope, ETag and If-Match: written once, used by every area's endpoints. A part of an aggregate answers one
/// way per verb: POST 201 with the item at its own <c>Location</c>, PUT and state actions 200 with the item, DELETE 204;
/// always with the aggregate's ETag.
/// </summary>
public static class ApiConventions
{
    public static string ETagOf(long version) => $"\"{version}\"";

    /// <summary>200 with the body; the ETag is the version of its aggregate (for a part, the aggregate's version).</summary>
    public static Ok<T> OkWithETag<T>(HttpContext http, T body, long version)
    {
        http.Response.Headers.ETag = ETagOf(version);
        return TypedResults.Ok(body);
    }

    /// <summary>A changed part (PUT, or a state action on it): 200 with the part and the aggregate's new ETag.</summary>
    public static Ok<T> OkWithETag<T>(HttpContext http, PartResult<T> change) => OkWithETag(http, change.Item, change.Version);

    /// <summary>201 with what was created, its own URL in <c>Location</c>, and the ETag of its aggregate.</summary>
    public static Created<T> CreatedWithETag<T>(HttpContext http, string location, T body, long version)
    {
        http.Response.Headers.ETag = ETagOf(version);
        return TypedResults.Created(location, body);
    }

    /// <summary>An added part: 201 with the part at its own URL and the aggregate's new ETag.</summary>
    public static Created<T> CreatedWithETag<T>(HttpContext http, string location, PartResult<T> change) =>
        CreatedWithETag(http, location, change.Item, change.Version);

    /// <summary>A removed part (or a switch turned off): 204 with the aggregate's new ETag, the next If-Match.</summary>
    public static NoContent NoContentWithETag(HttpContext http, long version)
    {
        http.Response.Headers.ETag = ETagOf(version);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The version the client read: from <c>If-Match</c> when sent, else from the body. A state action with
    /// neither is refused (428), because applying it blind could overwrite a change the caller never saw.
    /// <c>If-Match</c> follows RFC 9110: <c>*</c> matches any current version, and a well-formed tag that names no
    /// version of Portal's (<c>"abc"</c>) matches none (412); only a header that is not an entity-tag at all is a 400.
    /// A weak tag (<c>W/"3"</c>, as compressing proxies rewrite them) is taken for its version.
    /// </summary>
    public static long RequiredVersion(HttpContext http, long? bodyVersion = null)
    {
        var ifMatch = http.Request.Headers[HeaderNames.IfMatch].ToString();
        if (!string.IsNullOrEmpty(ifMatch))
        {
            if (!EntityTagHeaderValue.TryParseStrictList([ifMatch], out var tags) || tags.Count != 1)
                throw DomainValidationException.For("If-Match", "If-Match must be the one ETag you read, e.g. \"3\", or *.");
            var tag = tags[0];
            if (tag.Equals(EntityTagHeaderValue.Any)) return VersionedExtensions.AnyVersion;
            return long.TryParse(tag.Tag.AsSpan().Trim('"'), System.Globalization.NumberStyles.None, null, out var version) && version > 0
                ? version : VersionedExtensions.NoVersion;
        }
        if (bodyVersion is > 0) return bodyVersion.Value;
        throw new PreconditionRequiredException();
    }

    /// <summary>Makes the response a CSV download named <c>NAME-yyyyMMdd-HHmm.csv</c> (the clock's time) and gives the body to stream the rows into.</summary>
    public static Stream CsvDownload(HttpContext http, string name)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{now:yyyyMMdd-HHmm}.csv\"";
        return http.Response.Body;
    }

    /// <summary>An import's CSV file: the request body (text/csv) or a form upload named "file".</summary>
    public static async Task<Stream> CsvBodyAsync(HttpRequest request, CancellationToken ct)
    {
        await CsvUploadGuard.EnsureNotForgedAsync(request);
        if (!request.HasFormContentType) return request.Body;
        var form = await request.ReadFormAsync(ct);
        return form.Files.GetFile("file")?.OpenReadStream()
               ?? throw DomainValidationException.For("file", "Upload the CSV file in a form field named \"file\".");
    }

    /// <summary>The problems a route can answer besides 401 and 403 (which the /api/v1 group declares for every route).</summary>
    public static RouteHandlerBuilder ProducesDomainProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            if (status == StatusCodes.Status400BadRequest) builder.ProducesValidationProblem();
            else builder.ProducesProblem(status);
        }
        return builder;
    }
}

/// <summary>A change sent without the version it was based on.</summary>
public sealed class PreconditionRequiredException()
    : Exception("Send If-Match with the ETag you read (or the version in the body) so a change made meanwhile is not overwritten.");
