using System.Text.Json;
using MassTransit;
using Medimail.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medimail.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so several
/// replicas share the work without publishing a row twice at the same time; a row is marked sent only after the
/// broker confirmed it, and a failure pushes it back with exponential back-off. No row is ever dropped.
/// </summary>
public sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private readonly OutboxOptions settings = options.Value;

    /// <summary>
    /// Set when a publish failed on the broker's side (not confirmed, connection lost), cleared by the first publish
    /// that succeeds again. Meanwhile every pass that finds nothing due probes with the oldest backed-off row, whatever
    /// its back-off, and the first success brings every backed-off row forward: rows that failed because RabbitMQ was
    /// down go out as soon as it is back, not up to <see cref="OutboxOptions.MaxBackoff"/> later (issue 19: the import
    /// after a broker kill reached the directory in 45 s instead of 10).
    /// </summary>
    private volatile bool brokerFailing;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signal.RunAsync("Outbox relay", async cancellationToken =>
        {
            var wasFailing = brokerFailing;
            var published = await PublishBatchAsync(cancellationToken);
            // A full batch means more is waiting, and so does a recovery (the rows it brought forward): go again at once.
            return published < settings.BatchSize && !(wasFailing && !brokerFailing) ? null : TimeSpan.Zero;
        }, settings.PollInterval, clock, logger, stoppingToken);

    /// <summary>
    /// One pass: claim due rows, publish them all at once and wait for the broker's confirms together, then record
    /// every outcome in one statement each. Returns how many were published. At most
    /// <see cref="OutboxOptions.MaxUnconfirmedBytes"/> of payload await their confirms at once, so a pass over large
    /// rows (an import's events) holds a few of them in memory, not the whole batch.
    /// </summary>
    /// <remarks>
    /// Publishes are started in claim order (oldest first) on the bus's channel, so the broker receives them in that
    /// order; only their confirms are awaited concurrently, which turns a batch from one round trip per row into
    /// about one. A row that fails goes back with back-off while the others of its batch are marked sent: consumers
    /// never relied on the order between messages (MassTransit consumes concurrently and retries out of order; the
    /// directory keeps the highest account version, Notification deduplicates on the message id). What is kept: a row
    /// is marked sent only after its confirm, in the transaction that holds its lock, so no row is lost and no row is
    /// published by two relays at once.
    /// </remarks>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var due = db.Set<OutboxMessage>()
            .FromSqlInterpolated($"""
                SELECT * FROM outbox_messages
                WHERE sent_at IS NULL AND next_attempt_at <= {now}
                ORDER BY created_at, id
                LIMIT {settings.BatchSize}
                FOR UPDATE SKIP LOCKED
                """);

        // Each publish starts as its row is read (it hands its message to the channel before yielding); their confirms
        // are awaited together, within the window. Only what the outcome needs is kept of a row, not its payload.
        var claimed = new List<(Guid Id, int Attempts, string MessageType, Task Publish)>();
        var window = new UnconfirmedWindow(settings.MaxUnconfirmedBytes);
        await ClaimAsync(due);
        if (claimed.Count == 0 && brokerFailing)
        {
            // Nothing due while the broker was failing: is it back? The oldest backed-off row asks (attempts > 0: a
            // row an import still holds has never been tried).
            await ClaimAsync(db.Set<OutboxMessage>().FromSqlInterpolated($"""
                SELECT * FROM outbox_messages
                WHERE sent_at IS NULL AND attempts > 0
                ORDER BY next_attempt_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """));
        }
        if (claimed.Count == 0)
            return 0;
        await Task.WhenAll(claimed.Select(c => c.Publish)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // Stopping: the claims roll back with the transaction and the rows go out after the restart, attempts unchanged.
        cancellationToken.ThrowIfCancellationRequested();

        var sent = new List<Guid>(claimed.Count);
        Exception? notConfirmed = null;
        var brokerFault = false;
        foreach (var (id, previousAttempts, messageType, publish) in claimed)
        {
            if (publish.IsCompletedSuccessfully)
            {
                sent.Add(id);
                continue;
            }
            var unreadable = publish.Exception?.InnerException as UnreadablePayloadException;
            brokerFault |= unreadable is null;
            var ex = unreadable?.InnerException ?? publish.Exception?.GetBaseException() ?? (notConfirmed ??= NotConfirmed());
            var attempts = previousAttempts + 1;
            var error = Truncate($"{ex.GetType().Name}: {ex.Message}", 2000);
            var next = clock.GetUtcNow() + Backoff(attempts);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE outbox_messages SET attempts = {attempts}, last_error = {error}, next_attempt_at = {next} WHERE id = {id}",
                CancellationToken.None);
            logger.LogWarning("Outbox message {MessageId} ({MessageType}) not published, attempt {Attempts}: {Error}",
                id, messageType, attempts, ex.Message);
        }
        if (sent.Count > 0)
        {
            var sentAt = clock.GetUtcNow();
            // A row whose hold ran out is published like any other; it leaves the holds' index once sent.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE outbox_messages SET sent_at = {sentAt}, held_by = NULL WHERE id = ANY({sent.ToArray()})", CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
        if (sent.Count > 0)
            logger.LogDebug("Outbox published {Count} messages", sent.Count);
        if (brokerFault)
            brokerFailing = true;
        else if (sent.Count > 0 && brokerFailing)
            await BrokerBackAsync(db);
        return sent.Count;

        async Task ClaimAsync(IQueryable<OutboxMessage> rows)
        {
            await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                await window.MakeRoomAsync(row.Payload.Length);
                var publish = StartPublish(row, cancellationToken);
                window.Add(publish, row.Payload.Length);
                claimed.Add((row.Id, row.Attempts, row.MessageType, publish));
            }
        }
    }

    /// <summary>The broker confirms again: the rows its outage pushed back are due now.</summary>
    private async Task BrokerBackAsync(TDbContext db)
    {
        var now = clock.GetUtcNow();
        var forward = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE outbox_messages SET next_attempt_at = {now} WHERE sent_at IS NULL AND attempts > 0 AND next_attempt_at > {now}",
            CancellationToken.None);
        brokerFailing = false;
        logger.LogInformation("Outbox relay: the broker confirms again; {Count} backed-off messages are due now", forward);
    }

    /// <summary>Reads the row's message and starts publishing it; a payload that cannot be read fails this row only.</summary>
    private Task StartPublish(OutboxMessage row, CancellationToken cancellationToken)
    {
        object message;
        Type type;
        try
        {
            type = ContractTypes.Resolve(row.MessageType);
            message = JsonSerializer.Deserialize(row.Payload, type, OutboxWriter.Json)
                ?? throw new InvalidOperationException($"Outbox row {row.Id} has an empty payload.");
        }
        catch (Exception ex)
        {
            return Task.FromException(new UnreadablePayloadException(row.Id, ex));
        }
        return PublishAsync(row.Id, row.CorrelationId, message, type, cancellationToken);
    }

    private async Task PublishAsync(Guid id, string? correlationId, object message, Type type, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeout);
        await bus.Publish(message, type, context =>
        {
            // The row id is the message id: consumers deduplicate on it, even when a crash makes us publish twice.
            context.MessageId = id;
            if (correlationId is not null)
                context.Headers.Set(Medimail.ServiceDefaults.Logging.CorrelationId.HeaderName, correlationId);
        }, timeout.Token);
    }

    /// <summary>
    /// A publish cut by its timeout carries no exception: MassTransit keeps retrying the connection behind it. The
    /// bus's health knows why (for example "Broker unreachable: user@host:port/"), so the row's last_error says it.
    /// </summary>
    private TimeoutException NotConfirmed()
    {
        var health = (bus as IBusControl)?.CheckHealth();
        var cause = health is null || health.Status == BusHealthStatus.Healthy ? ""
            : $" ({health.Exception?.Message ?? health.Description})";
        return new TimeoutException($"The broker did not confirm the publish within {settings.PublishTimeout}{cause}.");
    }

    private TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(settings.MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts, 16)));
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    /// <summary>A row whose payload cannot be read: its own fault, not the broker's.</summary>
    private sealed class UnreadablePayloadException(Guid id, Exception inner)
        : Exception($"Outbox row {id}: {inner.Message}", inner);
}
