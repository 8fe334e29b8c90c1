using Medimail.Gateway.Routing;
using Microsoft.Extensions.Configuration;

namespace Medimail.Gateway.UnitTests;

public sealed class ProxyConfigurationTests
{
    private static readonly Dictionary<string, string?> ValidRoute = new()
    {
        ["ReverseProxy:Routes:r1:ClusterId"] = "identity",
        ["ReverseProxy:Routes:r1:Match:Path"] = "/api/v1/x/{**rest}",
        ["ReverseProxy:Routes:r1:Metadata:Listener"] = "Http",
        ["ReverseProxy:Routes:r1:AuthorizationPolicy"] = "api",
        ["ReverseProxy:Routes:r1:RateLimiterPolicy"] = "api",
        ["ReverseProxy:Clusters:identity:HttpRequest:Version"] = "2",
        ["ReverseProxy:Clusters:mailbox:HttpRequest:Version"] = "2",
        ["ReverseProxy:Clusters:directory:HttpRequest:Version"] = "2",
        ["ReverseProxy:Clusters:notification:HttpRequest:Version"] = "2",
    };

    private static IConfigurationSection Proxy(Action<Dictionary<string, string?>> change)
    {
        var settings = new Dictionary<string, string?>(ValidRoute);
        change(settings);
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(ProxyConfiguration.Section);
    }

    [Fact]
    public void The_shipped_route_table_is_valid()
    {
        var shipped = new ConfigurationBuilder()
            .SetBasePath(Path.Combine(AppContext.BaseDirectory, "gateway"))
            .AddJsonFile("appsettings.json")
            .Build();

        ProxyConfiguration.Validate(shipped.GetSection(ProxyConfiguration.Section));
    }

    [Fact]
    public void A_well_formed_route_passes() => ProxyConfiguration.Validate(Proxy(_ => { }));

    [Theory]
    [InlineData("AuthorizationPolicy")]
    [InlineData("RateLimiterPolicy")]
    [InlineData("Metadata:Listener")]
    [InlineData("ClusterId")]
    public void A_route_missing_a_decision_stops_start_up_naming_the_route(string key)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ProxyConfiguration.Validate(Proxy(s => s.Remove($"ReverseProxy:Routes:r1:{key}"))));

        Assert.Contains("'r1'", error.Message);
    }

    [Fact]
    public void A_route_on_an_unknown_listener_stops_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ProxyConfiguration.Validate(Proxy(s => s["ReverseProxy:Routes:r1:Metadata:Listener"] = "Https")));

        Assert.Contains("Listener", error.Message);
    }

    [Fact]
    public void A_cluster_that_is_no_known_backend_stops_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ProxyConfiguration.Validate(Proxy(s => s["ReverseProxy:Clusters:billing:HttpRequest:Version"] = "2")));

        Assert.Contains("'billing'", error.Message);
    }

    [Fact]
    public void A_backend_without_a_cluster_stops_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ProxyConfiguration.Validate(Proxy(s => s.Remove("ReverseProxy:Clusters:directory:HttpRequest:Version"))));

        Assert.Contains("'directory'", error.Message);
    }

    [Fact]
    public void Destinations_are_written_under_each_cluster_from_the_grpc_addresses()
    {
        var addresses = Backend.All.Select((b, i) =>
            new BackendAddress(b, new Uri($"http://127.0.0.1:{5101 + i}"), new Uri($"http://127.0.0.1:{5111 + i}")));

        var destinations = ProxyConfiguration.Destinations(addresses);

        Assert.Equal("http://127.0.0.1:5101/", destinations["ReverseProxy:Clusters:identity:Destinations:identity:Address"]);
        Assert.Equal("http://127.0.0.1:5104/", destinations["ReverseProxy:Clusters:notification:Destinations:notification:Address"]);
        Assert.Equal(4, destinations.Count);
    }
}
