using Grpc.Net.Client;
using Medimail.Identity.Internal.V1;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Hosting;

namespace Medimail.Notification.Relaunches;

/// <summary>
/// Identity-Registry's internal EnrolmentLinkService: it owns the accounts and the links. One channel for the
/// process (HTTP/2 connections are pooled). Every call carries this service's own identity (<see cref="ServiceTokens"/>),
/// never the end user's token; the relaunch service has applied the role rules and names the requester.
/// </summary>
public sealed class IdentityLinks(IConfiguration configuration, ServiceTokens tokens) : IDisposable
{
    /// <summary>Issuing 10,000 links and staging their events is a few seconds of work; more means Identity is in trouble.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private readonly Lazy<GrpcChannel> channel = new(() => GrpcChannel.ForAddress(configuration.GetRequired("Services:Identity:Grpc"),
        new GrpcChannelOptions { HttpHandler = new ServiceTokenHandler(tokens) { InnerHandler = new SocketsHttpHandler() } }));

    public async Task<IssueRelaunchLinksResponse> IssueRelaunchLinksAsync(string structureId, Guid relaunchId, string requestedBy,
        string requestedByRole, CancellationToken cancellationToken)
    {
        var client = new EnrolmentLinkService.EnrolmentLinkServiceClient(channel.Value);
        return await client.IssueRelaunchLinksAsync(
            new IssueRelaunchLinksRequest
            {
                StructureId = structureId, RelaunchId = relaunchId.ToString(), RequestedBy = requestedBy, RequestedByRole = requestedByRole,
            },
            deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
    }

    public void Dispose()
    {
        if (channel.IsValueCreated)
            channel.Value.Dispose();
    }
}
