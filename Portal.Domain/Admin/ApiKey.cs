using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Common;

namespace Portal.Domain.Admin;

/// <summary>
/// A machine client's credential. The key is shown once; Portal keeps its public <see cref="Prefix"/> to find
/// it and a SHA-256 <see cref="Hash"/> of the whole key to check it (keys are 256-bit random, so no slow hash is needed).
/// </summary>
public sealed class ApiKey : IVersioned
{
    public const int NameMaxLength = 100;
    private const string KeyPrefix = "ptl_";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Role { get; set; }
    public required string Prefix { get; init; }
    [Secret] public required byte[] Hash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    [NotAudited] public DateTimeOffset? LastUsedAt { get; set; }
    public long Version { get; set; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public string StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? "Revoked" : ExpiresAt <= now ? "Expired" : "Active";

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
            throw new ConflictException("api_key.already_revoked", $"The API key '{Name}' is already revoked.");
        RevokedAt = now;
    }

    /// <summary>Makes a new key: <c>ptl_{prefix}_{secret}</c>. The returned plaintext is never stored.</summary>
    public static (ApiKey Key, string Plaintext) Generate(string name, string role, DateTimeOffset? expiresAt, string createdBy, DateTimeOffset now)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var plaintext = $"{KeyPrefix}{prefix}_{secret}";
        var key = new ApiKey
        {
            Name = name, Role = role, Prefix = prefix, Hash = HashOf(plaintext),
            CreatedAt = now, CreatedBy = createdBy, ExpiresAt = expiresAt,
        };
        return (key, plaintext);
    }

    /// <summary>The prefix of a presented key, or null when it is not shaped like one of ours.</summary>
    public static string? PrefixOf(string presented)
    {
        if (!presented.StartsWith(KeyPrefix, StringComparison.Ordinal) || presented.Length < KeyPrefix.Length + 10) return null;
        var prefix = presented.Substring(KeyPrefix.Length, 8);
        return presented[KeyPrefix.Length + 8] == '_' ? prefix : null;
    }

    public bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(Hash, HashOf(presented));

    private static byte[] HashOf(string plaintext) => SHA256.HashData(Encoding.UTF8.GetBytes(plaintext));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
