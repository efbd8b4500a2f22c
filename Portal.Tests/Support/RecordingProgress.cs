using Portal.Domain.Common;

namespace Portal.Tests.Support;

/// <summary>Keeps every progress report, in order, as it happens (Progress&lt;T&gt; would post them to the thread pool).</summary>
public sealed class RecordingProgress : IProgress<WorkProgress>
{
    public List<WorkProgress> Reports { get; } = [];
    public void Report(WorkProgress value) => Reports.Add(value);
}
