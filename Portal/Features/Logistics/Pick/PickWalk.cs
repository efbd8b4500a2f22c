using Portal.Domain.Logistics;

namespace Portal.Features.Logistics;

/// <summary>What a scan on the pick walk means, decided before anything is sent.</summary>
public abstract record ScanOutcome
{
    /// <summary>The right SKU: record <see cref="Line"/>'s units.</summary>
    public sealed record Pick(PickLine Line) : ScanOutcome;
    /// <summary>The position was scanned as the location asks; the SKU comes next.</summary>
    public sealed record PositionConfirmed(string Position) : ScanOutcome;
    /// <summary>Not what the walk expects: nothing is recorded, <see cref="Message"/> says what was expected.</summary>
    public sealed record Wrong(string Scanned, string Message) : ScanOutcome;
}

/// <summary>
/// The order a picker walks a list in and what the next scan must be: the lines with units left in walk order
/// (<see cref="PickLine.Rank"/>), skipped lines moved to the end in the order they were skipped. Pure, so the page
/// keeps one scan handler and the same rules can later judge scans queued while offline.
/// </summary>
public sealed class PickWalk(bool scanPosition)
{
    private readonly List<(string? Position, string Sku)> _skipped = [];
    private IReadOnlyList<PickLine> _lines = [];

    public bool ScanPosition { get; } = scanPosition;
    /// <summary>The position scanned for the current line (when <see cref="ScanPosition"/>); cleared when the line changes.</summary>
    public string? ConfirmedPosition { get; private set; }

    /// <summary>The lines with units left, in the order they are walked.</summary>
    public IReadOnlyList<PickLine> Open { get; private set; } = [];
    public PickLine? Current => Open.Count > 0 ? Open[0] : null;
    public PickLine? Next => Open.Count > 1 ? Open[1] : null;

    /// <summary>Whether the SKU scan is expected now (the position is confirmed, or the location does not ask for it).</summary>
    public bool AwaitsSku => Current is { } line && (!ScanPosition || line.Position is null || ConfirmedPosition == line.Position);

    public void Load(IReadOnlyList<PickLine> lines)
    {
        var before = Current;
        _lines = lines;
        var skipOrder = _skipped.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        Open = [.. lines.Where(l => l.Left > 0)
            .OrderBy(l => skipOrder.TryGetValue(Key(l), out var i) ? i + 1 : 0)
            .ThenBy(l => l.Rank)];
        if (before is null || Current is null || Key(before) != Key(Current)) ConfirmedPosition = null;
    }

    /// <summary>Moves the current line to the end of the walk.</summary>
    public void Skip()
    {
        if (Current is not { } line || Open.Count < 2) return;
        _skipped.Remove(Key(line));
        _skipped.Add(Key(line));
        Load(_lines);
    }

    public ScanOutcome Judge(string scanned)
    {
        var code = scanned.Trim().ToUpperInvariant();
        if (Current is not { } line) return new ScanOutcome.Wrong(code, $"{code} is not needed: nothing is left to pick on this list.");
        var expectedSku = ShipmentLine.NormalizeSku(line.Sku);
        if (!AwaitsSku)
        {
            if (code == line.Position)
            {
                ConfirmedPosition = line.Position;
                return new ScanOutcome.PositionConfirmed(code);
            }
            return new ScanOutcome.Wrong(code, $"Scan the position first: expected position {line.Position}, scanned {code}.");
        }
        if (code == expectedSku) return new ScanOutcome.Pick(line);
        if (code == line.Position) return new ScanOutcome.Wrong(code, $"That is the position. Now scan the SKU {expectedSku}.");
        return new ScanOutcome.Wrong(code, $"Wrong item: expected {expectedSku}{(line.Position is null ? "" : $" at {line.Position}")}, scanned {code}.");
    }

    /// <summary>The tote the next unit of the current line goes into (totes fill A, B, … in order, as the service does).</summary>
    public string? CurrentTote => Current?.Totes.FirstOrDefault(t => t.Left > 0)?.Label;

    private static (string? Position, string Sku) Key(PickLine line) => (line.Position, line.Sku);
}

/// <summary>Settings of the pick screen (configuration section <c>Logistics:Pick</c>).</summary>
public sealed class PickScreenOptions
{
    public const string Section = "Logistics:Pick";
    /// <summary>Every location asks the picker to scan the position before the SKU.</summary>
    public bool ScanPosition { get; set; }
    /// <summary>Locations (by id) that ask for the position scan when <see cref="ScanPosition"/> is off.</summary>
    public List<Guid> ScanPositionAt { get; set; } = [];

    public bool AsksForPosition(Guid locationId) => ScanPosition || ScanPositionAt.Contains(locationId);
}
