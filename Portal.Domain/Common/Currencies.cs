namespace Portal.Domain.Common;

/// <summary>
/// ISO 4217 currencies in use (the list of 2025, funds codes included; precious metals, testing codes and units without
/// minor units left out) with their minor-unit exponents: 2 unless listed below. A checked table, not the machine's
/// culture data, so the set does not change with the host's ICU version; a test compares it with that data.
/// </summary>
public static class Currencies
{
    public const string GBP = "GBP";
    public const string EUR = "EUR";
    public const string USD = "USD";

    private static readonly string[] ZeroDecimals = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];
    private static readonly string[] ThreeDecimals = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    private static readonly string[] FourDecimals = ["CLF", "UYW"];

    private static readonly Dictionary<string, int> Exponents = """
        AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF
        CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD
        HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD
        MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN
        PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD
        TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
        .ToDictionary(c => c, c => ZeroDecimals.Contains(c) ? 0 : ThreeDecimals.Contains(c) ? 3 : FourDecimals.Contains(c) ? 4 : 2, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Codes => Exponents.Keys;

    /// <summary>True for an ISO 4217 code in use, written in capitals ("GBP", not "gbp" or "£").</summary>
    public static bool IsKnown(string? code) => code is not null && Exponents.ContainsKey(code);

    /// <summary>Digits after the decimal point: JPY 0, GBP/EUR/USD 2, KWD/BHD 3.</summary>
    public static int MinorUnits(string code) =>
        Exponents.TryGetValue(code, out var exponent) ? exponent : throw new ArgumentException($"{code} is not an ISO 4217 currency code.", nameof(code));

    /// <summary><paramref name="code"/> trimmed and in capitals when it is a currency ("gbp " is GBP); else null.</summary>
    public static string? Normalise(string? code)
    {
        if (code is null) return null;
        if (Exponents.ContainsKey(code)) return code; // as stored: no copy
        var key = code.Trim().ToUpperInvariant();
        return Exponents.ContainsKey(key) ? key : null;
    }
}
