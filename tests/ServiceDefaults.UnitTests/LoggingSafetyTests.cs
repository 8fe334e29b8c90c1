using Medimail.ServiceDefaults.Logging;

namespace Medimail.ServiceDefaults.UnitTests;

public sealed class LoggingSafetyTests
{
    [Theory]
    [InlineData("/enrol/abcdef123456", "/enrol/***")]
    [InlineData("/api/v1/enrolments/abcdef123456:complete", "/api/v1/enrolments/***:complete")]
    [InlineData("/api/v1/accounts/jean@x.fr", "/api/v1/accounts/jean@x.fr")]
    public void Enrolment_tokens_never_reach_the_request_log(string path, string logged) =>
        Assert.Equal(logged, SafeRoute.Mask(path));

    [Theory]
    [InlineData("3f2b8c1e0d4a4c55", true)]
    [InlineData("e2e-correlation-42", true)]
    [InlineData("bad id\nwith newline", false)]
    [InlineData("", false)]
    public void Only_plain_correlation_ids_are_adopted_from_callers(string value, bool accepted) =>
        Assert.Equal(accepted, CorrelationId.IsAcceptable(value));

    [Fact]
    public void Overlong_correlation_ids_are_refused() =>
        Assert.False(CorrelationId.IsAcceptable(new string('a', 65)));
}
