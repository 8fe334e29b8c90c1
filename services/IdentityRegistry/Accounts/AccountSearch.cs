using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Domain.Reference;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Accounts;

/// <summary>The admin search: address, last name, first name, RPPS or ADELI by prefix, case- and accent-insensitive.</summary>
/// <summary>Search and export filters; <paramref name="ExpiresBefore"/> keeps accounts whose expiry date is on or before that day.</summary>
internal sealed record AccountFilter(string? Query, string? State, string? Type, IReadOnlyCollection<Guid>? StructureIds, DateOnly? ExpiresBefore = null)
{
    /// <summary>What a page token of this search is bound to: the same filters, whatever their order.</summary>
    public string PageScope =>
        $"accounts|{Query?.Trim().ToLowerInvariant()}|{State}|{Type}|{string.Join(',', StructureIds?.Order() ?? Enumerable.Empty<Guid>())}|{ExpiresBefore:yyyy-MM-dd}";
}

/// <summary>Where the next page of accounts starts: after this address (the keyset).</summary>
internal sealed record AccountsAfter(string Email);

internal static class AccountSearch
{
    public static IQueryable<AccountRecord> Apply(this IQueryable<AccountRecord> accounts, AccountFilter filter)
    {
        if (filter.StructureIds is { } structures)
            accounts = accounts.Where(a => structures.Contains(a.StructureId));
        if (filter.State is { } state)
            accounts = accounts.Where(a => a.State == state);
        if (filter.Type is { } type)
            accounts = accounts.Where(a => a.Type == type);
        if (filter.ExpiresBefore is { } day)
            accounts = accounts.Where(a => a.ExpiresOn != null && a.ExpiresOn <= day);

        var raw = filter.Query?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(raw))
            return accounts;

        var prefix = Like.Escape(raw) + "%";
        var words = LabelKey.For(raw).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (raw.Contains('@') || words.Length == 0)
            return accounts.Where(a => EF.Functions.Like(a.Email, prefix));
        if (words.Length == 1)
        {
            var pattern = "% " + Like.Escape(words[0]) + "%";
            return accounts.Where(a => EF.Functions.Like(a.SearchWords, pattern) || EF.Functions.Like(a.Email, prefix)
                || EF.Functions.Like(a.Rpps!, prefix) || EF.Functions.Like(a.Adeli!, prefix));
        }
        // Several words: each must start a word of the names ("jean mar" finds Jean MARTIN).
        foreach (var word in words)
        {
            var pattern = "% " + Like.Escape(word) + "%";
            accounts = accounts.Where(a => EF.Functions.Like(a.SearchWords, pattern));
        }
        return accounts;
    }

    public static string SearchWordsOf(string lastName, string firstName) => $" {LabelKey.For(lastName + " " + firstName)} ";
}

internal static class Like
{
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
