using Medimail.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;

namespace Medimail.ServiceDefaults.UnitTests;

public sealed class RequiredConfigurationTests
{
    [Fact]
    public void A_missing_setting_fails_with_the_environment_variable_to_set()
    {
        var configuration = new ConfigurationBuilder().Build();
        var ex = Assert.Throws<InvalidOperationException>(() => configuration.GetRequired("RabbitMq:Host"));
        Assert.Contains("RabbitMq__Host", ex.Message);
    }

    [Fact]
    public void A_blank_setting_counts_as_missing()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Database"] = "  " }).Build();
        var ex = Assert.Throws<InvalidOperationException>(() => configuration.GetRequiredConnectionString());
        Assert.Contains("ConnectionStrings__Database", ex.Message);
    }

    [Fact]
    public void A_present_setting_is_returned()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:Issuer"] = "http://127.0.0.1:8080/" }).Build();
        Assert.Equal("http://127.0.0.1:8080/", configuration.GetRequired("Auth:Issuer"));
    }
}
