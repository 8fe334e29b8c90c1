using MassTransit;
using Medimail.ServiceDefaults.Logging;
using SerilogContext = Serilog.Context.LogContext;

namespace Medimail.Messaging.Consumers;

/// <summary>Restores the publisher's correlation id while a message is consumed, so logs and new outbox rows carry it on.</summary>
public sealed class CorrelationConsumeFilter<T> : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var incoming = context.Headers.Get<string>(CorrelationId.HeaderName);
        var id = CorrelationId.IsAcceptable(incoming) ? incoming! : context.MessageId?.ToString("N") ?? CorrelationId.New();
        CorrelationId.Current = id;
        using (SerilogContext.PushProperty(CorrelationId.LogProperty, id))
        {
            await next.Send(context);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("correlationId");
}
