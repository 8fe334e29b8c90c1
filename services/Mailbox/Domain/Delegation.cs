namespace Medimail.Mailbox.Domain;

/// <summary>
/// One person's access to a shared box, derived from the box's connection accounts, with that person's settings:
/// open it first at sign-in (<see cref="IsDefault"/>, at most one per person) and be told of its new mail.
/// </summary>
public sealed class Delegation
{
    public string ConnectionAccount { get; set; } = "";
    public string BoxAddress { get; set; } = "";
    public bool IsDefault { get; set; }
    public bool ReceptionNotice { get; set; }
}
