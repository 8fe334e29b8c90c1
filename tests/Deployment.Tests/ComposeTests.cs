namespace Medimail.Deployment.Tests;

public class ComposeTests
{
    private static readonly Node Compose = Yaml.Load(Repository.PathOf("docker-compose.yml"));

    private static Node Service(string name) =>
        Compose["services"][name] is { Exists: true } service ? service : throw new Xunit.Sdk.XunitException($"docker-compose.yml has no service '{name}'");

    private static IReadOnlyDictionary<string, string> EnvOf(string name) =>
        Service(name)["environment"].Entries.ToDictionary(e => e.Key, e => e.Value.Text ?? "");

    public static TheoryData<string> Services => [.. Contract.Services.Select(s => s.Name)];

    [Fact]
    public void Every_process_is_built_from_the_shared_dockerfile_with_its_own_project()
    {
        foreach (var process in Contract.Processes)
        {
            var build = Service(process.Name)["build"];
            Assert.Equal("deploy/Dockerfile", build["dockerfile"].Text);
            Assert.Equal(process.Project, build["args"]["PROJECT"].Text);
            Assert.True(File.Exists(Repository.PathOf(process.Project)), $"{process.Project} does not exist");
        }
        Assert.True(File.Exists(Repository.PathOf("deploy", "Dockerfile")));
    }

    [Fact]
    public void Every_process_is_given_the_variables_of_the_platform_contract_and_nothing_misspelt()
    {
        foreach (var process in Contract.Processes)
        {
            var env = EnvOf(process.Name);
            var required = process == Contract.Gateway
                ? Contract.RequiredGatewayVariables.Concat(Contract.BackendVariables)
                : Contract.RequiredServiceVariables;
            Assert.All(required, name => Assert.True(env.ContainsKey(name), $"{process.Name} lacks {name}"));
            Assert.All(env.Keys, name => Assert.True(Contract.IsKnownVariable(name), $"{process.Name} is given '{name}', which no process reads"));
        }
        Assert.True(EnvOf("identity").ContainsKey("MEDIMAIL_OPERATOR_CLIENT_SECRET"));
        // Operators of the admin console: configurable without editing the file, nobody by default.
        Assert.Equal("${MEDIMAIL_OPERATOR_EMAIL:-}", EnvOf("identity")["SignIn__OperatorEmails"]);
        Assert.True(EnvOf("notification").ContainsKey("Smtp__PickupFolder"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_connects_to_its_own_database_on_the_postgres_service(string service)
    {
        var connection = EnvOf(service)["ConnectionStrings__Database"];

        Assert.Contains("Host=postgres;", connection);
        Assert.Contains($";Database={service};", connection);
        Assert.Contains(";Username=medimail;", connection);
    }

    [Fact]
    public void Backend_addresses_name_a_compose_service_on_the_port_it_listens_on()
    {
        var gateway = EnvOf("gateway");
        foreach (var service in Contract.Services)
        {
            var grpc = new Uri(gateway[$"Services__{service.ConfigName}__Grpc"]);
            var http = new Uri(gateway[$"Services__{service.ConfigName}__Http"]);
            Assert.Equal(service.Name, grpc.Host);
            Assert.Equal(service.Name, http.Host);
            Assert.Equal(EnvOf(service.Name)["Ports__Grpc"], grpc.Port.ToString());
            Assert.Equal(EnvOf(service.Name)["Ports__Http"], http.Port.ToString());
        }
    }

    [Fact]
    public void Every_process_listens_on_all_interfaces_of_its_container_on_distinct_ports()
    {
        foreach (var process in Contract.Processes)
        {
            var env = EnvOf(process.Name);
            Assert.Equal("0.0.0.0", env["Ports__Bind"]);
            Assert.NotEqual(env["Ports__Grpc"], env["Ports__Http"]);
        }
    }

    [Fact]
    public void Token_validators_read_identity_metadata_and_tokens_name_the_published_gateway()
    {
        var metadata = new Uri(EnvOf("gateway")["Auth__MetadataAddress"]);
        var published = Service("gateway")["ports"].Items.Select(p => p.Text!.Split(':')[^2]).ToList();

        Assert.Equal("identity", metadata.Host);
        Assert.Equal(EnvOf("identity")["Ports__Http"], metadata.Port.ToString());
        Assert.Contains(new Uri(EnvOf("gateway")["Auth__Issuer"]).Port.ToString(), published);
        Assert.All(Contract.Processes, p => Assert.Equal(EnvOf("gateway")["Auth__Issuer"], EnvOf(p.Name)["Auth__Issuer"]));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_starts_after_its_migrations_ran_with_the_same_image_and_settings(string service)
    {
        var migrate = Service($"{service}-migrate");

        Assert.Equal(["migrate"], migrate["command"].Items.Select(c => c.Text));
        Assert.Equal(Service(service)["image"].Text, migrate["image"].Text);
        Assert.Equal(EnvOf(service), EnvOf($"{service}-migrate"));
        Assert.Equal("service_completed_successfully", Service(service)["depends_on"][$"{service}-migrate"]["condition"].Text);
        Assert.Equal("service_healthy", migrate["depends_on"]["postgres"]["condition"].Text);
    }

    [Fact]
    public void Infrastructure_is_postgresql_15_and_rabbitmq_3_with_the_credentials_the_services_use()
    {
        var postgres = Service("postgres");
        var rabbit = Service("rabbitmq");
        var mailbox = EnvOf("mailbox");

        Assert.Equal("postgres:15", postgres["image"].Text);
        Assert.Equal("rabbitmq:3-management", rabbit["image"].Text);
        Assert.Equal(mailbox["RabbitMq__Username"], rabbit["environment"]["RABBITMQ_DEFAULT_USER"].Text);
        Assert.Equal(mailbox["RabbitMq__Password"], rabbit["environment"]["RABBITMQ_DEFAULT_PASS"].Text);
        Assert.EndsWith($"Password={postgres["environment"]["MEDIMAIL_DB_PASSWORD"].Text}", mailbox["ConnectionStrings__Database"]);
        Assert.Equal("rabbitmq", mailbox["RabbitMq__Host"]);
        Assert.Equal("5672", mailbox["RabbitMq__Port"]);
    }

    [Fact]
    public void The_postgres_init_script_compose_mounts_exists_and_creates_the_four_databases()
    {
        var mount = Service("postgres")["volumes"].Items.Select(v => v.Text!).Single(v => v.Contains("docker-entrypoint-initdb.d", StringComparison.Ordinal));
        var script = File.ReadAllText(Repository.PathOf(mount.Split(':')[0]));

        Assert.All(Contract.Services, s => Assert.Contains($"CREATE DATABASE {s.Database} OWNER medimail;", script));
        Assert.Contains("pg_trgm", script);
        Assert.Contains("unaccent", script);
    }
}
