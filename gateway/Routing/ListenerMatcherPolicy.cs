using Medimail.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Routing.Matching;
using Yarp.ReverseProxy.Model;

namespace Medimail.Gateway.Routing;

/// <summary>Drops the proxy routes whose <c>Listener</c> is not the port the request arrived on.</summary>
internal sealed class ListenerMatcherPolicy(PortsOptions ports) : MatcherPolicy, IEndpointSelectorPolicy
{
    // Before the default selection, after YARP's own host and header policies.
    public override int Order => 100;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => ListenerOf(e) is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var arrivedOn = Listeners.ArrivedOn(httpContext, ports);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (ListenerOf(candidates[i].Endpoint) is { } wanted && !string.Equals(wanted, arrivedOn, StringComparison.OrdinalIgnoreCase))
                candidates.SetValidity(i, false);
        }
        return Task.CompletedTask;
    }

    private static string? ListenerOf(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<RouteModel>()?.Config.Metadata?.GetValueOrDefault(Listeners.MetadataKey);
}
