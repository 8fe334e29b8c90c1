using Npgsql;

namespace Medimail.Directory.Search;

/// <summary>
/// Loads the index at start-up, then catches up whenever PostgreSQL notifies a change to <c>directory_entries</c>, and
/// every <c>Directory:Index:PollInterval</c> (default 5 s) in case a notification was lost with a connection.
/// </summary>
public sealed class EntryIndexListener(EntryIndexFeed feed, IConfiguration configuration, ILogger<EntryIndexListener> logger)
    : BackgroundService
{
    private readonly TimeSpan pollInterval = configuration.GetValue("Directory:Index:PollInterval", TimeSpan.FromSeconds(5));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retryDelay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = feed.CreateListenerConnection();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {EntryIndexFeed.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Listening first, then reading: a change committed in between is both read and notified, never lost.
                await feed.CatchUpAsync(stoppingToken);
                retryDelay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(pollInterval, stoppingToken);
                    await feed.CatchUpAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Directory index feed interrupted; retrying in {Delay}", retryDelay);
                await Task.Delay(retryDelay, stoppingToken);
                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }
}
