namespace Medimail.ServiceDefaults.Logging;

/// <summary>Carries the current correlation id on outgoing HTTP and gRPC client calls.</summary>
public sealed class CorrelationIdHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (CorrelationId.Current is { } id && !request.Headers.Contains(CorrelationId.HeaderName))
            request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, id);
        return base.SendAsync(request, cancellationToken);
    }
}
