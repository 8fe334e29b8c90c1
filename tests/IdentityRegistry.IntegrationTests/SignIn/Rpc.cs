using Grpc.Core;

namespace Medimail.IdentityRegistry.IntegrationTests.SignIn;

internal static class Rpc
{
    /// <summary>The status a call ended with (OK when it succeeded).</summary>
    public static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
