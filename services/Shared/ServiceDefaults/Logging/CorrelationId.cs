namespace Medimail.ServiceDefaults.Logging;

/// <summary>
/// The id that follows one request through the gateway, gRPC calls and RabbitMQ messages.
/// Kept in an AsyncLocal so outgoing calls and outbox rows pick it up without being passed it.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    public const string LogProperty = "CorrelationId";

    private static readonly AsyncLocal<string?> CurrentValue = new();

    public static string? Current
    {
        get => CurrentValue.Value;
        set => CurrentValue.Value = value;
    }

    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>Accepts only ids a client could not use to inject into logs.</summary>
    public static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
