using MimeKit;

namespace Medimail.SmtpSink;

/// <summary>One accepted DATA transaction: the envelope as the client gave it and the raw message.</summary>
public sealed record StoredMessage(long Sequence, DateTimeOffset ReceivedAt, string From, IReadOnlyList<string> To, byte[] Raw)
{
    private MimeMessage? parsed;

    /// <summary>Parsed on first read, not on receipt: receiving stays cheap when a benchmark pushes thousands.</summary>
    public MimeMessage Parsed
    {
        get
        {
            if (parsed is null)
            {
                using var stream = new MemoryStream(Raw, writable: false);
                parsed = MimeMessage.Load(stream);
            }
            return parsed;
        }
    }
}

/// <summary>Everything received since start or the last clear, in order; thread-safe.</summary>
public sealed class MessageStore
{
    private readonly Lock gate = new();
    private readonly List<StoredMessage> messages = [];
    private long sequence;

    public StoredMessage Add(string from, IReadOnlyList<string> to, byte[] raw)
    {
        lock (gate)
        {
            var message = new StoredMessage(++sequence, DateTimeOffset.UtcNow, from, to, raw);
            messages.Add(message);
            return message;
        }
    }

    public IReadOnlyList<StoredMessage> Snapshot()
    {
        lock (gate) return messages.ToArray();
    }

    public int Count
    {
        get { lock (gate) return messages.Count; }
    }

    public void Clear()
    {
        lock (gate) messages.Clear();
    }
}
