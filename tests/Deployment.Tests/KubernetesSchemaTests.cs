using k8s;

namespace Medimail.Deployment.Tests;

/// <summary>
/// Every object of both rendered overlays against the Kubernetes API models of KubernetesClient 21 (Kubernetes 1.33)
/// and the operators' models (OperatorResources.cs), strictly: an unknown or misplaced field, or a value of the wrong
/// type, fails; so does a kind neither knows.
/// </summary>
public class KubernetesSchemaTests
{
    [Theory]
    [InlineData("development")]
    [InlineData("production")]
    public async Task Every_rendered_object_matches_the_kubernetes_or_operator_schema_strictly(string overlay)
    {
        var yaml = await Rendered.OverlayAsync(overlay);

        var objects = KubernetesYaml.LoadAllFromString(yaml, OperatorResources.Types, strict: true);

        Assert.Equal(yaml.Split("\n---").Length, objects.Count);
        Assert.All(objects, o => Assert.IsAssignableFrom<IKubernetesObject>(o));
    }

    [Fact]
    public void A_misplaced_field_is_refused()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: x }
            spec:
              selector: { matchLabels: { a: b } }
              template:
                spec:
                  containers:
                    - { name: x, image: x, preStop: { sleep: { seconds: 5 } } }
            """;

        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(yaml, OperatorResources.Types, strict: true));
    }
}
