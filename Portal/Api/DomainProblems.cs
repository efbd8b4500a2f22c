using System.Text.Json;
using System.Text.RegularExpressions;
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
        // The middleware has logged an exception no mapping knows; an API caller still gets a ProblemDetails, not the HTML error page.
        var problem = ToProblem(exception) ?? new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError, Title = "Something went wrong on our side.",
            Detail = "Quote the correlationId if you report it.",
        };
        if (problem.Status < 500) log.LogInformation("{Method} {Path} answered {Status}: {Title}", http.Request.Method, path, problem.Status, problem.Title);
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
        ConflictException c => WithDetails(WithCode(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Not allowed in the current state.", Detail = c.Message }, c.Code), c.Details),
        PreconditionRequiredException p => WithCode(new ProblemDetails
        {
            Status = StatusCodes.Status428PreconditionRequired, Title = "If-Match is required.", Detail = p.Message,
        }, "concurrency.version_required"),
        ForbiddenException f => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = f.Message },
        BadHttpRequestException b => Unreadable(b),
        _ => null,
    };

    /// <summary>
    /// A request the binder could not read. When a field or parameter is to blame (a wrong type, a null where none is
    /// allowed, a number out of range, <c>dryRun=maybe</c>) the answer names it under <c>errors</c>, as the validator would.
    /// </summary>
    private static ProblemDetails Unreadable(BadHttpRequestException b)
    {
        var json = b.InnerException as JsonException;
        var detail = json is InvalidJsonValueException ? "A field has a value Portal does not accept."
            : json is not null ? $"The body is not valid JSON: {json.Message}" : b.Message;
        var field = json is InvalidJsonValueException refused ? Join(FieldOf(refused.Path), refused.Field)
            : json is { InnerException: JsonException } ? null // the text is not JSON at all (the reader's own error): no field to blame
            : json is not null ? FieldOf(json.Path)
            : BoundParameter.Match(b.Message) is { Success: true } m ? m.Groups["name"].Value : null;
        if (b.StatusCode != StatusCodes.Status400BadRequest || field is null)
        {
            return new ProblemDetails
            {
                Status = b.StatusCode, Title = b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
                Detail = detail,
            };
        }
        var message = json is InvalidJsonValueException ? json.Message : json is not null
            ? "This value cannot be read for this field: check that it has the field's type, is in range and is not null."
            : "This value cannot be read for this parameter: check its type.";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest, Title = "One or more fields are invalid.", Detail = detail,
        };
    }

    private static string Join(string? path, string field) => path is null ? field : $"{path}.{field}";

    /// <summary>"$.owner.email" is the field <c>owner.email</c>; "$" (the body as a whole) is no field.</summary>
    private static string? FieldOf(string? path) => path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The framework's words for a query or route value that does not read as its parameter's type.</summary>
    private static readonly Regex BoundParameter = new("^Failed to bind parameter \"[^\"]* (?<name>\\w+)\" from \"", RegexOptions.CultureInvariant);

    private static ProblemDetails WithDetails(ProblemDetails p, IReadOnlyDictionary<string, object?> details)
    {
        foreach (var (key, value) in details) p.Extensions[key] = value;
        return p;
    }

    private static ProblemDetails WithCode(ProblemDetails p, string code)
    {
        p.Extensions["code"] = code;
        return p;
    }
}
