namespace Medimail.Deployment.Tests;

public class KubernetesWorkloadTests
{
    private static KubeObject Deployment(string name) => Kube.Base.Get("Deployment", name);

    private static IReadOnlyDictionary<string, string> EnvOf(KubeObject workload) =>
        Kube.Environment(workload.Containers.Single(), Kube.Base);

    public static TheoryData<string> Services => [.. Contract.Services.Select(s => s.Name)];

    [Fact]
    public void Every_deployment_container_has_readiness_and_liveness_probes()
    {
        var containers = Kube.Manifests.OfKind("Deployment").SelectMany(d => d.Containers.Select(c => (d, c))).ToList();

        Assert.NotEmpty(containers);
        Assert.All(containers, x =>
        {
            Assert.True(x.c["readinessProbe"].Exists, $"{x.d}: container {x.c["name"]} has no readinessProbe");
            Assert.True(x.c["livenessProbe"].Exists, $"{x.d}: container {x.c["name"]} has no livenessProbe");
        });
    }

    [Fact]
    public void Every_deployment_and_job_container_has_cpu_and_memory_requests_and_limits()
    {
        var workloads = Kube.Manifests.Where(o => o.Kind is "Deployment" or "Job").ToList();

        Assert.All(workloads, w => Assert.All(w.Containers, c =>
        {
            foreach (var kind in new[] { "requests", "limits" })
            {
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(c["resources"][kind][resource].Exists, $"{w}: container {c["name"]} has no resources.{kind}.{resource}");
                }
            }
        }));
    }

    [Fact]
    public void The_base_has_a_deployment_and_a_service_for_each_of_the_four_services_and_the_gateway()
    {
        foreach (var process in Contract.Processes)
        {
            Deployment(process.Name);
            Kube.Base.Get("Service", process.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_probes_use_grpc_health_on_the_port_the_service_serves_grpc_on(string service)
    {
        var deployment = Deployment(service);
        var container = deployment.Containers.Single();
        var grpcPort = EnvOf(deployment)["Ports__Grpc"];

        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
        {
            Assert.Equal(grpcPort, container[probe]["grpc"]["port"].Text);
        }
        Assert.Contains(container["ports"].Items, p => p["containerPort"].Text == grpcPort);
    }

    [Fact]
    public void Gateway_is_live_on_health_and_ready_on_health_ready_over_its_http_port()
    {
        var deployment = Deployment("gateway");
        var container = deployment.Containers.Single();
        var httpPort = int.Parse(EnvOf(deployment)["Ports__Http"]);

        Assert.Equal("/health/ready", container["readinessProbe"]["httpGet"]["path"].Text);
        Assert.Equal("/health", container["livenessProbe"]["httpGet"]["path"].Text);
        Assert.Equal(httpPort, Kube.ContainerPort(container, container["readinessProbe"]["httpGet"]["port"]));
        Assert.Equal(httpPort, Kube.ContainerPort(container, container["livenessProbe"]["httpGet"]["port"]));
    }

    [Fact]
    public void Every_process_is_given_the_variables_of_the_platform_contract()
    {
        foreach (var process in Contract.Processes)
        {
            var env = EnvOf(Deployment(process.Name));
            var required = process == Contract.Gateway
                ? Contract.RequiredGatewayVariables.Concat(Contract.BackendVariables)
                : Contract.RequiredServiceVariables;
            Assert.All(required, name => Assert.True(env.ContainsKey(name), $"{process.Name} lacks {name}"));
            Assert.All(env.Keys, name => Assert.True(Contract.IsKnownVariable(name), $"{process.Name} is given '{name}', which no process reads"));
        }
        Assert.Equal("secret:medimail-secrets/operator-client-secret", EnvOf(Deployment("identity"))["MEDIMAIL_OPERATOR_CLIENT_SECRET"]);
        Assert.True(EnvOf(Deployment("identity")).ContainsKey("SignIn__OperatorEmails"), "identity lacks SignIn__OperatorEmails (the admin console's operators)");
    }

    [Fact]
    public void Identity_registry_replicas_share_the_token_keys_of_the_secret()
    {
        var identity = EnvOf(Deployment("identity"));
        Assert.Equal("secret:medimail-secrets/token-signing-key", identity["TokenServer__SigningKeyPem"]);
        Assert.Equal("secret:medimail-secrets/token-encryption-key", identity["TokenServer__EncryptionKey"]);
    }

    [Fact]
    public void Each_process_presents_the_service_identity_that_identity_registry_registers_with_the_same_secret()
    {
        var identity = EnvOf(Deployment("identity"));
        foreach (var process in Contract.Processes)
        {
            var env = EnvOf(Deployment(process.Name));
            Assert.Equal($"medimail-service-{process.Name}", env["ServiceIdentity__ClientId"]);
            Assert.Equal($"secret:medimail-secrets/service-secret-{process.Name}", env["ServiceIdentity__ClientSecret"]);
            Assert.Equal(env["ServiceIdentity__ClientSecret"], identity[$"ServiceClients__{process.ConfigName}__Secret"]);
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_connects_to_its_own_database(string service)
    {
        var connection = EnvOf(Deployment(service))["ConnectionStrings__Database"];

        Assert.Contains($";Database={service};", connection);
        Assert.EndsWith("Password=secret:medimail-secrets/db-password", connection);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_has_a_migration_job_running_migrate_with_the_same_image_and_settings(string service)
    {
        var deployment = Deployment(service);
        var job = Kube.Base.Get("Job", $"{service}-migrate");
        var container = job.Containers.Single();

        Assert.Equal(["migrate"], container["args"].Items.Select(a => a.Text));
        Assert.Equal(deployment.Containers.Single()["image"].Text, container["image"].Text);
        Assert.Equal(EnvOf(deployment)["ConnectionStrings__Database"], EnvOf(job)["ConnectionStrings__Database"]);
        Assert.Equal(EnvOf(deployment).Keys.Order(), EnvOf(job).Keys.Order());
        Assert.Equal("OnFailure", job.PodSpec["restartPolicy"].Text);
    }

    [Fact]
    public void Backend_addresses_reach_a_kubernetes_service_port_that_forwards_to_the_backends_own_port()
    {
        var gatewayEnv = EnvOf(Deployment("gateway"));
        foreach (var service in Contract.Services)
        {
            foreach (var (kind, portVariable) in new[] { ("Grpc", "Ports__Grpc"), ("Http", "Ports__Http") })
            {
                var address = new Uri(gatewayEnv[$"Services__{service.ConfigName}__{kind}"]);
                var backend = Deployment(service.Name);
                var target = ForwardedPort(address.Host, address.Port, backend);
                Assert.Equal(EnvOf(backend)[portVariable], target.ToString());
            }
        }
    }

    [Fact]
    public void Token_validators_read_identity_metadata_on_identitys_http_port()
    {
        var address = new Uri(EnvOf(Deployment("gateway"))["Auth__MetadataAddress"]);
        var identity = Deployment("identity");

        Assert.Equal("/.well-known/openid-configuration", address.AbsolutePath);
        Assert.Equal(EnvOf(identity)["Ports__Http"], ForwardedPort(address.Host, address.Port, identity).ToString());
    }

    [Fact]
    public void Every_kubernetes_service_selects_the_pods_of_a_deployment()
    {
        foreach (var service in Kube.Manifests.OfKind("Service"))
        {
            var selector = service.Node["spec"]["selector"].Entries;
            Assert.NotEmpty(selector);
            Assert.Contains(Kube.Manifests.OfKind("Deployment"), d =>
                selector.All(s => d.Node["spec"]["template"]["metadata"]["labels"][s.Key].Text == s.Value.Text));
        }
    }

    /// <summary>The container port that Service <paramref name="host"/> forwards <paramref name="port"/> to,
    /// checking that the Service selects <paramref name="backend"/>'s pods.</summary>
    private static int ForwardedPort(string host, int port, KubeObject backend)
    {
        var service = Kube.Base.Get("Service", host);
        var labels = backend.Node["spec"]["template"]["metadata"]["labels"];
        Assert.All(service.Node["spec"]["selector"].Entries, s => Assert.Equal(s.Value.Text, labels[s.Key].Text));
        var servicePort = service.Node["spec"]["ports"].Items.SingleOrDefault(p => p["port"].Text == port.ToString())
            ?? throw new Xunit.Sdk.XunitException($"Service {host} exposes no port {port}");
        return Kube.ContainerPort(backend.Containers.Single(), servicePort["targetPort"]);
    }
}
