namespace Medimail.Deployment.Tests;

/// <summary>What the rendered overlays promise operations: scaling, draining, isolation, operators' back ends.</summary>
public class KubernetesOperationsTests
{
    [Fact]
    public async Task Production_autoscales_every_process_and_notification_also_on_its_mail_queue()
    {
        var objects = Parse(await Rendered.OverlayAsync("production"));
        var hpas = objects.Where(o => o["kind"].Text == "HorizontalPodAutoscaler").ToList();

        foreach (var process in Contract.Processes)
        {
            var hpa = Assert.Single(hpas, h => h["spec"]["scaleTargetRef"]["name"].Text == process.Name);
            Assert.Contains(hpa["spec"]["metrics"].Items, m => m["resource"]["name"].Text == "cpu");
        }
        var notification = hpas.Single(h => h["spec"]["scaleTargetRef"]["name"].Text == "notification");
        Assert.Contains(notification["spec"]["metrics"].Items, m => m["external"]["metric"]["name"].Text == "medimail_mail_queued");
    }

    [Theory]
    [InlineData("development")]
    [InlineData("production")]
    public async Task Pods_get_more_grace_than_the_prestop_pause_and_the_shutdown_timeout_together(string overlay)
    {
        var objects = Parse(await Rendered.OverlayAsync(overlay));
        var config = objects.Single(o => o["kind"].Text == "ConfigMap" && o["metadata"]["name"].Text == "medimail-config");
        var shutdown = TimeSpan.Parse(config["data"]["Shutdown__Timeout"].Text!);

        foreach (var deployment in objects.Where(o => o["kind"].Text == "Deployment" && Contract.Processes.Any(p => p.Name == o["metadata"]["name"].Text)))
        {
            var pod = deployment["spec"]["template"]["spec"];
            var grace = int.Parse(pod["terminationGracePeriodSeconds"].Text!);
            var pause = int.Parse(pod["containers"].Items[0]["lifecycle"]["preStop"]["sleep"]["seconds"].Text!);
            Assert.True(grace > pause + shutdown.TotalSeconds,
                $"{deployment["metadata"]["name"]}: grace {grace} s is not more than preStop {pause} s + Shutdown__Timeout {shutdown.TotalSeconds} s");
            Assert.NotEmpty(pod["topologySpreadConstraints"].Items);
            Assert.Equal("/metrics", deployment["spec"]["template"]["metadata"]["annotations"]["prometheus.io/path"].Text);
        }
    }

    [Fact]
    public async Task Production_takes_postgresql_and_rabbitmq_from_their_operators_and_runs_quorum_queues()
    {
        var objects = Parse(await Rendered.OverlayAsync("production"));
        var config = objects.Single(o => o["kind"].Text == "ConfigMap" && o["metadata"]["name"].Text == "medimail-config")["data"];

        Assert.DoesNotContain(objects, o => o["kind"].Text == "StatefulSet");
        var rabbit = Assert.Single(objects, o => o["kind"].Text == "RabbitmqCluster");
        Assert.Equal("3", rabbit["spec"]["replicas"].Text);
        Assert.Equal(rabbit["metadata"]["name"].Text, config["RabbitMq__Host"].Text);
        Assert.Equal("true", config["RabbitMq__QuorumQueues"].Text);
        var cluster = Assert.Single(objects, o => o["kind"].Text == "Cluster");
        // CloudNativePG's read-write Service is named after the cluster.
        Assert.Equal($"{cluster["metadata"]["name"].Text}-rw", config["MEDIMAIL_DB_HOST"].Text);
        var databases = objects.Where(o => o["kind"].Text == "Database").Select(d => d["spec"]["name"].Text ?? "").Order().ToList();
        Assert.Equal(Contract.Services.Select(s => s.Database!).Order().ToList(), databases);
    }

    [Fact]
    public async Task Production_exposes_only_the_gateway_through_a_tls_ingress_and_denies_other_traffic_by_default()
    {
        var objects = Parse(await Rendered.OverlayAsync("production"));

        var ingresses = objects.Where(o => o["kind"].Text == "Ingress").ToList();
        Assert.NotEmpty(ingresses);
        Assert.All(ingresses, i =>
        {
            Assert.NotEmpty(i["spec"]["tls"].Items);
            var paths = i["spec"]["rules"].Items.SelectMany(r => r["http"]["paths"].Items).ToList();
            Assert.All(paths, p => Assert.Equal("gateway", p["backend"]["service"]["name"].Text));
            Assert.DoesNotContain(paths, p => p["path"].Text is "/metrics" or "/health");
        });
        Assert.Contains(ingresses, i => i["metadata"]["annotations"]["nginx.ingress.kubernetes.io/backend-protocol"].Text == "GRPC");
        var deny = Assert.Single(objects, o => o["kind"].Text == "NetworkPolicy" && o["metadata"]["name"].Text == "default-deny");
        Assert.Empty(deny["spec"]["podSelector"].Entries);
        var ns = Assert.Single(objects, o => o["kind"].Text == "Namespace");
        Assert.Equal("restricted", ns["metadata"]["labels"]["pod-security.kubernetes.io/enforce"].Text);
    }

    [Theory]
    [InlineData("development")]
    [InlineData("production")]
    public async Task The_gateway_is_scraped_on_its_management_port_which_only_the_scraper_reaches(string overlay)
    {
        var objects = Parse(await Rendered.OverlayAsync(overlay));
        var config = objects.Single(o => o["kind"].Text == "ConfigMap" && o["metadata"]["name"].Text == "medimail-config")["data"];
        var metricsPort = config["Ports__Metrics"].Text!;
        var gateway = objects.Single(o => o["kind"].Text == "Deployment" && o["metadata"]["name"].Text == "gateway");
        var container = gateway["spec"]["template"]["spec"]["containers"].Items.Single();

        Assert.Contains(container["ports"].Items, p => p["name"].Text == "metrics" && p["containerPort"].Text == metricsPort);
        Assert.Equal(metricsPort, gateway["spec"]["template"]["metadata"]["annotations"]["prometheus.io/port"].Text);
        var service = objects.Single(o => o["kind"].Text == "Service" && o["metadata"]["name"].Text == "gateway");
        Assert.DoesNotContain(service["spec"]["ports"].Items, p => p["targetPort"].Text is "metrics" || p["port"].Text == metricsPort);
        var policies = objects.Where(o => o["kind"].Text == "NetworkPolicy").ToList();
        var scraper = policies.Single(p => p["metadata"]["name"].Text == "metrics-scraper");
        Assert.Contains(scraper["spec"]["ingress"].Items.SelectMany(i => i["ports"].Items), p => p["port"].Text == metricsPort);
        var publicIngress = policies.Single(p => p["metadata"]["name"].Text == "gateway-ingress");
        Assert.DoesNotContain(publicIngress["spec"]["ingress"].Items.SelectMany(i => i["ports"].Items), p => p["port"].Text == metricsPort);
    }

    private static List<Node> Parse(string yaml) => Yaml.LoadAllFromString(yaml).ToList();
}
