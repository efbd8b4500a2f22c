using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Common;

namespace Portal.Domain.AgentConnections;

/// <summary>
/// An agency: a business's agent, owned by an organisation, that connects to people and businesses by DID. Its systems
/// call Portal's agency-scoped API with a secret (<c>hash</c>) of which Portal keeps only a SHA-256 hash, shown once and
/// rotatable; its connect link carries an out-of-band invitation whose <c>@id</c> is <see cref="ConnectLinkId"/>, so
/// recreating the link makes every earlier one invalid.
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class Agency : IVersioned
{
    public const int NameMaxLength = 120;
    public const int LabelMaxLength = 64;
    public const int EndpointMaxLength = 300;
    private const string SecretPrefix = "agy_";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    /// <summary>The agency's own public DID, named in its invitations.</summary>
    public required string Did { get; set; }
    /// <summary>What a wallet shows for the agency when it reads the invitation.</summary>
    public required string Label { get; set; }
    /// <summary>Where wallets reach the agency (its DIDComm endpoint); the connect URL is this with <c>?oob=</c>.</summary>
    public required string ServiceEndpoint { get; set; }
    /// <summary>The public part of the secret, to find the agency by it (8 hex digits).</summary>
    public string SecretPrefixValue { get; private set; } = "";
    [Secret] public byte[] SecretHash { get; private set; } = [];
    public DateTimeOffset SecretRotatedAt { get; private set; }
    public Guid ConnectLinkId { get; private set; } = Guid.CreateVersion7();
    /// <summary>How many times the connect link was recreated (1 for the first).</summary>
    public int ConnectLinkNumber { get; private set; } = 1;
    public DateTimeOffset ConnectLinkCreatedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public long Version { get; set; }

    /// <summary>A new secret: <c>agy_{prefix}_{random}</c>, 256 random bits. The plaintext is returned once and never stored.</summary>
    public string RotateSecret(DateTimeOffset now)
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var plaintext = $"{SecretPrefix}{prefix}_{Base64Url.Encode(RandomNumberGenerator.GetBytes(32))}";
        SecretPrefixValue = prefix;
        SecretHash = HashOf(plaintext);
        SecretRotatedAt = now;
        return plaintext;
    }

    /// <summary>A new connect link; links made before it no longer validate.</summary>
    public void RecreateConnectLink(DateTimeOffset now)
    {
        ConnectLinkId = Guid.CreateVersion7();
        ConnectLinkNumber++;
        ConnectLinkCreatedAt = now;
    }

    internal void StartConnectLink(DateTimeOffset now) => ConnectLinkCreatedAt = now;

    /// <summary>The prefix of a presented secret, or null when it is not shaped like one of ours.</summary>
    public static string? PrefixOf(string presented) =>
        presented.Length >= SecretPrefix.Length + 10 && presented.StartsWith(SecretPrefix, StringComparison.Ordinal)
        && presented[SecretPrefix.Length + 8] == '_' ? presented.Substring(SecretPrefix.Length, 8) : null;

    internal static byte[] HashOf(string plaintext) => SHA256.HashData(Encoding.UTF8.GetBytes(plaintext));
}

/// <summary>RFC 4648 §5 base64url without padding.</summary>
public static class Base64Url
{
    public static string Encode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static bool TryDecode(string text, out byte[] bytes)
    {
        try { bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text); return true; }
        catch (FormatException) { bytes = []; return false; }
    }
}
