using FluentValidation;
using Portal.Domain.Common;

namespace Portal.Components.Shared;

/// <summary>
/// Bridges a FluentValidation validator to MudForm's <c>Validation</c> func, so each rule shows under its field as
/// the user types. Errors only the server can find (e.g. "email already used") are shown the same way until that
/// field changes.
/// </summary>
public sealed class ModelValidator<T>(IValidator<T> validator)
{
    private readonly Dictionary<string, (object? Value, string[] Messages)> _serverErrors = new(StringComparer.OrdinalIgnoreCase);

    public Func<object, string, Task<IEnumerable<string>>> ValidateValue => async (model, propertyName) =>
    {
        var result = await validator.ValidateAsync(ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(propertyName)));
        var messages = result.Errors.Select(e => e.ErrorMessage).ToList();
        if (_serverErrors.TryGetValue(propertyName, out var server))
        {
            if (Equals(ValueOf(model, propertyName), server.Value)) messages.AddRange(server.Messages);
            else _serverErrors.Remove(propertyName);
        }
        return messages;
    };

    /// <summary>Remembers the server's field errors against the values they were about; returns those with no field on the form.</summary>
    public IReadOnlyList<string> SetServerErrors(T model, DomainValidationException error)
    {
        var unplaced = new List<string>();
        foreach (var (field, messages) in error.Errors)
        {
            var property = typeof(T).GetProperties().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
            if (property is null) unplaced.AddRange(messages);
            else _serverErrors[property.Name] = (property.GetValue(model), messages);
        }
        return unplaced;
    }

    private static object? ValueOf(object model, string propertyName) => model.GetType().GetProperty(propertyName)?.GetValue(model);
}
