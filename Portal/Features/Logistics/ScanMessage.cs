namespace Portal.Features.Logistics;

/// <summary>What a scan did on a warehouse screen: <c>good</c>, <c>wrong</c> or <c>info</c>, the words, and the tote to drop into.</summary>
public sealed record ScanMessage(string Kind, string Text, string? Tote = null);
