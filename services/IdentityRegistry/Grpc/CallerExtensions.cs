using Grpc.Core;
using Medimail.ServiceDefaults.Auth;

namespace Medimail.IdentityRegistry.Grpc;

internal static class CallerExtensions
{
    public static Caller Caller(this ServerCallContext context) => ServiceDefaults.Auth.Caller.From(context.GetHttpContext().User);
}
