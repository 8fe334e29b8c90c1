using Medimail.ServiceDefaults.Data;
using Npgsql;

namespace Medimail.ServiceDefaults.UnitTests;

public sealed class AutoPrepareTests
{
    [Fact]
    public void A_connection_string_without_the_setting_gets_statements_prepared()
    {
        var settings = new NpgsqlConnectionStringBuilder(ServiceDatabase.WithAutoPrepare("Host=db;Database=identity;Username=medimail"));

        Assert.Equal((64, "identity"), (settings.MaxAutoPrepare, settings.Database));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=10", 10)]
    public void A_connection_string_that_sets_it_is_kept(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(ServiceDatabase.WithAutoPrepare(connectionString)).MaxAutoPrepare);
}
