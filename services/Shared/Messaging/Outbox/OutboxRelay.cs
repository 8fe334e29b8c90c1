using System.Text.Json;
using MassTransit;
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await PublishBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox relay pass failed; retrying");
            }

            // A full batch means more is waiting: go again at once.
            if (published < settings.BatchSize)
            {
                try { await signal.WaitAsync(settings.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>
    /// One pass: claim due rows, publish them all at once and wait for the broker's confirms together, then record
    /// every outcome in one statement each. Returns how many were published.
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
        var rows = await db.Set<OutboxMessage>()
            .FromSqlInterpolated($"""
                SELECT * FROM outbox_messages
                WHERE sent_at IS NULL AND next_attempt_at <= {now}
                ORDER BY created_at, id
                LIMIT {settings.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return 0;

        // Started one after the other (each Publish hands its message to the channel before yielding), awaited together.
        var publishes = rows.Select(row => PublishAsync(row, cancellationToken)).ToList();
        try { await Task.WhenAll(publishes); }
        catch when (!cancellationToken.IsCancellationRequested) { /* each outcome is read below */ }

        var sent = new List<Guid>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (publishes[i].IsCompletedSuccessfully)
            {
                sent.Add(row.Id);
                continue;
            }
            var ex = publishes[i].Exception?.GetBaseException() ?? new OperationCanceledException("Publish cancelled.");
            var attempts = row.Attempts + 1;
            var error = Truncate($"{ex.GetType().Name}: {ex.Message}", 2000);
            var next = clock.GetUtcNow() + Backoff(attempts);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE outbox_messages SET attempts = {attempts}, last_error = {error}, next_attempt_at = {next} WHERE id = {row.Id}",
                CancellationToken.None);
            logger.LogWarning("Outbox message {MessageId} ({MessageType}) not published, attempt {Attempts}: {Error}",
                row.Id, row.MessageType, attempts, ex.Message);
        }
        if (sent.Count > 0)
        {
            var sentAt = clock.GetUtcNow();
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE outbox_messages SET sent_at = {sentAt} WHERE id = ANY({sent.ToArray()})", CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
        if (sent.Count > 0)
            logger.LogDebug("Outbox published {Count} messages", sent.Count);
        return sent.Count;
    }

    private async Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var type = ContractTypes.Resolve(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Payload, type, OutboxWriter.Json)
            ?? throw new InvalidOperationException($"Outbox row {row.Id} has an empty payload.");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.PublishTimeout);
        await bus.Publish(message, type, context =>
        {
            // The row id is the message id: consumers deduplicate on it, even when a crash makes us publish twice.
            context.MessageId = row.Id;
            if (row.CorrelationId is { } correlation)
                context.Headers.Set(Medimail.ServiceDefaults.Logging.CorrelationId.HeaderName, correlation);
        }, timeout.Token);
    }

    private TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(settings.MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts, 16)));
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
