using System.Text.RegularExpressions;
using Portal.Domain.Common;

namespace Portal.Domain.Organisations;

/// <summary>
/// The bank account an advance-paying organisation pays from: part of the Organisation aggregate (one per
/// organisation, keyed by it). Sort code and account number are stored only Data-Protection-encrypted
/// (<see cref="BankDetailsProtector"/>), shown masked, and revealed in full only to an Admin, each time audited.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class OrganisationBankDetails : IAggregatePart
{
    Guid IFiledUnderAggregate.AggregateId => OrganisationId;
    public const int AccountHolderNameMaxLength = 140;
    public const int BankNameMaxLength = 100;
    /// <summary>Room for the Data Protection payload of an 18-digit account number, with headroom for a longer key id.</summary>
    public const int ProtectedMaxLength = 500;

    public Guid OrganisationId { get; init; }
    public required string AccountHolderName { get; set; }
    public string? BankName { get; set; }
    /// <summary>The canonical sort code (<c>12-34-56</c>), encrypted.</summary>
    [Secret] public required string ProtectedSortCode { get; set; }
    /// <summary>The canonical account number (8 to 18 digits), encrypted.</summary>
    [Secret] public required string ProtectedAccountNumber { get; set; }
    /// <summary>Shown on the tab; the audit trail has the same facts, so these are not audited again.</summary>
    [NotAudited] public DateTimeOffset UpdatedAt { get; set; }
    [NotAudited] public required string UpdatedBy { get; set; }
}

/// <summary>How bank details are written by people, stored, and shown masked.</summary>
public static partial class BankDetailsFormat
{
    public const string SortCodePattern = @"^\d{2}-\d{2}-\d{2}$";
    public const string AccountNumberPattern = @"^\d{8,18}$";

    /// <summary>"12 34 56", "123456" and "12-34-56" all become "12-34-56"; anything else is returned trimmed, to fail validation.</summary>
    public static string NormaliseSortCode(string? typed)
    {
        var text = (typed ?? "").Trim();
        var digits = Separators().Replace(text, "");
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? $"{digits[..2]}-{digits[2..4]}-{digits[4..]}" : text;
    }

    /// <summary>Spaces and dashes people type between digit groups are dropped.</summary>
    public static string NormaliseAccountNumber(string? typed) => Separators().Replace((typed ?? "").Trim(), "");

    public static bool IsSortCode(string? typed) => SortCode().IsMatch(NormaliseSortCode(typed));

    public static bool IsAccountNumber(string? typed) => AccountNumber().IsMatch(NormaliseAccountNumber(typed));

    /// <summary><c>12-34-56</c> → <c>••-••-56</c>.</summary>
    public static string MaskSortCode(string sortCode) => $"••-••-{sortCode[^2..]}";

    /// <summary><c>12345678</c> → <c>••••5678</c>.</summary>
    public static string MaskAccountNumber(string accountNumber) => $"••••{accountNumber[^4..]}";

    [GeneratedRegex(@"[\s-]")]
    private static partial Regex Separators();

    [GeneratedRegex(SortCodePattern, RegexOptions.ECMAScript)] // \d is 0-9 only, not every script's digits
    private static partial Regex SortCode();

    [GeneratedRegex(AccountNumberPattern, RegexOptions.ECMAScript)]
    private static partial Regex AccountNumber();
}
