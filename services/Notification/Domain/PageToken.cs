using Medimail.ServiceDefaults.Paging;

namespace Medimail.Notification.Domain;

/// <summary>
/// Where the next page starts (newest first: created, then id), bound to the filter it was issued for (the recipient of
/// the history, the structure of the relaunches). The platform's one token format: <see cref="PageTokens"/>.
/// </summary>
public sealed record PageToken(DateTimeOffset CreatedAt, Guid Id, string Recipient)
{
    public const string Field = PageTokens.Field;

    public string Encode() => PageTokens.Encode(new Position(CreatedAt, Id), Recipient);

    public static PageToken? Decode(string token, string recipient) =>
        PageTokens.Decode<Position>(token, recipient) is { } p ? new PageToken(p.CreatedAt, p.Id, recipient) : null;

    private sealed record Position(DateTimeOffset CreatedAt, Guid Id);
}
