using System.Globalization;

namespace Portal.Domain.Common;

/// <summary>
/// ISO 3166-1 countries (the 249 officially assigned codes): alpha-2 (GB) as Portal stores them, alpha-3 (GBR) for the
/// systems that want it, English names where the platform knows them. A checked table (a test compares it with the
/// machine's region data), so codes do not depend on the host's ICU version.
/// </summary>
public static class Countries
{
    private static readonly Dictionary<string, string> Alpha3ByAlpha2 = """
        AD AND AE ARE AF AFG AG ATG AI AIA AL ALB AM ARM AO AGO AQ ATA AR ARG AS ASM AT AUT AU AUS AW ABW AX ALA AZ AZE
        BA BIH BB BRB BD BGD BE BEL BF BFA BG BGR BH BHR BI BDI BJ BEN BL BLM BM BMU BN BRN BO BOL BQ BES BR BRA BS BHS
        BT BTN BV BVT BW BWA BY BLR BZ BLZ CA CAN CC CCK CD COD CF CAF CG COG CH CHE CI CIV CK COK CL CHL CM CMR CN CHN
        CO COL CR CRI CU CUB CV CPV CW CUW CX CXR CY CYP CZ CZE DE DEU DJ DJI DK DNK DM DMA DO DOM DZ DZA EC ECU EE EST
        EG EGY EH ESH ER ERI ES ESP ET ETH FI FIN FJ FJI FK FLK FM FSM FO FRO FR FRA GA GAB GB GBR GD GRD GE GEO GF GUF
        GG GGY GH GHA GI GIB GL GRL GM GMB GN GIN GP GLP GQ GNQ GR GRC GS SGS GT GTM GU GUM GW GNB GY GUY HK HKG HM HMD
        HN HND HR HRV HT HTI HU HUN ID IDN IE IRL IL ISR IM IMN IN IND IO IOT IQ IRQ IR IRN IS ISL IT ITA JE JEY JM JAM
        JO JOR JP JPN KE KEN KG KGZ KH KHM KI KIR KM COM KN KNA KP PRK KR KOR KW KWT KY CYM KZ KAZ LA LAO LB LBN LC LCA
        LI LIE LK LKA LR LBR LS LSO LT LTU LU LUX LV LVA LY LBY MA MAR MC MCO MD MDA ME MNE MF MAF MG MDG MH MHL MK MKD
        ML MLI MM MMR MN MNG MO MAC MP MNP MQ MTQ MR MRT MS MSR MT MLT MU MUS MV MDV MW MWI MX MEX MY MYS MZ MOZ NA NAM
        NC NCL NE NER NF NFK NG NGA NI NIC NL NLD NO NOR NP NPL NR NRU NU NIU NZ NZL OM OMN PA PAN PE PER PF PYF PG PNG
        PH PHL PK PAK PL POL PM SPM PN PCN PR PRI PS PSE PT PRT PW PLW PY PRY QA QAT RE REU RO ROU RS SRB RU RUS RW RWA
        SA SAU SB SLB SC SYC SD SDN SE SWE SG SGP SH SHN SI SVN SJ SJM SK SVK SL SLE SM SMR SN SEN SO SOM SR SUR SS SSD
        ST STP SV SLV SX SXM SY SYR SZ SWZ TC TCA TD TCD TF ATF TG TGO TH THA TJ TJK TK TKL TL TLS TM TKM TN TUN TO TON
        TR TUR TT TTO TV TUV TW TWN TZ TZA UA UKR UG UGA UM UMI US USA UY URY UZ UZB VA VAT VC VCT VE VEN VG VGB VI VIR
        VN VNM VU VUT WF WLF WS WSM YE YEM YT MYT ZA ZAF ZM ZMB ZW ZWE
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Chunk(2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Alpha2ByAlpha3 = Alpha3ByAlpha2.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Alpha-2 codes, upper-case.</summary>
    public static readonly IReadOnlySet<string> Codes = Alpha3ByAlpha2.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>True for an assigned alpha-2 code in capitals (GB, not gb or GBR).</summary>
    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code);

    /// <summary>GB is GBR.</summary>
    public static string Alpha3Of(string alpha2) =>
        Alpha3ByAlpha2.TryGetValue(alpha2, out var alpha3) ? alpha3 : throw new ArgumentException($"{alpha2} is not an ISO 3166-1 alpha-2 code.", nameof(alpha2));

    /// <summary>GBR is GB; null for a code that is not assigned.</summary>
    public static string? FromAlpha3(string? alpha3) => alpha3 is not null && Alpha2ByAlpha3.TryGetValue(alpha3, out var alpha2) ? alpha2 : null;

    public static string NameOf(string code)
    {
        try { return new RegionInfo(code).EnglishName; }
        catch (ArgumentException) { return code; } // invariant-globalization hosts know no names
    }
}
