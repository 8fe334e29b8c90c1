namespace Medimail.Mailbox.Traces;

/// <summary>
/// Ségur traceability: who (a nominative person or a connector) did what through which box, when, with which
/// outcome. Never a subject, a body or a file name: only the message id.
/// </summary>
public sealed class TraceEntry
{
    public long Id { get; set; }
    public string BoxAddress { get; set; } = "";
    public string Actor { get; set; } = "";
    public string ActorKind { get; set; } = "";
    public string Action { get; set; } = "";
    public string Outcome { get; set; } = "";
    public Guid? MessageId { get; set; }
    public string Detail { get; set; } = "";
    public string Channel { get; set; } = "";
    public DateTimeOffset Time { get; set; }
}

public static class TraceActions
{
    public const string Send = "SEND";
    public const string Read = "READ";
    public const string Delete = "DELETE";
    public const string List = "LIST";
}

public static class TraceOutcomes
{
    public const string Success = "SUCCESS";
    public const string Refused = "REFUSED";
}

public static class TraceChannels
{
    public const string Api = "API";
    public const string Smtp = "SMTP";
}
