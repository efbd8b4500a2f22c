using FluentValidation;

namespace Portal.Domain.Common;

public static class ValidationExtensions
{
    /// <summary>Runs a command's validator inside the service and turns failures into field errors.</summary>
    public static async Task ValidateOrThrowAsync<T>(this IValidator<T> validator, T command, CancellationToken ct = default)
    {
        var result = await validator.ValidateAsync(command, ct);
        if (result.IsValid) return;
        throw new DomainValidationException(result.Errors
            .GroupBy(e => JsonName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
    }

    /// <summary>Field keys are camelCase, matching the API's JSON and the form's field names ("owner.email").</summary>
    public static string JsonName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.NotEmpty().WithMessage("Enter an email address.")
            .MaximumLength(maxLength).WithMessage($"An email address must be {maxLength} characters or fewer.")
            .Must(e => e is null || System.Text.RegularExpressions.Regex.IsMatch(e.Trim(), EmailPattern))
            .WithMessage("Enter an email address like name@example.com.");

    /// <summary>One @, no spaces, and a dot in the domain: catches the typos people make without rejecting real addresses.</summary>
    public const string EmailPattern = @"^[^@\s]+@[^@\s]+\.[^@\s]+$";
}
