using System.Net;
using Medimail.Gateway.Routing;
using Microsoft.Extensions.Configuration;

namespace Medimail.Gateway.UnitTests;

public sealed class BackendSettingsTests
{
    public static TheoryData<string> EverySetting() =>
        new(Backend.All.SelectMany(b => new[] { b.GrpcSetting, b.HttpSetting }));

    [Theory]
    [MemberData(nameof(EverySetting))]
    public void A_missing_backend_address_stops_start_up_naming_the_setting_and_its_variable(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => GatewayUnderTest.Start(s => s.Remove(setting)));

        Assert.Contains($"'{setting}'", error.Message);
        Assert.Contains(setting.Replace(":", "__"), error.Message);
    }

    [Fact]
    public void A_backend_address_that_is_not_an_http_url_stops_start_up_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(GatewayUnderTest.Settings())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Services:Directory:Grpc"] = "127.0.0.1:5103" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => BackendAddress.ReadAll(configuration));

        Assert.Contains("'Services:Directory:Grpc'", error.Message);
        Assert.Contains("Services__Directory__Grpc", error.Message);
    }

    [Fact]
    public async Task Each_cluster_forwards_to_its_services_grpc_address_over_http2_cleartext_only()
    {
        await using var gateway = GatewayUnderTest.Start(s => s["Services:Mailbox:Grpc"] = "http://mailbox.internal:7000");

        foreach (var backend in Backend.All)
        {
            var cluster = gateway.Cluster(backend.ClusterId);
            var destination = Assert.Single(cluster.Destinations.Values);
            var expected = backend.ClusterId == "mailbox" ? "http://mailbox.internal:7000/" : GatewayUnderTest.Settings()[backend.GrpcSetting] + "/";
            Assert.Equal(expected, destination.Model.Config.Address);
            Assert.Equal(HttpVersion.Version20, cluster.Model.Config.HttpRequest?.Version);
            Assert.Equal(HttpVersionPolicy.RequestVersionExact, cluster.Model.Config.HttpRequest?.VersionPolicy);
        }
    }

    [Fact]
    public void The_readiness_probe_of_a_backend_is_its_http_address_plus_health()
    {
        var address = new BackendAddress(Backend.All[0], new Uri("http://127.0.0.1:5101"), new Uri("http://127.0.0.1:5111/"));

        Assert.Equal(new Uri("http://127.0.0.1:5111/health"), address.Health);
    }
}
