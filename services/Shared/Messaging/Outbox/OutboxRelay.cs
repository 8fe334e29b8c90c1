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

    /// <summary>One pass: claim due rows, publish them in order, record the outcome. Returns how many were published.</summary>
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
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return 0;

        var published = 0;
        foreach (var row in rows)
        {
            try
            {
                await PublishAsync(row, cancellationToken);
                row.SentAt = clock.GetUtcNow();
                published++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Keep the order of what is left: stop here, the rest stays due and goes out on the next pass.
                row.Attempts++;
                row.LastError = Truncate($"{ex.GetType().Name}: {ex.Message}", 2000);
                row.NextAttemptAt = clock.GetUtcNow() + Backoff(row.Attempts);
                logger.LogWarning("Outbox message {MessageId} ({MessageType}) not published, attempt {Attempts}: {Error}",
                    row.Id, row.MessageType, row.Attempts, ex.Message);
                break;
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        if (published > 0)
            logger.LogDebug("Outbox published {Count} messages", published);
        return published;
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
