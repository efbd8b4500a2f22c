namespace Portal.Domain.Common;

/// <summary>The small family of errors a service may throw; the API and the UI each map them in one place.</summary>
public abstract class DomainException(string message) : Exception(message);

public sealed class NotFoundException(string entity, object id)
    : DomainException($"{entity} '{id}' was not found.")
{
    public string Entity { get; } = entity;
    public object Id { get; } = id;
}

/// <summary>Input failed a rule; <see cref="Errors"/> is keyed by the field (property name) at fault.</summary>
public sealed class DomainValidationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException("One or more fields are invalid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static DomainValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The request is legal in form but not in the current state; <see cref="Code"/> is machine readable (e.g. <c>staff_user.self_demotion</c>).</summary>
public sealed class ConflictException(string code, string message) : DomainException(message)
{
    public string Code { get; } = code;
    /// <summary>What the caller needs to resolve it (e.g. the likely duplicates), sent as extra ProblemDetails members.</summary>
    public IReadOnlyDictionary<string, object?> Details { get; init; } = new Dictionary<string, object?>();
}

/// <summary>The caller saved from a stale copy: somebody else changed the record since it was read.</summary>
public sealed class ConcurrencyException(string entity, object id, long expectedVersion, long currentVersion)
    : DomainException($"{entity} '{id}' was changed by someone else (you had version {expectedVersion}, it is now {currentVersion}).")
{
    public string Entity { get; } = entity;
    public object Id { get; } = id;
    public long ExpectedVersion { get; } = expectedVersion;
    public long CurrentVersion { get; } = currentVersion;
}

public sealed class ForbiddenException(string message = "You do not have permission to do this.") : DomainException(message);
