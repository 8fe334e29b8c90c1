namespace Medimail.IdentityRegistry.Data;

/// <summary>
/// Recent sign-in failures of one key (<c>address:…</c> or <c>ip:…</c>), shared by every replica. Counting resets after
/// a quiet <c>SignIn:Throttle:Window</c>; <see cref="BlockedUntil"/> is when the next attempt is allowed.
/// </summary>
public sealed class SignInThrottleRecord
{
    public string Key { get; set; } = "";
    public int Failures { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }
    public DateTimeOffset? BlockedUntil { get; set; }
}
