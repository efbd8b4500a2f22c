namespace Portal.Domain.Common;

/// <summary>What Portal accepts as text from outside (an API body, a list's query string).</summary>
public static class PlainText
{
    /// <summary>
    /// A control character other than tab, line feed or carriage return (a NUL, an escape code): never part of a name, a
    /// reason or a search, and PostgreSQL cannot store a NUL at all.
    /// </summary>
    public static bool HasControlCharacters(string text) => text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
}
