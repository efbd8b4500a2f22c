using Portal.Domain.Common;

namespace Portal.Domain.AgentConnections;

/// <summary>How a connection was asked for (the spec's four "Connect" operations).</summary>
public enum ConnectionMethod { Did, Alias, InvitationUrl, LinkedDomain }

/// <summary>Aries RFC 0023 DID Exchange states, as the connection's own record of where the handshake is.</summary>
public enum ConnectionState { Invited, Requested, Responded, Completed, Abandoned }

/// <summary>
/// A connection between an agency and a person's or business's agent. Portal keeps the record and the DID Exchange state
/// machine; the agency's own systems carry the handshake and report its steps through the agency-scoped API.
/// A DID and an alias are each connected at most once per agency (unique indexes, checked first in the service).
/// </summary>
[HistoryReaders(Access.ReadRoles)]
public sealed class AgentConnection : IVersioned
{
    public const int TitleMaxLength = 128;
    public const int ReasonMaxLength = 500;
    public const int InvitationIdMaxLength = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid AgencyId { get; init; }
    /// <summary>The connection's agent id as the spec's API uses it (36 characters: a UUID).</summary>
    public string AgentId { get; init; } = Guid.NewGuid().ToString();
    public ConnectionMethod Method { get; init; }
    public string? Did { get; set; }
    public required string Alias { get; set; }
    public string? Title { get; set; }
    public string? LinkedDomain { get; init; }
    /// <summary>The @id of the invitation followed (connecting by invitation URL).</summary>
    public string? InvitationId { get; init; }
    public ConnectionState State { get; private set; } = ConnectionState.Invited;
    public string? AbandonReason { get; private set; }
    public bool StageAccess { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastActivityAt { get; set; }
    public long Version { get; set; }

    /// <summary>The one table of legal moves: forward one step at a time, or abandon from any state but abandoned.</summary>
    public static readonly IReadOnlyDictionary<ConnectionState, ConnectionState[]> Transitions = new Dictionary<ConnectionState, ConnectionState[]>
    {
        [ConnectionState.Invited] = [ConnectionState.Requested, ConnectionState.Abandoned],
        [ConnectionState.Requested] = [ConnectionState.Responded, ConnectionState.Abandoned],
        [ConnectionState.Responded] = [ConnectionState.Completed, ConnectionState.Abandoned],
        [ConnectionState.Completed] = [ConnectionState.Abandoned],
        [ConnectionState.Abandoned] = [],
    };

    public static bool CanMove(ConnectionState from, ConnectionState to) => Transitions[from].Contains(to);

    /// <summary>Moves the handshake on; an illegal move is a 409 naming where it stands, and abandoning needs a reason.</summary>
    public void MoveTo(ConnectionState to, string? reason, DateTimeOffset now)
    {
        if (State == ConnectionState.Abandoned)
            throw new ConflictException("agent_connection.abandoned", $"The connection {Alias} was abandoned ({AbandonReason}); connect again instead.");
        if (!CanMove(State, to))
            throw new ConflictException("agent_connection.illegal_transition",
                $"A connection that is {State} moves to {string.Join(" or ", Transitions[State])}, not {to}.");
        if (to == ConnectionState.Abandoned)
        {
            if (string.IsNullOrWhiteSpace(reason)) throw DomainValidationException.For("reason", "Say why the connection is abandoned.");
            AbandonReason = reason.Trim();
        }
        State = to;
        LastActivityAt = now;
    }

    /// <summary>Starting state: an invitation followed means our request is on its way; otherwise ours is the invitation.</summary>
    internal void Start(ConnectionState state) => State = state;

    public void EnsureUsable()
    {
        if (State == ConnectionState.Abandoned)
            throw new ConflictException("agent_connection.abandoned", $"The connection {Alias} was abandoned; nothing more can be sent on it.");
    }
}
