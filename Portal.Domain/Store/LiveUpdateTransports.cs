using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Domain.LiveUpdates;

namespace Portal.Domain.Store;

/// <summary>The live-update transport for the store's provider: in-process on SQLite (one machine), LISTEN/NOTIFY on PostgreSQL.</summary>
public static class LiveUpdateTransports
{
    public static IServiceCollection AddLiveUpdateTransport(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
            services.TryAddSingleton<ILiveUpdateTransport>(sp => new PostgresLiveUpdateTransport(connectionString, sp.GetRequiredService<ILogger<PostgresLiveUpdateTransport>>()));
        else services.TryAddSingleton<ILiveUpdateTransport, InProcessLiveUpdateTransport>();
        return services;
    }
}

/// <summary>One process: an update is handed straight to this instance's subscribers.</summary>
public sealed class InProcessLiveUpdateTransport : ILiveUpdateTransport
{
    private Action<LiveUpdate>? _deliver;

    public bool SendsInTransaction => false;
    public void Start(Action<LiveUpdate> deliver) => _deliver = deliver;
    public Task WhenListeningAsync(CancellationToken ct) => Task.CompletedTask;
    public Task SendWithSaveAsync(DbContext db, IReadOnlyList<LiveUpdate> updates, CancellationToken ct) => SendAsync(updates, ct);

    public Task SendAsync(IReadOnlyList<LiveUpdate> updates, CancellationToken ct)
    {
        if (_deliver is { } deliver) foreach (var update in updates) deliver(update);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Several instances on one PostgreSQL database: a save's updates go out as <c>NOTIFY</c> on the save's own connection and
/// transaction (PostgreSQL delivers them at commit, and never for a rollback); each instance keeps one dedicated
/// connection that <c>LISTEN</c>s and hands what it hears to its subscribers, reconnecting when the connection drops.
/// An instance hears its own notices too, so every update reaches subscribers one way.
/// </summary>
public sealed class PostgresLiveUpdateTransport : ILiveUpdateTransport, IAsyncDisposable, IDisposable
{
    public const string Channel = "portal_live";
    // NOTIFY payloads must stay under 8000 bytes: updates are sent in batches that do.
    private const int MaxPayloadBytes = 7000;

    private readonly string _listenConnectionString;
    private readonly string _sendConnectionString;
    private readonly ILogger<PostgresLiveUpdateTransport> _log;
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    public PostgresLiveUpdateTransport(string connectionString, ILogger<PostgresLiveUpdateTransport> log)
    {
        _log = log;
        _sendConnectionString = connectionString;
        // Its own connection, out of the pool (a pooled connection would go back with LISTEN on it), kept alive.
        _listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString;
    }

    public bool SendsInTransaction => true;

    public void Start(Action<LiveUpdate> deliver) => _loop ??= Task.Run(() => ListenAsync(deliver, _stop.Token));

    public Task WhenListeningAsync(CancellationToken ct) => _listening.Task.WaitAsync(ct);

    public async Task SendWithSaveAsync(DbContext db, IReadOnlyList<LiveUpdate> updates, CancellationToken ct)
    {
        foreach (var payload in Payloads(updates))
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [Channel, payload], ct);
    }

    public async Task SendAsync(IReadOnlyList<LiveUpdate> updates, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_sendConnectionString);
        await connection.OpenAsync(ct);
        foreach (var payload in Payloads(updates))
        {
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payload", payload);
            await notify.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>JSON arrays of updates, each under the payload limit (an update too big on its own is dropped, and logged).</summary>
    private IEnumerable<string> Payloads(IReadOnlyList<LiveUpdate> updates)
    {
        var batch = new List<string>();
        var bytes = 2;
        foreach (var update in updates)
        {
            var json = JsonSerializer.Serialize(update);
            var size = Encoding.UTF8.GetByteCount(json) + 1;
            if (size > MaxPayloadBytes) { _log.LogWarning("A live update of {Kind} is too big to send ({Bytes} bytes).", update.Kind, size); continue; }
            if (bytes + size > MaxPayloadBytes && batch.Count > 0)
            {
                yield return "[" + string.Join(",", batch) + "]";
                (batch, bytes) = ([], 2);
            }
            batch.Add(json);
            bytes += size;
        }
        if (batch.Count > 0) yield return "[" + string.Join(",", batch) + "]";
    }

    private async Task ListenAsync(Action<LiveUpdate> deliver, CancellationToken stop)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listenConnectionString);
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) => Deliver(e.Payload, deliver);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stop);
                _listening.TrySetResult();
                delay = TimeSpan.FromMilliseconds(250);
                while (!stop.IsCancellationRequested) await connection.WaitAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                // Notices sent while no connection listened are lost: pages miss those changes until their next one.
                _log.LogWarning(ex, "The live-update listener lost its connection; reconnecting in {Delay}.", delay);
                if (_listening.Task.IsCompleted) _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
                try { await Task.Delay(delay, stop); } catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private void Deliver(string payload, Action<LiveUpdate> deliver)
    {
        LiveUpdate[]? updates;
        try { updates = JsonSerializer.Deserialize<LiveUpdate[]>(payload); }
        catch (JsonException ex) { _log.LogWarning(ex, "A live-update notice could not be read."); return; }
        foreach (var update in updates ?? []) deliver(update);
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        _stop.Dispose();
    }

    // A container disposed synchronously (a test host) still closes the listening connection.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
