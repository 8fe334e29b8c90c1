using Medimail.IdentityRegistry.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Medimail.IdentityRegistry.SignIn;

/// <summary>
/// Counts sign-in failures per address and per client IP in PostgreSQL (every replica sees the same counts), and says
/// how long a key must wait. One upsert per failure; a success clears the address (not the IP).
/// </summary>
internal sealed class SignInThrottle(IdentityDbContext db, IOptions<SignInOptions> options, TimeProvider clock)
{
    private ThrottleOptions Settings => options.Value.Throttle;

    public static string AddressKey(string email) => "address:" + email;
    public static string ClientKey(string ip) => "ip:" + ip;

    /// <summary>
    /// How long until <paramref name="email"/> from <paramref name="ip"/> may try again (zero when it may now), and
    /// whether the address has failures counted, which only then a success has to clear.
    /// </summary>
    public async Task<ThrottleCheck> CheckAsync(string email, string ip, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var address = AddressKey(email);
        string[] keys = [address, ClientKey(ip)];
        var counted = await db.Set<SignInThrottleRecord>().AsNoTracking()
            .Where(t => keys.Contains(t.Key))
            .Select(t => new { t.Key, t.BlockedUntil }).ToListAsync(cancellationToken);
        var blockedUntil = counted.Where(t => t.BlockedUntil > now).Select(t => t.BlockedUntil!.Value).DefaultIfEmpty(now).Max();
        return new ThrottleCheck(blockedUntil - now, counted.Any(t => t.Key == address));
    }

    /// <summary>Counts one failure for both keys; returns the longest block it caused (zero when none).</summary>
    public async Task<TimeSpan> FailedAsync(string email, string ip, CancellationToken cancellationToken)
    {
        var address = await CountAsync(AddressKey(email), Settings.FreeFailuresPerAddress, cancellationToken);
        var client = await CountAsync(ClientKey(ip), Settings.FreeFailuresPerClient, cancellationToken);
        return address > client ? address : client;
    }

    /// <summary>Clears the address's count; a failure counted between the check and here waits for the window's end.</summary>
    public Task SucceededAsync(string email, CancellationToken cancellationToken) =>
        db.Set<SignInThrottleRecord>().Where(t => t.Key == AddressKey(email)).ExecuteDeleteAsync(cancellationToken);

    private async Task<TimeSpan> CountAsync(string key, int free, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var forgetBefore = now - Settings.Window;
        // One statement, safe under concurrency: a count older than the window starts again at one.
        var failures = await db.Database.SqlQuery<int>($"""
            INSERT INTO sign_in_throttles (key, failures, last_failure_at) VALUES ({key}, 1, {now})
            ON CONFLICT (key) DO UPDATE SET
              failures = CASE WHEN sign_in_throttles.last_failure_at < {forgetBefore} THEN 1 ELSE sign_in_throttles.failures + 1 END,
              last_failure_at = EXCLUDED.last_failure_at
            RETURNING failures AS "Value"
            """).ToListAsync(cancellationToken);
        var delay = Settings.DelayAfter(failures[0], free);
        if (delay > TimeSpan.Zero)
        {
            var until = now + delay;
            await db.Set<SignInThrottleRecord>().Where(t => t.Key == key)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.BlockedUntil, until), cancellationToken);
        }
        return delay;
    }
}

/// <summary>What <see cref="SignInThrottle.CheckAsync"/> found: the wait imposed, and whether the address has failures counted.</summary>
internal readonly record struct ThrottleCheck(TimeSpan Wait, bool AddressHasFailures);
