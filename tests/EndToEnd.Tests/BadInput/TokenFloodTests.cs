using System.Net;
using System.Net.Sockets;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.EndToEnd.Tests.BadInput;

/// <summary>
/// 2,000 concurrent <c>/connect/token</c> requests with wrong secrets through the gateway: refused (401 or 429, never a
/// token), nothing crashes, and a client with the right secret still gets its token at once.
/// </summary>
public sealed class TokenFloodTests
{
    private const int Flood = 2000;

    [Fact]
    public async Task Two_thousand_concurrent_wrong_secrets_get_429s_and_the_right_client_still_gets_its_token()
    {
        var operatorChannel = Channels.Create(TestEnvironment.GatewayGrpcUrl, await Tokens.OperatorAsync());
        var structures = new StructureService.StructureServiceClient(operatorChannel);
        var structure = await structures.CreateStructureAsync(Accounts.NewStructure());
        var target = await structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = structure.Id, Name = "Cible " + Unique.Suffix() });
        var rightful = await structures.CreateConnectorAsync(new CreateConnectorRequest { StructureId = structure.Id, Name = "Légitime " + Unique.Suffix() });
        // The flood comes from its own loopback address (127.0.0.19): the gateway counts /connect/* per client address,
        // and the rest of the suite, on 127.0.0.1, must not inherit the flooder's exhausted window.
        using var attacker = From(IPAddress.Parse("127.0.0.19"));
        using var bystander = From(IPAddress.Loopback);
        var gateway = MemoryWatch.Of("gateway");
        var identity = MemoryWatch.Of("identity");

        var flood = await Task.WhenAll(Enumerable.Range(0, Flood).Select(i => AskAsync(attacker, target.ClientId, $"devine-{i}")));
        var right = await AskAsync(bystander, rightful.ClientId, rightful.ClientSecret);

        var limited = flood.Count(s => s == HttpStatusCode.TooManyRequests);
        Assert.DoesNotContain(HttpStatusCode.OK, flood);
        Assert.All(flood, s => Assert.True(s is HttpStatusCode.TooManyRequests or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{(int)s}"));
        // RateLimits__Connect__PermitLimit (300 per 10 s per address) at the gateway: at least 1,700 never reach Identity-Registry.
        Assert.True(limited >= Flood - 300, $"only {limited} of {Flood} were answered 429");
        Assert.Equal(HttpStatusCode.OK, right);
        gateway.AssertBounded(Flood * 1024, 16, "2,000 token requests");
        identity.AssertBounded(Flood * 1024, 16, "2,000 token requests");
        await Doors.AssertAllReadyAsync();
    }

    private static async Task<HttpStatusCode> AskAsync(HttpClient http, string clientId, string secret)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        return response.StatusCode;
    }

    /// <summary>A client whose connections leave from <paramref name="source"/>, so the gateway sees that address.</summary>
    private static HttpClient From(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = new Uri(TestEnvironment.GatewayUrl), Timeout = TimeSpan.FromSeconds(60) };
}
