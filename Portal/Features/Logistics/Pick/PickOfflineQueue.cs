using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Portal.Features.Logistics;

/// <summary>
/// The pick screen's handle on <c>js/pick-offline.js</c> (the scan queue that works while the circuit is down): started
/// once per list with its own storage key, stopped when the page shows another list or closes. Without script it does
/// nothing and picking works online only.
/// </summary>
public sealed class PickOfflineQueue(IJSRuntime js, string moduleUrl) : IAsyncDisposable
{
    private IJSObjectReference? _module, _queue;

    /// <summary>The list the queue runs for, if any.</summary>
    public Guid? ListId { get; private set; }

    /// <summary>Starts the queue for <paramref name="listId"/>; the module calls <paramref name="page"/>'s <c>OfflineScansSentAsync</c> when its scans are answered.</summary>
    public async Task StartAsync<TPage>(ElementReference banner, DotNetObjectReference<TPage> page, Guid listId, string storageKey, IEnumerable<string> positions)
        where TPage : class
    {
        ListId = listId;
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", moduleUrl);
        _queue = await _module.InvokeAsync<IJSObjectReference>("start", banner, page, new { listId, storageKey, positions = positions.Distinct().ToArray() });
    }

    public async Task StopAsync()
    {
        var queue = _queue;
        (_queue, ListId) = (null, null);
        if (queue is null) return;
        try
        {
            await queue.InvokeVoidAsync("stop");
            await queue.DisposeAsync();
        }
        catch (Exception jsError) when (jsError is JSDisconnectedException or JSException) { } // the page is gone: nothing to stop
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            if (_module is not null) await _module.DisposeAsync();
        }
        catch (Exception jsError) when (jsError is JSDisconnectedException or JSException) { } // the page is gone: nothing to dispose
    }
}
