using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Medimail.ServiceDefaults.Hosting;

/// <summary>
/// What SIGTERM does, in order: readiness turns false at once (so the orchestrator stops sending new calls), the
/// process keeps serving for <c>Shutdown:DrainDelay</c> while load balancers catch up, then Kestrel stops accepting
/// and lets in-flight calls finish, consumers finish their messages and the background workers (outbox relay,
/// schedulers) stop; all of it within <c>Shutdown:Timeout</c>, after which what is left is cancelled. In Kubernetes,
/// terminationGracePeriodSeconds must exceed the preStop pause plus the drain delay plus this timeout.
/// </summary>
public static class GracefulShutdown
{
    public const string ReadinessCheckName = "accepting-work";

    public static void AddMedimailShutdown(this WebApplicationBuilder builder, IHealthChecksBuilder health, params string[] readinessTags)
    {
        var timeout = builder.Configuration.GetValue("Shutdown:Timeout", TimeSpan.FromSeconds(25));
        var drainDelay = builder.Configuration.GetValue("Shutdown:DrainDelay", TimeSpan.Zero);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
        var state = new ShutdownState();
        builder.Services.AddSingleton(state);
        builder.Services.AddHostedService(services => new ShutdownDrain(state, drainDelay, services.GetRequiredService<ILogger<ShutdownDrain>>()));
        health.AddCheck(ReadinessCheckName,
            () => state.Stopping ? HealthCheckResult.Unhealthy("Shutting down.") : HealthCheckResult.Healthy(), readinessTags);
    }
}

public sealed class ShutdownState
{
    private volatile bool stopping;
    public bool Stopping => stopping;
    internal void Begin() => stopping = true;
}

/// <summary>Runs first when the host stops, before the server and the workers: flips readiness, then waits the drain delay.</summary>
internal sealed class ShutdownDrain(ShutdownState state, TimeSpan drainDelay, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        state.Begin();
        logger.LogInformation("Shutting down: not ready; draining for {Delay} before in-flight work completes", drainDelay);
        if (drainDelay > TimeSpan.Zero)
        {
            try { await Task.Delay(drainDelay, cancellationToken); }
            catch (OperationCanceledException) { }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
