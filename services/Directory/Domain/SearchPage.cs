namespace Medimail.Directory.Domain;

/// <summary>One page of a search, with the token of the next page ("" at the end) and the number of matches.</summary>
public sealed record SearchPage(IReadOnlyList<DirectoryEntry> Entries, string NextPageToken, int TotalSize);
