using Microsoft.AspNetCore.Http;
using Serilog.Context;

namespace Medimail.ServiceDefaults.Logging;

/// <summary>Adopts the caller's correlation id (or makes one), echoes it back and puts it on every log line.</summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[CorrelationId.HeaderName].ToString();
        var id = CorrelationId.IsAcceptable(incoming) ? incoming : CorrelationId.New();
        CorrelationId.Current = id;
        context.Request.Headers[CorrelationId.HeaderName] = id;
        context.Response.Headers[CorrelationId.HeaderName] = id;
        using (LogContext.PushProperty(CorrelationId.LogProperty, id))
        {
            await next(context);
        }
    }
}
