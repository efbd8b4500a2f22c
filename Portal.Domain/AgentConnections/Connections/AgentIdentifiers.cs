using System.Text.RegularExpressions;

namespace Portal.Domain.AgentConnections;

/// <summary>
/// The identifier rules of the spec (§3.2), each one predicate used by the validators, the create dialog as you type and
/// the API alike: a DID in W3C DID syntax of at least 16 characters, an alias <c>namespace:name</c> of 1–128 characters,
/// a linked domain that is a valid DNS host name.
/// </summary>
public static partial class AgentIdentifiers
{
    public const int DidMinLength = 16;
    public const int DidMaxLength = 512;
    public const int AliasMaxLength = 128;
    public const int DomainMaxLength = 253;

    /// <summary><c>did:method:id</c> as W3C DID Core writes it: a lower-case method, then idchars (and <c>%XX</c>) with inner colons.</summary>
    [GeneratedRegex(@"^did:[a-z0-9]+:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*(?::(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})$")]
    private static partial Regex DidSyntax();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+:[A-Za-z0-9._-]+$")]
    private static partial Regex AliasSyntax();

    [GeneratedRegex(@"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex HostSyntax();

    /// <summary>Why <paramref name="did"/> is not a DID Portal accepts, or null when it is one.</summary>
    public static string? DidProblem(string? did)
    {
        if (string.IsNullOrWhiteSpace(did)) return "Enter the DID.";
        if (did.Length < DidMinLength) return $"A DID is at least {DidMinLength} characters (did:method:id).";
        if (did.Length > DidMaxLength) return $"A DID must be {DidMaxLength} characters or fewer.";
        return DidSyntax().IsMatch(did) ? null : "A DID reads did:method:id (a lower-case method; letters, digits, . - _ : and %XX in the id).";
    }

    public static string? AliasProblem(string? alias)
    {
        if (string.IsNullOrWhiteSpace(alias)) return "Enter the alias (namespace:name, e.g. default:ap1).";
        if (alias.Length > AliasMaxLength) return $"An alias must be {AliasMaxLength} characters or fewer.";
        return AliasSyntax().IsMatch(alias) ? null : "An alias reads namespace:name (letters, digits, . - _; no spaces), e.g. default:ap1.";
    }

    public static string? DomainProblem(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain)) return "Enter the linked domain (e.g. example.com).";
        var host = NormalizeDomain(domain);
        if (host.Length > DomainMaxLength) return $"A domain must be {DomainMaxLength} characters or fewer.";
        return HostSyntax().IsMatch(host) ? null : "A linked domain is a host name such as example.com (no scheme, path or port).";
    }

    public static string NormalizeDomain(string domain) => domain.Trim().TrimEnd('.').ToLowerInvariant();
}
