using Medimail.ServiceDefaults.Logging;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Medimail.Gateway.Routing;

/// <summary>
/// The correlation middleware already put the id on the incoming request (YARP forwards it) and on the response.
/// YARP appends the backend's response headers to those, and the backend echoes the same id: keep one copy.
/// </summary>
internal static class CorrelationIdTransform
{
    public static void Apply(TransformBuilderContext context) =>
        context.AddResponseTransform(transform =>
        {
            var id = transform.HttpContext.Request.Headers[CorrelationId.HeaderName].ToString();
            if (id.Length > 0)
                transform.HttpContext.Response.Headers[CorrelationId.HeaderName] = id;
            return ValueTask.CompletedTask;
        });
}
