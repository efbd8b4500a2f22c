namespace Portal.Domain.Common;

/// <summary>How far a long piece of work (an import, a bulk change) has got, for a progress bar.</summary>
public sealed record WorkProgress(string Stage, int Done, int Total)
{
    public double Percent => Total == 0 ? 100 : 100.0 * Done / Total;
}
