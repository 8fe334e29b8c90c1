using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests;

/// <summary>
/// SIGTERM, as Kubernetes sends it in a rolling update, lets a call already under way finish: the client gets its
/// answer, then the process exits. The call is a REST request (transcoded gRPC) sent straight to Identity-Registry
/// whose body is still arriving when the signal is sent; Identity-Registry is started again afterwards.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task A_call_in_flight_when_the_service_gets_SIGTERM_completes_and_the_client_sees_no_error()
    {
        var token = await Tokens.OperatorAsync();
        var identityGrpc = TestEnvironment.IdentityGrpcUrl;
        var structure = JsonNode.Parse(Google.Protobuf.JsonFormatter.Default.Format(Accounts.NewStructure()))!.ToJsonString();
        var halfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // HTTP/2 cleartext, as the gateway calls the services.
        using var http = new HttpClient();
        // One call first: the service fetches its token-validation keys from its own HTTP port, which closes on SIGTERM.
        using (var warmUp = new HttpRequestMessage(HttpMethod.Get, $"{identityGrpc}/api/v1/structures")
               { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact })
        {
            warmUp.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var warm = await http.SendAsync(warmUp);
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{identityGrpc}/api/v1/structures")
        {
            Content = new SlowContent(Encoding.UTF8.GetBytes(structure), halfSent, resume.Task),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var call = http.SendAsync(request);

        await halfSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopping = PlatformCtlAsync("term", "identity");
        try
        {
            // The signal is on its way (the script sends it first, then waits for the exit): finish the body after a moment.
            await Task.Delay(TimeSpan.FromSeconds(1));
            resume.SetResult();
            using var response = await call.WaitAsync(TimeSpan.FromSeconds(60));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
            Assert.False(string.IsNullOrEmpty(JsonNode.Parse(body)!["id"]?.GetValue<string>()));
            await stopping;
        }
        finally
        {
            resume.TrySetResult();
            await stopping.ContinueWith(_ => { });
            await PlatformCtlAsync("start", "identity");
        }
    }

    private static async Task PlatformCtlAsync(string action, string service)
    {
        var script = Environment.GetEnvironmentVariable("MEDIMAIL_PLATFORM_CTL") is { Length: > 0 } path ? path
            : throw new InvalidOperationException("MEDIMAIL_PLATFORM_CTL is not set: run the tests through scripts/test.sh.");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, action, service, TestEnvironment.InfraProfile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"platform-ctl.sh {action} {service} failed: {await output}{await error}");
    }

    /// <summary>Sends the first half of the body, says so, and sends the rest only when told.</summary>
    private sealed class SlowContent : HttpContent
    {
        private readonly byte[] body;
        private readonly TaskCompletionSource halfSent;
        private readonly Task resume;

        public SlowContent(byte[] body, TaskCompletionSource halfSent, Task resume)
        {
            (this.body, this.halfSent, this.resume) = (body, halfSent, resume);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = body.Length / 2;
            await stream.WriteAsync(body.AsMemory(0, half));
            await stream.FlushAsync();
            halfSent.TrySetResult();
            await resume;
            await stream.WriteAsync(body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
