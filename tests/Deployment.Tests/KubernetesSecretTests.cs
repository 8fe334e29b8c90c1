using System.Text.RegularExpressions;

namespace Medimail.Deployment.Tests;

public partial class KubernetesSecretTests
{
    [Fact]
    public void The_base_defines_no_secret_only_references_one()
    {
        Assert.Empty(Kube.Base.OfKind("Secret"));
        Assert.False(Kube.BaseKustomization.Node["secretGenerator"].Exists, "k8s/base/kustomization.yaml generates a Secret");
    }

    [Fact]
    public void Production_carries_no_secret_values_either()
    {
        var production = Kube.Overlay("production");

        Assert.False(production.Node["secretGenerator"].Exists);
        Assert.DoesNotContain(Kube.Manifests, o => o.Kind == "Secret" && o.File.StartsWith(production.Folder, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_secret_setting_in_the_base_comes_from_a_secret_reference()
    {
        var containers = Kube.Base.Where(o => o.Kind is "Deployment" or "Job").SelectMany(o => o.Containers.Select(c => (o, c)));
        foreach (var (workload, container) in containers)
        {
            foreach (var variable in container["env"].Items)
            {
                var name = variable["name"].Text!;
                if (SecretName().IsMatch(name))
                {
                    Assert.True(variable["valueFrom"]["secretKeyRef"].Exists, $"{workload}: {name} is not read from a Secret");
                }
                // A connection string may carry a password only as a reference to a variable read from a Secret.
                var value = variable["value"].Text ?? "";
                Assert.DoesNotMatch(LiteralPassword(), value);
            }
        }
    }

    [Fact]
    public void No_config_map_of_the_base_holds_a_secret()
    {
        foreach (var map in Kube.Base.OfKind("ConfigMap"))
        {
            foreach (var (key, value) in map.Node["data"].Entries)
            {
                Assert.False(SecretName().IsMatch(key), $"{map}: key {key} looks like a secret");
                Assert.DoesNotMatch(LiteralPassword(), value.Text ?? "");
            }
        }
    }

    [GeneratedRegex("password|secret|token|apikey|api_key", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)(password|pwd)=(?!\$\()[^;]+")]
    private static partial Regex LiteralPassword();
}
