namespace Medimail.Deployment.Tests;

public class KubernetesOverlayTests
{
    [Fact]
    public void Production_runs_at_least_two_replicas_of_every_process()
    {
        var replicas = Kube.Overlay("production").Node["replicas"].Items
            .ToDictionary(r => r["name"].Text!, r => int.Parse(r["count"].Text!));

        Assert.All(Contract.Processes, p =>
            Assert.True(replicas.GetValueOrDefault(p.Name) >= 2, $"production runs {replicas.GetValueOrDefault(p.Name, 1)} replica(s) of {p.Name}"));
    }

    [Theory]
    [InlineData("development")]
    [InlineData("production")]
    public void Each_overlay_sizes_every_process(string name)
    {
        var overlay = Kube.Overlay(name);
        var patched = overlay.PatchFiles.SelectMany(p => Yaml.LoadAll(overlay.Resolve(p)))
            .Where(p => p["kind"].Text == "Deployment" && p["spec"]["template"]["spec"]["containers"].Items.Any(c => c["resources"]["limits"].Exists))
            .Select(p => p["metadata"]["name"].Text)
            .ToHashSet();

        Assert.All(Contract.Processes, p => Assert.True(patched.Contains(p.Name), $"{name} does not size {p.Name}"));
    }

    [Fact]
    public void Production_keeps_a_pod_of_every_process_through_node_drains()
    {
        var budgets = Kube.Manifests.OfKind("PodDisruptionBudget")
            .Where(b => b.File.StartsWith(Kube.Overlay("production").Folder, StringComparison.Ordinal)).ToList();

        Assert.All(Contract.Processes, p => Assert.Contains(budgets, b =>
            b.Node["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"].Text == p.Name));
    }

    [Fact]
    public void Development_provides_postgresql_15_and_rabbitmq_under_the_names_the_base_connects_to()
    {
        var config = Kube.Base.Get("ConfigMap", "medimail-config").Node["data"];
        var development = Kube.Manifests.Where(o => o.File.StartsWith(Kube.Overlay("development").Folder, StringComparison.Ordinal)).ToList();

        Assert.Equal("postgres:15", development.Get("Deployment", "postgres").Containers.Single()["image"].Text);
        Assert.StartsWith("rabbitmq:3", development.Get("Deployment", "rabbitmq").Containers.Single()["image"].Text);
        Assert.Contains(development.Get("Service", config["MEDIMAIL_DB_HOST"].Text!).Node["spec"]["ports"].Items,
            p => p["port"].Text == config["MEDIMAIL_DB_PORT"].Text);
        Assert.Contains(development.Get("Service", config["RabbitMq__Host"].Text!).Node["spec"]["ports"].Items,
            p => p["port"].Text == config["RabbitMq__Port"].Text);
    }

    [Fact]
    public void Production_gateway_replicas_share_one_data_protection_key_ring_on_a_read_write_many_volume()
    {
        var overlay = Kube.Overlay("production");
        var gateway = overlay.PatchFiles.SelectMany(p => Yaml.LoadAll(overlay.Resolve(p)))
            .Single(p => p["kind"].Text == "Deployment" && p["metadata"]["name"].Text == "gateway" && p["spec"]["template"]["spec"]["volumes"].Exists);
        var pod = gateway["spec"]["template"]["spec"];
        var container = pod["containers"].Items.Single(c => c["name"].Text == "gateway");

        var keys = container["env"].Items.Single(e => e["name"].Text == "DataProtection__KeysDirectory")["value"].Text;
        var mount = container["volumeMounts"].Items.Single(m => m["mountPath"].Text == keys);
        var claim = pod["volumes"].Items.Single(v => v["name"].Text == mount["name"].Text)["persistentVolumeClaim"]["claimName"].Text;
        var volume = Kube.Manifests.OfKind("PersistentVolumeClaim")
            .Single(c => c.Name == claim && c.File.StartsWith(overlay.Folder, StringComparison.Ordinal));
        Assert.Contains(volume.Node["spec"]["accessModes"].Items, m => m.Text == "ReadWriteMany");
    }
}
