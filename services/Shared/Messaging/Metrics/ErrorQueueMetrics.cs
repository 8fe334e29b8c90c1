using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MassTransit;
using Medimail.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Medimail.Messaging.Metrics;

/// <summary>
/// <c>medimail_rabbitmq_error_queue_depth{queue}</c>: messages parked in the <c>_error</c> queue of each of this
/// service's receive endpoints, which need an operator (docs/operations.md, "Replay the _error queue"). The endpoints
/// are learnt as MassTransit starts them; the depths are read with a passive declare on a connection of its own,
/// opened at the first scrape, once per reading lifetime. A queue MassTransit has not created yet (no message ever
/// failed there) counts 0.
/// </summary>
public sealed class ErrorQueueMetrics : IReceiveEndpointObserver, IDisposable
{
    private readonly Meter meter = new("Medimail.Messaging.Errors");
    private readonly ConcurrentDictionary<string, bool> errorQueues = new();
    private readonly ConnectionFactory factory;
    private readonly string endpointPrefix;
    private readonly CachedReading<Dictionary<string, long>> reading;
    private readonly SemaphoreSlim connecting = new(1, 1);
    private IConnection? connection;

    public ErrorQueueMetrics(RabbitMqOptions rabbit, string serviceName, IOptions<MetricsOptions> options, TimeProvider clock,
        ILogger<ErrorQueueMetrics> logger)
    {
        factory = new ConnectionFactory
        {
            HostName = rabbit.Host, Port = rabbit.Port, VirtualHost = rabbit.VirtualHost,
            UserName = rabbit.Username, Password = rabbit.Password, ClientProvidedName = $"{serviceName}-metrics",
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
        };
        endpointPrefix = serviceName + "-";
        reading = new CachedReading<Dictionary<string, long>>(ReadAsync, options.Value.ReadingLifetime, clock, logger);
        meter.CreateObservableGauge("medimail.rabbitmq.error_queue.depth", Observe,
            description: "Messages in the _error queue of each receive endpoint of this service.");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        if (errorQueues.IsEmpty || reading.Get() is not { } depths)
            yield break;
        foreach (var (queue, depth) in depths)
            yield return new Measurement<long>(depth, new KeyValuePair<string, object?>("queue", queue));
    }

    private async Task<Dictionary<string, long>> ReadAsync(CancellationToken cancellationToken)
    {
        var connected = await ConnectAsync(cancellationToken);
        var depths = new Dictionary<string, long>();
        IChannel? channel = null;
        try
        {
            foreach (var queue in errorQueues.Keys.Order())
            {
                channel ??= await connected.CreateChannelAsync(cancellationToken: cancellationToken);
                try
                {
                    depths[queue] = (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
                }
                catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
                {
                    // Not declared yet: nothing ever failed there. The broker closed the channel; take another.
                    depths[queue] = 0;
                    await channel.DisposeAsync();
                    channel = null;
                }
            }
        }
        finally
        {
            if (channel is not null)
                await channel.DisposeAsync();
        }
        return depths;
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        await connecting.WaitAsync(cancellationToken);
        try
        {
            if (connection is { IsOpen: true })
                return connection;
            if (connection is not null)
                await connection.DisposeAsync();
            connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection;
        }
        finally { connecting.Release(); }
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        var queue = ready.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        // The bus's own temporary endpoint (replies) has no error queue worth watching.
        if (queue is not null && queue.StartsWith(endpointPrefix, StringComparison.Ordinal))
            errorQueues.TryAdd(queue + "_error", true);
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    public void Dispose()
    {
        meter.Dispose();
        connection?.Dispose();
    }
}
