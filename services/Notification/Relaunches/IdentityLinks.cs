using Grpc.Core;
using Grpc.Net.Client;
using Medimail.Identity.Internal.V1;
using Medimail.ServiceDefaults.Hosting;

namespace Medimail.Notification.Relaunches;

/// <summary>
/// Identity-Registry's internal EnrolmentLinkService: it owns the accounts and the links. One channel for the
/// process (HTTP/2 connections are pooled); the caller's bearer token is forwarded, so Identity applies the same
/// role rules to the relaunch as to any other call.
/// </summary>
public sealed class IdentityLinks(IConfiguration configuration) : IDisposable
{
    /// <summary>Issuing 10,000 links and staging their events is a few seconds of work; more means Identity is in trouble.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private readonly Lazy<GrpcChannel> channel = new(() => GrpcChannel.ForAddress(configuration.GetRequired("Services:Identity:Grpc")));

    public async Task<IssueRelaunchLinksResponse> IssueRelaunchLinksAsync(string structureId, Guid relaunchId, string requestedBy,
        string? authorization, CancellationToken cancellationToken)
    {
        var client = new EnrolmentLinkService.EnrolmentLinkServiceClient(channel.Value);
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(authorization))
            headers.Add("authorization", authorization);
        return await client.IssueRelaunchLinksAsync(
            new IssueRelaunchLinksRequest { StructureId = structureId, RelaunchId = relaunchId.ToString(), RequestedBy = requestedBy },
            headers, DateTime.UtcNow + Deadline, cancellationToken);
    }

    public void Dispose()
    {
        if (channel.IsValueCreated)
            channel.Value.Dispose();
    }
}
