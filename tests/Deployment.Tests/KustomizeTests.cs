using System.Diagnostics;

namespace Medimail.Deployment.Tests;

public class KustomizeTests
{
    [Fact]
    public void Every_yaml_file_under_k8s_and_the_compose_file_parses()
    {
        var files = Repository.YamlFilesUnder(Repository.K8s).Append(Repository.PathOf("docker-compose.yml")).ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.NotEmpty(Yaml.LoadAll(file)));
    }

    [Fact]
    public void Every_kubernetes_manifest_names_its_api_version_kind_and_name()
    {
        Assert.NotEmpty(Kube.Manifests);
        Assert.All(Kube.Manifests, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.Node["apiVersion"].Text), $"{o}: no apiVersion");
            Assert.False(string.IsNullOrEmpty(o.Kind), $"{o}: no kind");
            Assert.False(string.IsNullOrEmpty(o.Name), $"{o}: no metadata.name");
        });
    }

    [Fact]
    public void There_is_a_base_and_a_development_and_a_production_overlay()
    {
        Assert.Equal(
            ["k8s/base/kustomization.yaml", "k8s/overlays/development/kustomization.yaml", "k8s/overlays/production/kustomization.yaml"],
            Kube.Kustomizations.Select(k => k.ToString().Replace('\\', '/')).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_file_or_folder_a_kustomization_refers_to_exists()
    {
        Assert.All(Kube.Kustomizations, k =>
        {
            foreach (var resource in k.Resources)
            {
                var path = k.Resolve(resource);
                Assert.True(File.Exists(path) || File.Exists(Path.Combine(path, "kustomization.yaml")),
                    $"{k}: resource '{resource}' is neither a file nor a folder with a kustomization.yaml");
            }
            foreach (var file in k.PatchFiles.Concat(k.GeneratorFiles))
            {
                Assert.True(File.Exists(k.Resolve(file)), $"{k}: '{file}' does not exist");
            }
        });
    }

    [Fact]
    public void Every_manifest_in_the_base_folder_is_listed_in_its_kustomization()
    {
        var listed = Kube.BaseKustomization.Resources.Concat(Kube.BaseKustomization.PatchFiles).Select(r => Path.GetFileName(r)).ToHashSet();
        var present = Repository.YamlFilesUnder(Kube.BaseKustomization.Folder).Select(Path.GetFileName)
            .Where(name => name != "kustomization.yaml");

        Assert.All(present, name => Assert.True(listed.Contains(name!), $"k8s/base/{name} is not in k8s/base/kustomization.yaml, so it is never applied"));
    }

    [Fact]
    public void Every_overlay_patch_targets_an_existing_object_and_existing_containers()
    {
        foreach (var overlay in Kube.Kustomizations.Where(k => k != Kube.BaseKustomization))
        {
            foreach (var patch in overlay.PatchFiles.SelectMany(p => Yaml.LoadAll(overlay.Resolve(p))))
            {
                var kind = patch["kind"].Text!;
                var name = patch["metadata"]["name"].Text!;
                var target = Kube.Manifests.Get(kind, name);
                // A patch naming a container the target lacks would silently add a half-defined container.
                var names = target.Containers.Select(c => c["name"].Text).ToHashSet();
                foreach (var container in patch["spec"]["template"]["spec"]["containers"].Items)
                {
                    Assert.True(names.Contains(container["name"].Text), $"{overlay}: patch of {kind}/{name} names unknown container '{container["name"]}'");
                }
            }
        }
    }

    [Fact]
    public void Overlay_replica_and_image_settings_name_existing_deployments_and_images()
    {
        var deployments = Kube.Base.OfKind("Deployment").ToList();
        var images = deployments.SelectMany(d => d.Containers).Select(c => c["image"].Text).ToHashSet();
        foreach (var overlay in Kube.Kustomizations.Where(k => k != Kube.BaseKustomization))
        {
            Assert.All(overlay.Node["replicas"].Items, r => Assert.Contains(deployments, d => d.Name == r["name"].Text));
            Assert.All(overlay.Node["images"].Items, i => Assert.Contains(i["name"].Text, images));
        }
    }

    [Fact]
    public async Task Both_overlays_render_with_kubectl_kustomize()
    {
        // Rendering catches what a parser cannot, such as a patch kustomize refuses: kubectl is a test
        // dependency, and its absence fails the test rather than passing it unchecked.
        var kubectl = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "kubectl")).FirstOrDefault(File.Exists);
        Assert.True(kubectl is not null,
            "kubectl is missing from PATH: this test renders k8s/overlays/* with 'kubectl kustomize'; install kubectl (https://kubernetes.io/docs/tasks/tools/).");
        foreach (var overlay in new[] { "development", "production" })
        {
            var start = new ProcessStartInfo(kubectl!, ["kustomize", Path.Combine(Repository.K8s, "overlays", overlay)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"kubectl kustomize k8s/overlays/{overlay} failed: {await error}");
            Assert.Contains("kind: Deployment", await output);
        }
    }
}
