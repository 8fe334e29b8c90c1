using System.Diagnostics;
using Xunit;

namespace Medimail.Testing;

/// <summary>
/// The platform's RabbitMQ queues as <c>rabbitmqctl</c> sees them (through <c>scripts/infra.sh</c>, which holds the
/// node's cookie): the positive signal that a message a test published was consumed even when it changed nothing,
/// such as a duplicate. A message published with confirms is in its queue when the publish returns; once the queue
/// holds nothing ready nor unacknowledged, it was consumed and acknowledged (or moved to the <c>_error</c> queue).
/// </summary>
public static class Queues
{
    /// <summary>Messages ready and unacknowledged of every queue of the platform's virtual host.</summary>
    public static async Task<IReadOnlyDictionary<string, (long Ready, long Unacknowledged)>> ListAsync()
    {
        var start = new ProcessStartInfo(TestEnvironment.InfraScript) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "rabbitmqctl", TestEnvironment.InfraProfile, "list_queues", "-q", "-p", TestEnvironment.RabbitVirtualHost,
                     "name", "messages_ready", "messages_unacknowledged" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // rabbitmqctl starts an Erlang VM: seconds on an idle machine, minutes on a saturated one.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("rabbitmqctl list_queues did not answer within 4 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl list_queues failed: {await stderr}");
        var queues = new Dictionary<string, (long, long)>();
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = line.Split('\t', StringSplitOptions.TrimEntries);
            if (cells.Length == 3 && long.TryParse(cells[1], out var ready) && long.TryParse(cells[2], out var unacknowledged))
                queues[cells[0]] = (ready, unacknowledged);
        }
        return queues;
    }

    /// <summary>
    /// Waits until <paramref name="queue"/> holds no message, ready or unacknowledged, and fails if its <c>_error</c>
    /// queue grew meanwhile from <paramref name="errorsBefore"/> (a message that failed was not "consumed").
    /// </summary>
    public static async Task DrainedAsync(string queue, long errorsBefore, TimeSpan? timeout = null)
    {
        var queues = await Eventually.GetAsync(ListAsync,
            q => q.TryGetValue(queue, out var counts) && counts is (0, 0),
            timeout ?? TimeSpan.FromMinutes(5), $"queue {queue} drained (nothing ready nor unacknowledged)");
        var errors = queues.TryGetValue(queue + "_error", out var e) ? e.Ready : 0;
        Assert.True(errors == errorsBefore, $"{errors - errorsBefore} message(s) moved to {queue}_error: a consumer failed");
    }

    /// <summary>How many messages wait in <paramref name="queue"/>'s <c>_error</c> queue (0 when it has none).</summary>
    public static async Task<long> ErrorsAsync(string queue) =>
        (await ListAsync()).TryGetValue(queue + "_error", out var counts) ? counts.Ready : 0;
}
