using System.Globalization;
using System.Reflection;

namespace Portal.Domain.Common;

/// <summary>
/// The one mapping between a list's query record (<see cref="ListQuery"/> plus the area's filters) and query-string keys.
/// The API binds it, the list page keeps it in its address and the CSV export link is written from it, so a key is
/// named once — after its property, camelCase, as in the JSON (<c>AccountManagerId</c> is <c>accountManagerId</c>).
/// </summary>
public static class QueryKeys<T> where T : ListQuery, new()
{
    private sealed record Key(string Name, PropertyInfo Property, Type Type, string? FormerName);

    private static readonly Key[] All = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
        .OrderBy(p => p.DeclaringType == typeof(ListQuery) ? 0 : 1) // page, pageSize, sort, q first
        .Select(p => new Key(ValidationExtensions.JsonName(p.Name), p, Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType,
            p.GetCustomAttribute<FormerQueryKeyAttribute>()?.Name))
        .ToArray();

    private static readonly T Defaults = new();

    /// <summary>Every key, the shared list keys (page, pageSize, sort, q) first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    /// <summary>The area's own filter keys (without page, pageSize, sort and q).</summary>
    public static IReadOnlyList<string> FilterNames { get; } =
        [.. All.Where(k => k.Property.DeclaringType != typeof(ListQuery)).Select(k => k.Name)];

    /// <summary>Names keys had before (<see cref="FormerQueryKeyAttribute"/>), read but no longer written.</summary>
    public static IReadOnlyList<string> FormerNames { get; } = [.. All.Where(k => k.FormerName is not null).Select(k => k.FormerName!)];

    /// <summary>The type a key's value has (an enum, Guid, bool, int, DateTimeOffset or string), for documentation.</summary>
    public static Type TypeOf(string name) => All.Single(k => k.Name == name).Type;

    /// <summary>The query as key/value pairs; a key left at its default (no filter, page 1, 25 a page) has a null value.</summary>
    public static IReadOnlyDictionary<string, string?> Write(T query) => All.ToDictionary(k => k.Name, k =>
    {
        var value = k.Property.GetValue(query);
        return Equals(value, k.Property.GetValue(Defaults)) ? null : Format(value);
    });

    /// <summary>
    /// Reads the query from <paramref name="get"/> (a key's value, or null). A value that does not read as its type is
    /// left out and named in <paramref name="errors"/>; a key that was renamed is still read under its former name.
    /// </summary>
    public static T Read(Func<string, string?> get, IDictionary<string, string[]>? errors = null)
    {
        var query = new T();
        foreach (var key in All)
        {
            var text = get(key.Name);
            if (string.IsNullOrWhiteSpace(text) && key.FormerName is { } former) text = get(former);
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (TryParse(text.Trim(), key.Type, out var value)) key.Property.SetValue(query, value);
            else errors?.Add(key.Name, [$"'{text}' is not a valid {Describe(key.Type)}."]);
        }
        return query;
    }

    /// <summary>Reads the query and refuses a value that does not read as its type (400 with the key named).</summary>
    public static T ReadOrThrow(Func<string, string?> get)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Read(get, errors);
        if (errors.Count > 0) throw new DomainValidationException(errors);
        return query;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.TimeOfDay == TimeSpan.Zero && d.Offset == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool TryParse(string text, Type type, out object? value)
    {
        value = null;
        if (type == typeof(string)) value = text;
        else if (type.IsEnum) { if (Enum.TryParse(type, text, ignoreCase: true, out var e) && Enum.IsDefined(type, e!)) value = e; }
        else if (type == typeof(bool)) { if (bool.TryParse(text, out var b)) value = b; }
        else if (type == typeof(Guid)) { if (Guid.TryParse(text, out var g)) value = g; }
        else if (type == typeof(int)) { if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) value = i; }
        else if (type == typeof(DateTimeOffset))
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) value = d;
        }
        else throw new NotSupportedException($"{typeof(T).Name}: a query key of type {type.Name} has no text form.");
        return value is not null;
    }

    private static string Describe(Type type) => type switch
    {
        _ when type.IsEnum => "value (one of " + string.Join(", ", Enum.GetNames(type)) + ")",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(Guid) => "id",
        _ when type == typeof(int) => "whole number",
        _ when type == typeof(DateTimeOffset) => "date or time (ISO 8601)",
        _ => "value",
    };
}

/// <summary>A query key's former name, still read so that links people saved keep working.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormerQueryKeyAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
