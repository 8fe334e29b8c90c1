namespace Medimail.Directory.Domain;

/// <summary>The five mailbox types and the account states, as Identity-Registry spells them in its events.</summary>
public static class MailboxTypes
{
    public const string Personal = "PER";
    public const string Intern = "INT";
    public const string Organisational = "ORG";
    public const string Medimail = "MED";
    public const string Applicative = "APP";

    public static readonly IReadOnlyList<string> All = [Personal, Intern, Organisational, Medimail, Applicative];
}

public static class AccountStates
{
    public const string Active = "ACTIVE";
    public const string Disabled = "DISABLED";
}
