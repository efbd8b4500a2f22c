using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Invitations;

/// <summary>
/// The key items at rest: PBKDF2-HMAC-SHA256 (the BCL's <see cref="Rfc2898DeriveBytes.Pbkdf2(byte[], byte[], int, HashAlgorithmName, int)"/>)
/// with a 16-byte random salt per value, written <c>pbkdf2-sha256$iterations$salt$hash</c> so the count can be raised later
/// without breaking stored hashes; compared with <see cref="CryptographicOperations.FixedTimeEquals"/>.
/// </summary>
public static class InvitationSecrets
{
    /// <summary>
    /// 100,000 iterations: one hash takes about 30–60 ms on one core of the bench machine, so a verification (one or two
    /// hashes per candidate) stays within its 250 ms p95 (see README "Invitations"). Tests pass a low count.
    /// </summary>
    public const int DefaultIterations = 100_000;
    private const int SaltBytes = 16, HashBytes = 32;
    private const string Scheme = "pbkdf2-sha256";

    public static string Hash(string value, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(value), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string value, string? stored)
    {
        var parts = stored?.Split('$');
        if (parts is not [Scheme, var iterationsText, var saltText, var hashText]
            || !int.TryParse(iterationsText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)) return false;
        var expected = Convert.FromBase64String(hashText);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(value), Convert.FromBase64String(saltText), iterations,
            HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// A name as verification compares it: accents removed (é → e), case ignored, surrounding spaces trimmed and inner
    /// runs of spaces made one, so "  José  GARCÍA " matches "Jose Garcia".
    /// </summary>
    public static string NormalizeName(string name)
    {
        var decomposed = name.Trim().Normalize(NormalizationForm.FormD);
        var text = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space && text.Length > 0) text.Append(' ');
            space = false;
            text.Append(char.ToUpperInvariant(c));
        }
        return text.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>First and last name in one indexed column, so a verification finds its candidates in one seek.</summary>
    public static string NameKey(string firstName, string lastName) => $"{NormalizeName(firstName)}|{NormalizeName(lastName)}";

    /// <summary>A shared secret as typed, in one Unicode form and without surrounding spaces (a phone keyboard adds them).</summary>
    public static string NormalizeSecret(string secret) => secret.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>A strong shared secret to read out to the invitee: five words from a list of 100, about 33 bits.</summary>
    public static string Generate()
    {
        var words = new string[5];
        for (var i = 0; i < words.Length; i++) words[i] = Words[RandomNumberGenerator.GetInt32(Words.Length)];
        return string.Join(' ', words);
    }

    /// <summary>A rough strength in bits (character classes × length), for the create dialog's meter.</summary>
    public static double StrengthBits(string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return 0;
        var pool = 0;
        if (secret.Any(char.IsLower)) pool += 26;
        if (secret.Any(char.IsUpper)) pool += 26;
        if (secret.Any(char.IsDigit)) pool += 10;
        if (secret.Any(c => !char.IsLetterOrDigit(c))) pool += 33;
        return secret.Distinct().Count() < 3 ? secret.Length : secret.Length * Math.Log2(Math.Max(pool, 2));
    }

    private static readonly string[] Words =
    [
        "amber", "anchor", "apple", "arrow", "autumn", "badge", "basket", "beacon", "birch", "blossom", "bramble", "breeze",
        "bridge", "brook", "candle", "canyon", "castle", "cedar", "chalk", "cherry", "cliff", "clover", "cobalt", "comet",
        "copper", "coral", "cotton", "crane", "crystal", "dawn", "delta", "desert", "dolphin", "dune", "eagle", "ember",
        "falcon", "feather", "fern", "fiddle", "forest", "fossil", "garden", "garnet", "glacier", "granite", "harbour", "hazel",
        "heron", "hollow", "island", "ivory", "jasmine", "kettle", "lagoon", "lantern", "lemon", "linen", "lotus", "maple",
        "marble", "meadow", "mellow", "mirror", "mosaic", "nectar", "nutmeg", "oasis", "olive", "orchid", "otter", "paddle",
        "pebble", "pepper", "pillow", "pine", "planet", "pocket", "puzzle", "quartz", "quill", "raven", "ribbon", "river",
        "saddle", "saffron", "salmon", "satin", "shadow", "silver", "spruce", "summit", "thistle", "thunder", "tulip", "velvet",
        "walnut", "willow", "winter", "zephyr",
    ];
}
