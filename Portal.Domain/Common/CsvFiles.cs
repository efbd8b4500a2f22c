using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Portal.Domain.Common;

/// <summary>One row of an imported file: its 1-based data row number and its values by column name.</summary>
public sealed record CsvRecord(int Row, IReadOnlyDictionary<string, string> Values)
{
    public string this[string column] => Values.TryGetValue(column, out var v) ? v : "";
}

public sealed record CsvRowError(int Row, string Field, string Message);

/// <summary>What an import did: good rows saved, bad rows reported with a file of just those rows to fix and re-upload.</summary>
public sealed record CsvImportReport(int Total, int Imported, IReadOnlyList<CsvRowError> Errors, string? FailedRowsCsv)
{
    /// <summary>Set by an import that compares each row with what is stored (prices): new, changed (old → new) and unchanged rows.</summary>
    public CsvImportComparison? Comparison { get; init; }

    public static CsvImportReport Build(IReadOnlyList<string> columns, IReadOnlyList<CsvRecord> rows, IReadOnlyList<CsvRowError> errors, int imported) =>
        new(rows.Count, imported, errors, errors.Count == 0 ? null : CsvFiles.FailedRows(columns, rows, errors));
}

/// <summary>
/// What a comparing import finds: how many rows are new, change what is stored or change nothing, and the first of the
/// rows that would be saved (<see cref="Lines"/>, at most a page of them), each with what it replaces.
/// </summary>
public sealed record CsvImportComparison(int New, int Changed, int Unchanged, IReadOnlyList<CsvImportChange> Lines);

/// <summary>One row that an import saves: which item, whether it is new or a change, and the stored value it replaces.</summary>
public sealed record CsvImportChange(int Row, string Item, bool IsNew, string? Old, string New);

/// <summary>CSV import and export on CsvHelper: strict UTF-8, exact columns, formula-injection safe output.</summary>
public static class CsvFiles
{
    public const string ErrorColumn = "error";

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static CsvConfiguration Config => new(CultureInfo.InvariantCulture)
    {
        TrimOptions = TrimOptions.Trim,
        DetectDelimiter = true,
        InjectionOptions = InjectionOptions.Escape, // a cell like =HYPERLINK(...) never runs as a formula in a spreadsheet
        MissingFieldFound = null,
        BadDataFound = null,
    };

    /// <summary>
    /// Reads a file whose header is exactly <paramref name="columns"/> (any order, any case). A wrong header, a file
    /// that is not UTF-8, or more than <paramref name="maxRows"/> rows is refused whole, with a message that says how to fix it.
    /// <paramref name="optional"/> columns may be there or not (a missing one reads as empty).
    /// </summary>
    public static async Task<IReadOnlyList<CsvRecord>> ReadAsync(Stream stream, IReadOnlyList<string> columns, int maxRows, CancellationToken ct = default,
        IReadOnlyList<string>? optional = null)
    {
        try
        {
            using var text = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true);
            using var csv = new CsvReader(text, Config);
            if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
                throw File("The file is empty. Start from the template: its first line names the columns.");
            var names = header.Select(h => h.Trim()).ToArray();
            var missing = columns.Where(c => !names.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            var unknown = names.Where(n => !columns.Contains(n, StringComparer.OrdinalIgnoreCase) && !n.Equals(ErrorColumn, StringComparison.OrdinalIgnoreCase)
                && optional?.Contains(n, StringComparer.OrdinalIgnoreCase) != true).ToList();
            if (missing.Count > 0 || unknown.Count > 0)
                throw File($"The columns must be: {string.Join(", ", columns)}." +
                           (missing.Count > 0 ? $" Missing: {string.Join(", ", missing)}." : "") +
                           (unknown.Count > 0 ? $" Not expected: {string.Join(", ", unknown)}." : ""));

            var rows = new List<CsvRecord>();
            while (await csv.ReadAsync())
            {
                ct.ThrowIfCancellationRequested();
                if (rows.Count == maxRows) throw File($"The file has more than {maxRows:N0} rows. Split it into smaller files.");
                var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < names.Length; i++) values[names[i]] = csv.TryGetField<string>(i, out var v) ? v ?? "" : "";
                if (values.Values.All(string.IsNullOrWhiteSpace)) continue; // blank lines are not rows
                rows.Add(new CsvRecord(rows.Count + 1, values));
            }
            return rows;
        }
        catch (DecoderFallbackException)
        {
            throw File("The file is not UTF-8 text. In your spreadsheet, save it as \"CSV UTF-8\" and upload it again.");
        }
    }

    /// <summary>Streams rows to <paramref name="output"/> as they come, so an export never holds the whole list in memory.</summary>
    public static async Task WriteAsync<T>(Stream output, IReadOnlyList<(string Header, Func<T, string?> Value)> columns,
        IAsyncEnumerable<T> rows, CancellationToken ct = default)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await using var csv = new CsvWriter(text, Config);
        foreach (var (header, _) in columns) csv.WriteField(header);
        await csv.NextRecordAsync();
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var (_, value) in columns) csv.WriteField(value(row) ?? "");
            await csv.NextRecordAsync();
            if (++count % 1000 == 0) await text.FlushAsync(ct);
        }
    }

    /// <summary>A template: the header line and one example row.</summary>
    public static string Template(IReadOnlyList<string> columns, IReadOnlyList<string> example)
    {
        using var text = new StringWriter();
        using var csv = new CsvWriter(text, Config);
        foreach (var c in columns) csv.WriteField(c);
        csv.NextRecord();
        foreach (var v in example) csv.WriteField(v);
        csv.NextRecord();
        csv.Flush();
        return text.ToString();
    }

    internal static string FailedRows(IReadOnlyList<string> columns, IReadOnlyList<CsvRecord> rows, IReadOnlyList<CsvRowError> errors)
    {
        var byRow = errors.GroupBy(e => e.Row).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
        using var text = new StringWriter();
        using var csv = new CsvWriter(text, Config);
        foreach (var c in columns) csv.WriteField(c);
        csv.WriteField(ErrorColumn);
        csv.NextRecord();
        foreach (var row in rows.Where(r => byRow.ContainsKey(r.Row)))
        {
            foreach (var c in columns) csv.WriteField(row[c]);
            csv.WriteField(byRow[row.Row]);
            csv.NextRecord();
        }
        csv.Flush();
        return text.ToString();
    }

    private static DomainValidationException File(string message) => DomainValidationException.For("file", message);
}
