namespace Medimail.IdentityRegistry.UnitTests.Support;

/// <summary>Expiry rules depend on "today"; tests pin it to 15 March 2026, noon in Paris.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static FixedClock Default { get; } = new(new DateTimeOffset(2026, 3, 15, 11, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
