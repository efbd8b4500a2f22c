using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Portal.Domain.Common;

namespace Portal.Api;

/// <summary>Paging envelope, ETag and If-Match: written once, used by every area's endpoints.</summary>
public static class ApiConventions
{
    public static string ETagOf(long version) => $"\"{version}\"";

    public static Ok<T> OkWithETag<T>(HttpContext http, T body, long version)
    {
        http.Response.Headers.ETag = ETagOf(version);
        return TypedResults.Ok(body);
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

    /// <summary>An import's CSV file: the request body (text/csv) or a form upload named "file".</summary>
    public static async Task<Stream> CsvBodyAsync(HttpRequest request, CancellationToken ct)
    {
        await CsvUploadGuard.EnsureNotForgedAsync(request);
        if (!request.HasFormContentType) return request.Body;
        var form = await request.ReadFormAsync(ct);
        return form.Files.GetFile("file")?.OpenReadStream()
               ?? throw DomainValidationException.For("file", "Upload the CSV file in a form field named \"file\".");
    }

    public static RouteHandlerBuilder ProducesDomainProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
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

/// <summary>The list query parameters every list endpoint accepts (DESIGN.md API conventions).</summary>
public record ListParameters(int? Page, int? PageSize, string? Sort, string? Q)
{
    public T ToQuery<T>(T query) where T : ListQuery =>
        query with { Page = Page ?? 1, PageSize = PageSize ?? ListQuery.DefaultPageSize, Sort = Sort, Q = Q };
}
