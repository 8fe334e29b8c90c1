using System.Diagnostics.Metrics;

namespace Medimail.ServiceDefaults.Telemetry;

/// <summary>
/// <c>medimail_signins_total{outcome="succeeded|failed", grant}</c>: every token request that authenticates a client or a person.
/// Shared here so each way of signing in (client credentials, a person's authorization code) counts in one series.
/// </summary>
public static class SignInMetrics
{
    public static readonly Meter Meter = new("Medimail.SignIns");
    private static readonly Counter<long> SignIns = Meter.CreateCounter<long>("medimail.signins", description: "Sign-ins, by outcome and grant.");

    public static void Succeeded(string grant) => SignIns.Add(1, Outcome("succeeded"), Grant(grant));

    public static void Failed(string grant) => SignIns.Add(1, Outcome("failed"), Grant(grant));

    private static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);

    private static KeyValuePair<string, object?> Grant(string grant) => new("grant", grant);
}
