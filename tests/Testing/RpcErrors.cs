using Google.Rpc;
using Grpc.Core;

namespace Medimail.Testing;

public static class RpcErrors
{
    /// <summary>The field paths of the google.rpc.BadRequest detail of a failed call.</summary>
    public static IReadOnlyList<string> FieldsOf(RpcException ex) =>
        ex.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];
}
