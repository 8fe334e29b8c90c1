namespace Medimail.Mailbox.Domain;

/// <summary>The box types and states of docs/domain.md, as Identity-Registry spells them in its events.</summary>
public static class MailboxTypes
{
    public const string Org = "ORG";
    public const string App = "APP";
    public const string Disabled = "DISABLED";
    public const string Active = "ACTIVE";

    /// <summary>ORG and APP boxes never sign in: people reach them through connection accounts.</summary>
    public static bool IsShared(string type) => type is Org or App;
}
