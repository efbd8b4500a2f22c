using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Common;

namespace Portal.Api;

/// <summary>The one place a domain error becomes an HTTP answer (ProblemDetails with a <c>code</c> where it helps).</summary>
public sealed class DomainProblems(IProblemDetailsService problems, ILogger<DomainProblems> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // The middleware has already pointed Request.Path at the error page; the feature keeps the original.
        var path = http.Features.Get<IExceptionHandlerFeature>()?.Path ?? http.Request.Path;
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)) return false;
        var problem = ToProblem(exception);
        if (problem is null) return false;
        log.LogInformation("{Method} {Path} answered {Status}: {Title}", http.Request.Method, path, problem.Status, problem.Title);
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        DomainValidationException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest, Title = "One or more fields are invalid.",
        },
        NotFoundException n => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = n.Message },
        ConcurrencyException c => WithCode(new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed, Title = "The record was changed by someone else.",
            Detail = c.Message + " Read it again and reapply your change.",
        }, "concurrency.stale"),
        ConflictException c => WithCode(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Not allowed in the current state.", Detail = c.Message }, c.Code),
        PreconditionRequiredException p => WithCode(new ProblemDetails
        {
            Status = StatusCodes.Status428PreconditionRequired, Title = "If-Match is required.", Detail = p.Message,
        }, "concurrency.version_required"),
        ForbiddenException f => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = f.Message },
        BadHttpRequestException b => new ProblemDetails
        {
            Status = b.StatusCode, Title = b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
            Detail = b.InnerException is System.Text.Json.JsonException json ? $"The body is not valid JSON: {json.Message}" : b.Message,
        },
        _ => null,
    };

    private static ProblemDetails WithCode(ProblemDetails p, string code)
    {
        p.Extensions["code"] = code;
        return p;
    }
}
