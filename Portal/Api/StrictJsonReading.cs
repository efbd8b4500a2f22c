using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Portal.Domain.Common;

namespace Portal.Api;

/// <summary>
/// How the API reads a JSON body, set once for every endpoint: what the OpenAPI document says a field is, and nothing
/// else, is bound. A null for a field that is not nullable, an enum as a number (the document lists names only) and
/// text with control characters are refused while reading, so the 400 names the field and no service or validator
/// ever sees a null it was not written for.
/// </summary>
public static class StrictJsonReading
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.RespectNullableAnnotations = true; // "password": null is a 400 on password, not a NullReferenceException
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)); // "Active", never 1 (nor 999)
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(RefuseControlCharacters).WithAddedModifier(RefuseNullItems);
    }

    /// <summary>
    /// <see cref="JsonSerializerOptions.RespectNullableAnnotations"/> stops at a property: `"lines": [null]` still
    /// reads. A list whose items are declared non-nullable (<c>List&lt;ShipmentLine&gt;</c>, not
    /// <c>List&lt;ShipmentLine?&gt;</c>) refuses a null item here, so no validator or service meets one.
    /// </summary>
    private static void RefuseNullItems(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        var nullability = new System.Reflection.NullabilityInfoContext();
        var lists = type.Properties.Where(p => p.Get is not null && p.AttributeProvider is System.Reflection.PropertyInfo info
            && p.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType)
            && ItemsAreNonNullable(nullability.Create(info))).ToArray();
        if (lists.Length == 0) return;
        var previous = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            foreach (var property in lists)
                if (property.Get!(value) is System.Collections.IEnumerable items && items.Cast<object?>().Any(item => item is null))
                    throw new InvalidJsonValueException(property.Name, "An item of this list cannot be null.");
            previous?.Invoke(value);
        };
    }

    private static bool ItemsAreNonNullable(System.Reflection.NullabilityInfo list)
    {
        var item = list.ElementType ?? (list.GenericTypeArguments.Length == 1 ? list.GenericTypeArguments[0] : null);
        return item is { ReadState: System.Reflection.NullabilityState.NotNull } && !item.Type.IsValueType;
    }

    /// <summary>
    /// After an object is read, its text fields (and lists of text) must be plain text: a NUL or an escape code is never a
    /// name, a reason or a search, and PostgreSQL cannot store a NUL at all.
    /// </summary>
    private static void RefuseControlCharacters(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        var texts = type.Properties.Where(p => p.Get is not null
            && (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType))).ToArray();
        if (texts.Length == 0) return;
        var previous = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            foreach (var property in texts)
            {
                var bad = property.Get!(value) switch
                {
                    string text => PlainText.HasControlCharacters(text),
                    IEnumerable<string> list => list.Any(t => t is not null && PlainText.HasControlCharacters(t)),
                    _ => false,
                };
                if (bad) throw new InvalidJsonValueException(property.Name, "Text must not contain control characters.");
            }
            previous?.Invoke(value);
        };
    }
}

/// <summary>A value Portal itself refused while reading JSON: <see cref="Field"/> (within the object at the path) and a message for the caller.</summary>
public sealed class InvalidJsonValueException(string field, string message) : JsonException(message)
{
    public string Field { get; } = field;
}
