using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Medimail.Mailbox.Submission;

/// <summary>
/// Messages a connector may submit over SMTP per minute (<c>Submission__MaxMessagesPerMinute</c>), counted at
/// <c>MAIL FROM</c> per client id in a fixed one-minute window, per Mailbox replica. Over the limit the server answers
/// 451, a temporary refusal: a well-behaved client queues the message and retries later rather than losing it.
/// </summary>
public sealed class SubmissionRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public SubmissionRateLimit(IOptions<SubmissionOptions> options)
    {
        PerMinute = options.Value.MaxMessagesPerMinute;
        limiter = PartitionedRateLimiter.Create<string, string>(clientId => RateLimitPartition.GetFixedWindowLimiter(clientId, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public int PerMinute { get; }

    /// <summary>Takes one message from the connector's allowance; false when the minute's allowance is spent.</summary>
    public bool TryTake(string clientId)
    {
        using var lease = limiter.AttemptAcquire(clientId);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
