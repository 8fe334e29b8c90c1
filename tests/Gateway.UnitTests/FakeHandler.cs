namespace Medimail.Gateway.UnitTests;

/// <summary>Answers HTTP calls in process; an exception thrown by the answer surfaces as the call's failure.</summary>
internal sealed class FakeHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(answer(request));
}
