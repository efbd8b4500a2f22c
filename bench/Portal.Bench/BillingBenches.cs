

/// <summary>How people query the billing lists (bench/run.sh billing): filters, sorts, searches and pages as staff use them.</summary>
static class BillingBenches
{
    private static readonly string[] SubscriptionSorts = ["-createdAt", "currentPeriodEnd", "-currentPeriodEnd", "status"];
    private static readonly string[] SubscriptionStatuses = ["Active", "PastDue", "Trialing"];
    private static readonly string[] Queues = ["TrialEnding", "PastDue", "CancelScheduled"];
    private static readonly string[] InvoiceSorts = ["-issuedAt", "dueAt", "-totalMinor", "number"];
    private static readonly string[] InvoiceStatuses = ["Paid", "Open"];

    public static (string Query, string Shape) NextSubscriptionQuery(Random r)
    {
        var sort = SubscriptionSorts[r.Next(SubscriptionSorts.Length)];
        var status = r.NextDouble() < 0.4 ? SubscriptionStatuses[r.Next(SubscriptionStatuses.Length)] : null;
        var queue = status is null && r.NextDouble() < 0.3 ? Queues[r.Next(Queues.Length)] : null;
        var q = r.NextDouble() < 0.2 ? $"billing {r.Next(0, 5000):D6}" : null;
        var page = r.NextDouble() < 0.6 ? r.Next(1, 4) : r.Next(4, 21);
        var parts = new List<string> { $"page={page}", "pageSize=50", $"sort={Uri.EscapeDataString(sort)}" };
        if (status is not null) parts.Add($"status={status}");
        if (queue is not null) parts.Add($"queue={queue}");
        if (q is not null) parts.Add($"q={Uri.EscapeDataString(q)}");
        return (string.Join('&', parts), $"sort={sort}{(status is null ? "" : " +status")}{(queue is null ? "" : " +queue")}{(q is null ? "" : " +q")}");
    }

    public static (string Query, string Shape) NextInvoiceQuery(Random r)
    {
        var sort = InvoiceSorts[r.Next(InvoiceSorts.Length)];
        var status = r.NextDouble() < 0.4 ? InvoiceStatuses[r.Next(InvoiceStatuses.Length)] : null;
        var q = r.NextDouble() < 0.2 ? $"INV-{DateTime.UtcNow.Year - 1}-{r.Next(1, 600_001):D6}" : null;
        var page = r.NextDouble() < 0.6 ? r.Next(1, 4) : r.Next(4, 21);
        var parts = new List<string> { $"page={page}", "pageSize=50", $"sort={Uri.EscapeDataString(sort)}" };
        if (status is not null) parts.Add($"status={status}");
        if (q is not null) parts.Add($"q={Uri.EscapeDataString(q)}");
        return (string.Join('&', parts), $"sort={sort}{(status is null ? "" : " +status")}{(q is null ? "" : " +q")}");
    }
}
