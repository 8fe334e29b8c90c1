using Grpc.Core;
using Medimail.Identity.V1;

namespace Medimail.Directory.Reference;

/// <summary>Profession and specialty labels by code, as Identity-Registry's reference lists give them.</summary>
public sealed record Labels(IReadOnlyDictionary<string, string> Professions, IReadOnlyDictionary<string, string> Specialties)
{
    public static readonly Labels None = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    public string Profession(string? code) => code is not null && Professions.TryGetValue(code, out var label) ? label : "";
    public string Specialty(string? code) => code is not null && Specialties.TryGetValue(code, out var label) ? label : "";
}

/// <summary>
/// The reference lists are fixed data of Identity-Registry (its public ReferenceService), so they are read once and
/// kept: account events stay small (codes only) and searches never call another service. Loaded at start-up; while
/// Identity-Registry cannot be reached, entries go out with empty labels and the next use after
/// <see cref="RetryAfter"/> tries again, so the Directory starts and serves without Identity-Registry.
/// </summary>
public sealed class ReferenceLabels(ReferenceService.ReferenceServiceClient client, TimeProvider clock, ILogger<ReferenceLabels> logger)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Labels? loaded;
    private DateTimeOffset nextAttempt = DateTimeOffset.MinValue;

    public bool IsLoaded => loaded is not null;

    public async ValueTask<Labels> GetAsync(CancellationToken cancellationToken)
    {
        if (loaded is { } labels)
            return labels;
        if (clock.GetUtcNow() < nextAttempt || !await loading.WaitAsync(0, cancellationToken))
            return Labels.None;
        try
        {
            return loaded ?? await LoadAsync(cancellationToken);
        }
        finally
        {
            loading.Release();
        }
    }

    private async Task<Labels> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var professions = await ListAsync("professions", cancellationToken);
            var specialties = await ListAsync("specialties", cancellationToken);
            loaded = new Labels(professions, specialties);
            logger.LogInformation("Reference labels loaded: {Professions} professions, {Specialties} specialties",
                professions.Count, specialties.Count);
            return loaded;
        }
        catch (RpcException ex)
        {
            nextAttempt = clock.GetUtcNow() + RetryAfter;
            logger.LogWarning("Reference labels unavailable ({Status}); entries go out without labels until a retry succeeds", ex.StatusCode);
            return Labels.None;
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> ListAsync(string list, CancellationToken cancellationToken)
    {
        var response = await client.ListAsync(new ListReferenceRequest { List = list },
            deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in response.Items)
            labels.TryAdd(item.Code, item.Label);
        return labels;
    }
}

/// <summary>
/// Reads the labels at start-up, in the background, until Identity-Registry answers (services start in any order):
/// the Directory itself never waits for it.
/// </summary>
public sealed class ReferenceLabelsWarmUp(ReferenceLabels labels) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !labels.IsLoaded)
        {
            await labels.GetAsync(stoppingToken);
            if (!labels.IsLoaded)
                await Task.Delay(ReferenceLabels.RetryAfter, stoppingToken);
        }
    }
}
