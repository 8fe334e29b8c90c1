namespace Medimail.Messaging;

public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";
    public string Host { get; set; } = "";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    /// <summary>
    /// Declare the receive endpoints' queues as quorum queues (replicated over the cluster's nodes). A queue's type is
    /// fixed when it is declared: switching an existing deployment follows docs/operations.md ("Quorum queues").
    /// </summary>
    public bool QuorumQueues { get; set; }
}
