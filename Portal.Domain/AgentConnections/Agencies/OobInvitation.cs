using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Domain.AgentConnections;

/// <summary>
/// An Aries RFC 0434 out-of-band invitation, the part of a connect URL after <c>?oob=</c> (base64url JSON). Portal writes
/// the agency's own and reads other parties' (connecting by invitation URL): <see cref="Parse"/> names what is wrong.
/// </summary>
public sealed record OobInvitation(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("@id")] string Id,
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("handshake_protocols")] IReadOnlyList<string> HandshakeProtocols,
    [property: JsonPropertyName("services")] IReadOnlyList<JsonElement> Services)
{
    public const string TypeV11 = "https://didcomm.org/out-of-band/1.1/invitation";
    public const string QueryParameter = "oob";
    public const int UrlMaxLength = 4096;

    /// <summary>The @types read as an out-of-band invitation (1.0 and 1.1, and the legacy did:sov spelling).</summary>
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        TypeV11, "https://didcomm.org/out-of-band/1.0/invitation", "did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/out-of-band/1.0/invitation",
    };

    /// <summary>The handshake Portal's connections follow (DID Exchange 1.0/1.1): an invitation offering neither is foreign.</summary>
    public static readonly IReadOnlySet<string> DidExchange = new HashSet<string>(StringComparer.Ordinal)
    {
        "https://didcomm.org/didexchange/1.0", "https://didcomm.org/didexchange/1.1", "https://didcomm.org/didexchange/1.2",
    };

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The invitation an agency publishes: its label, its public DID as the one service, DID Exchange 1.1.</summary>
    public static OobInvitation ForAgency(Guid linkId, string label, string did) =>
        new(TypeV11, linkId.ToString(), label, ["https://didcomm.org/didexchange/1.1"], [JsonSerializer.SerializeToElement(did)]);

    public string ToUrl(string endpoint) =>
        $"{endpoint}{(endpoint.Contains('?') ? '&' : '?')}{QueryParameter}={Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(this, Json))}";

    /// <summary>Reads an invitation URL; null with the reason when it is not a well-formed RFC 0434 invitation Portal can follow.</summary>
    public static (OobInvitation? Invitation, string? Error) Parse(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return (null, "Enter the invitation URL.");
        if (url.Length > UrlMaxLength) return (null, $"An invitation URL must be {UrlMaxLength} characters or fewer.");
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http" or "didcomm"))
            return (null, "An invitation URL is an absolute https:// (or didcomm://) address.");
        var oob = QueryValue(uri.Query, QueryParameter);
        if (oob is null)
            return (null, QueryValue(uri.Query, "c_i") is not null
                ? "This is an RFC 0160 connection invitation (c_i); Portal follows out-of-band invitations (oob) only."
                : "The URL has no oob parameter: it is not an out-of-band invitation.");
        if (!Base64Url.TryDecode(oob.Replace('+', '-').Replace('/', '_').TrimEnd('='), out var bytes))
            return (null, "The oob parameter is not valid base64url.");
        JsonElement root;
        try { root = JsonDocument.Parse(bytes).RootElement; }
        catch (JsonException) { return (null, "The oob parameter does not decode to JSON."); }
        if (root.ValueKind != JsonValueKind.Object) return (null, "The invitation is not a JSON object.");
        var type = Text(root, "@type");
        if (type is null) return (null, "The invitation has no @type.");
        if (!KnownTypes.Contains(type)) return (null, $"The invitation's @type is {type}, not an out-of-band invitation.");
        var id = Text(root, "@id");
        if (string.IsNullOrWhiteSpace(id)) return (null, "The invitation has no @id.");
        if (!root.TryGetProperty("services", out var services) || services.ValueKind != JsonValueKind.Array || services.GetArrayLength() == 0)
            return (null, "The invitation names no services to connect to.");
        foreach (var service in services.EnumerateArray())
            if (service.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
                return (null, "Each service is a DID or a service object.");
        var protocols = root.TryGetProperty("handshake_protocols", out var hp) && hp.ValueKind == JsonValueKind.Array
            ? hp.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList() : [];
        if (!protocols.Any(DidExchange.Contains))
            return (null, protocols.Count == 0 ? "The invitation offers no handshake protocol." : $"The invitation offers {string.Join(", ", protocols)}, not DID Exchange.");
        return (new OobInvitation(type, id, Text(root, "label"), protocols, [.. services.EnumerateArray().Select(s => s.Clone())]), null);
    }

    /// <summary>The service DID or endpoint a connection made from this invitation is recorded with.</summary>
    public string? FirstServiceDid => Services.Select(s => s.ValueKind == JsonValueKind.String ? s.GetString() : null)
        .FirstOrDefault(s => s?.StartsWith("did:", StringComparison.Ordinal) == true);

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            if (key == name) return eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }

    public override string ToString() => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(this, Json));
}
