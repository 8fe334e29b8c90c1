using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Medimail.Testing;

/// <summary>
/// A second gateway, started by the test in Production mode (compact JSON logs on its standard output) in front of
/// the platform's services, so that what production writes to its logs can be read and searched.
/// </summary>
public sealed class ProductionGateway : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ProductionGateway(Process process, string url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Url { get; }

    public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToList(); } }

    /// <summary>Starts it; <paramref name="settings"/> are added to (or override) its environment, e.g. to run it as a second replica.</summary>
    public static async Task<ProductionGateway> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var dll = Path.Combine(root, "gateway", "bin", "Release", "net10.0", "Medimail.Gateway.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build the solution first (scripts/test.sh does).");
        int http = FreePort(), grpc = FreePort(), metrics = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var identityHttp = Environment.GetEnvironmentVariable("MEDIMAIL_IDENTITY_HTTP_URL")!;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Ports__Bind"] = "127.0.0.1";
        start.Environment["Ports__Http"] = http.ToString();
        start.Environment["Ports__Grpc"] = grpc.ToString();
        // Its own management port: two of these may run at once (the console's replica tests).
        start.Environment["Ports__Metrics"] = metrics.ToString();
        start.Environment["Auth__Issuer"] = TestEnvironment.GatewayUrl + "/";
        start.Environment["Auth__MetadataAddress"] = identityHttp + "/.well-known/openid-configuration";
        start.Environment["Auth__AllowInsecureHttp"] = "true";
        start.Environment["ServiceIdentity__ClientId"] = TestEnvironment.ServiceClientId("gateway");
        start.Environment["ServiceIdentity__ClientSecret"] = TestEnvironment.ServiceSecret("gateway");
        foreach (var service in new[] { "Identity", "Mailbox", "Directory", "Notification" })
        {
            start.Environment[$"Services__{service}__Grpc"] = Environment.GetEnvironmentVariable($"MEDIMAIL_{service.ToUpperInvariant()}_GRPC_URL");
            start.Environment[$"Services__{service}__Http"] = Environment.GetEnvironmentVariable($"MEDIMAIL_{service.ToUpperInvariant()}_HTTP_URL");
        }
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var gateway = new ProductionGateway(process, $"http://127.0.0.1:{http}");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.GetAsync(async () =>
        {
            if (process.HasExited)
                throw new InvalidOperationException("The production gateway exited: " + string.Join('\n', gateway.Lines.TakeLast(20)));
            try { return (await client.GetAsync(gateway.Url + "/health")).StatusCode; }
            catch (HttpRequestException) { return HttpStatusCode.ServiceUnavailable; }
            catch (TaskCanceledException) { return HttpStatusCode.ServiceUnavailable; }
        }, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the production gateway to answer /health");
        return gateway;
    }

    /// <summary>Stops the process and waits for its output to be read to the end, so no line is missed.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.WaitForExit();
        return Lines;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
