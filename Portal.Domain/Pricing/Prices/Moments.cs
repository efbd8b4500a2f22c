using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Domain.Common;

namespace Portal.Domain.Pricing;

/// <summary>
/// A moment as Pricing reads it from text (a file, a query string): ISO 8601 with its zone (Z or an offset). A time
/// without a zone is refused rather than guessed: "2027-01-01T00:00" is a different instant in Amsterdam and in London.
/// </summary>
public static partial class Moments
{
    public static bool TryParse(string text, out DateTimeOffset moment)
    {
        moment = default;
        if (!WithZone().IsMatch(text.Trim())) return false;
        if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        moment = parsed.ToUniversalTime();
        return true;
    }

    public static string Problem(string text) => $"\"{text}\" is not a moment with its zone, e.g. 2027-01-01T00:00:00Z or 2027-01-01T00:00:00+01:00.";

    /// <summary>An optional query value: null when empty, a 400 on <paramref name="field"/> when it has no zone.</summary>
    public static DateTimeOffset? ParseOptional(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : TryParse(text, out var moment) ? moment
        : throw DomainValidationException.For(field, Problem(text));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex WithZone();
}
