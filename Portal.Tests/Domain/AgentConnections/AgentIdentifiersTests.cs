using System.Text;
using Portal.Domain.AgentConnections;

namespace Portal.Tests.Domain.AgentConnections;

public sealed class AgentIdentifiersTests
{
    [Theory]
    [InlineData("did:peer:2Ez6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc")]
    [InlineData("did:web:example.com:user:alice")]
    [InlineData("did:sov:WRfXPg8dantKVubE3HX8pw")]
    [InlineData("did:key:z6Mk%20hkVLUn3")]
    public void Did_InDidSyntaxOfSixteenOrMore_IsAccepted(string did) => Assert.Null(AgentIdentifiers.DidProblem(did));

    [Theory]
    [InlineData("", "Enter the DID")]
    [InlineData("did:sov:short", "at least 16")]
    [InlineData("did:Peer:2Ez6LSbysY2xFMRp", "did:method:id")]
    [InlineData("peer:2Ez6LSbysY2xFMRpGMhb", "did:method:id")]
    [InlineData("did:peer:2Ez6LS bysY2xFMRp", "did:method:id")]
    [InlineData("did:web:example.com:user:", "did:method:id")]
    [InlineData("did:key:z6Mk%2Gbad-percent", "did:method:id")]
    public void Did_ShortOrMalformed_IsRefusedWithTheReason(string did, string message) =>
        Assert.Contains(message, AgentIdentifiers.DidProblem(did));

    [Theory]
    [InlineData("default:ap1")]
    [InlineData("acme.corp:jane_doe-2")]
    public void Alias_NamespaceColonName_IsAccepted(string alias) => Assert.Null(AgentIdentifiers.AliasProblem(alias));

    [Theory]
    [InlineData("", "Enter the alias")]
    [InlineData("default:jane doe", "no spaces")]
    [InlineData("ap1", "namespace:name")]
    [InlineData("default:", "namespace:name")]
    [InlineData("a:b:c", "namespace:name")]
    public void Alias_Malformed_IsRefused(string alias, string message) => Assert.Contains(message, AgentIdentifiers.AliasProblem(alias));

    [Fact]
    public void Alias_OfTwoHundredCharacters_IsRefused()
    {
        Assert.Null(AgentIdentifiers.AliasProblem("default:" + new string('a', 120)));
        Assert.Contains("128", AgentIdentifiers.AliasProblem("default:" + new string('a', 192)));
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("Agent.Example.CO.UK.")]
    [InlineData("xn--bcher-kva.example")]
    public void Domain_AHostName_IsAccepted(string domain) => Assert.Null(AgentIdentifiers.DomainProblem(domain));

    [Theory]
    [InlineData("https://example.com")]
    [InlineData("example.com/path")]
    [InlineData("example.com:443")]
    [InlineData("localhost")]
    [InlineData("-bad.example.com")]
    [InlineData("exa mple.com")]
    [InlineData("192.168.1.1")]
    public void Domain_NotAHostName_IsRefused(string domain) => Assert.NotNull(AgentIdentifiers.DomainProblem(domain));

    [Fact]
    public void Invitation_RoundTrip_ParsesToTheSameContent()
    {
        var id = Guid.CreateVersion7();
        var written = OobInvitation.ForAgency(id, "Northwind Identity", "did:web:agent.northwind.example");

        var url = written.ToUrl("https://agent.northwind.example/didcomm");
        var (parsed, error) = OobInvitation.Parse(url);

        Assert.Null(error);
        Assert.StartsWith("https://agent.northwind.example/didcomm?oob=", url);
        Assert.Equal(written.ToString(), parsed!.ToString());
        Assert.Equal((OobInvitation.TypeV11, id.ToString(), "Northwind Identity"), (parsed.Type, parsed.Id, parsed.Label));
        Assert.Equal(["https://didcomm.org/didexchange/1.1"], parsed.HandshakeProtocols);
        Assert.Equal("did:web:agent.northwind.example", parsed.FirstServiceDid);
    }

    private static string Oob(string json) => "https://wallet.example/invite?oob=" + Base64Url.Encode(Encoding.UTF8.GetBytes(json));

    public static TheoryData<string, string> BadInvitations => new()
    {
        { "not a url", "absolute" },
        { "https://wallet.example/invite?x=1", "no oob parameter" },
        { "https://wallet.example/invite?c_i=eyJ9", "RFC 0160" },
        { "https://wallet.example/invite?oob=***", "not valid base64url" },
        { "https://wallet.example/invite?oob=" + Base64Url.Encode(Encoding.UTF8.GetBytes("{\"@type\": ")), "does not decode to JSON" },
        { Oob("[1,2]"), "not a JSON object" },
        { Oob("""{"@id":"x","services":["did:sov:1"],"handshake_protocols":["https://didcomm.org/didexchange/1.1"]}"""), "no @type" },
        { Oob("""{"@type":"https://didcomm.org/connections/1.0/invitation","@id":"x","services":["did:sov:1"]}"""), "not an out-of-band invitation" },
        { Oob("""{"@type":"https://didcomm.org/out-of-band/1.1/invitation","services":["did:sov:1"],"handshake_protocols":["https://didcomm.org/didexchange/1.1"]}"""), "no @id" },
        { Oob("""{"@type":"https://didcomm.org/out-of-band/1.1/invitation","@id":"x","services":[],"handshake_protocols":["https://didcomm.org/didexchange/1.1"]}"""), "no services" },
        { Oob("""{"@type":"https://didcomm.org/out-of-band/1.1/invitation","@id":"x","services":["did:sov:1"],"handshake_protocols":["https://didcomm.org/connections/1.0"]}"""), "not DID Exchange" },
    };

    [Theory]
    [MemberData(nameof(BadInvitations))]
    public void Invitation_MalformedOrForeign_IsRefusedWithTheReason(string url, string reason)
    {
        var (invitation, error) = OobInvitation.Parse(url);

        Assert.Null(invitation);
        Assert.Contains(reason, error);
    }
}
