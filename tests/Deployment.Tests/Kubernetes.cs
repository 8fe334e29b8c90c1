using System.Text.RegularExpressions;

namespace Medimail.Deployment.Tests;

public sealed record KubeObject(string File, Node Node)
{
    public string Kind => Node["kind"].Text ?? "";
    public string Name => Node["metadata"]["name"].Text ?? "";
    public Node PodSpec => Node["spec"]["template"]["spec"];
    public IReadOnlyList<Node> Containers => PodSpec["containers"].Items;
    public override string ToString() => $"{Kind}/{Name} ({Repository.Relative(File)})";
}

public sealed class Kustomization(string path)
{
    public string Path { get; } = path;
    public string Folder => System.IO.Path.GetDirectoryName(Path)!;
    public Node Node { get; } = Yaml.Load(path);

    public IEnumerable<string> Resources => Texts(Node["resources"]);

    public IEnumerable<string> PatchFiles =>
        Node["patches"].Items.Select(p => p["path"].Text).OfType<string>().Concat(Texts(Node["patchesStrategicMerge"]));

    /// <summary>Files read by config map and secret generators ("key=path" or "path").</summary>
    public IEnumerable<string> GeneratorFiles =>
        Node["configMapGenerator"].Items.Concat(Node["secretGenerator"].Items)
            .SelectMany(g => Texts(g["files"]).Concat(Texts(g["envs"])))
            .Select(f => f.Contains('=') ? f[(f.IndexOf('=') + 1)..] : f);

    public string Resolve(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Folder, relative));

    public override string ToString() => Repository.Relative(Path);

    private static IEnumerable<string> Texts(Node list) => list.Items.Select(i => i.Text).OfType<string>();
}

public static partial class Kube
{
    public static IReadOnlyList<Kustomization> Kustomizations { get; } =
        System.IO.Directory.EnumerateFiles(Repository.K8s, "kustomization.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Select(p => new Kustomization(p)).ToList();

    public static Kustomization BaseKustomization => Kustomizations.Single(k => k.Folder == Path.Combine(Repository.K8s, "base"));

    public static Kustomization Overlay(string name) =>
        Kustomizations.Single(k => k.Folder == Path.Combine(Repository.K8s, "overlays", name));

    /// <summary>Complete objects: the files some kustomization lists as resources (patches are partial, not included).</summary>
    public static IReadOnlyList<KubeObject> Manifests { get; } =
        Kustomizations.SelectMany(k => k.Resources.Select(k.Resolve)).Where(File.Exists).Distinct()
            .SelectMany(file => Yaml.LoadAll(file).Select(node => new KubeObject(file, node))).ToList();

    public static IReadOnlyList<KubeObject> Base { get; } =
        Manifests.Where(o => o.File.StartsWith(BaseKustomization.Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();

    public static IEnumerable<KubeObject> OfKind(this IEnumerable<KubeObject> objects, string kind) => objects.Where(o => o.Kind == kind);

    public static KubeObject Get(this IEnumerable<KubeObject> objects, string kind, string name) =>
        objects.SingleOrDefault(o => o.Kind == kind && o.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"No {kind} named '{name}'.");

    /// <summary>A container's environment as the kubelet builds it: envFrom ConfigMaps first, then env in order,
    /// $(VAR) expanded from what precedes; a secret reference reads "secret:NAME/KEY".</summary>
    public static IReadOnlyDictionary<string, string> Environment(Node container, IEnumerable<KubeObject> objects)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"].Items)
        {
            var configMap = objects.Get("ConfigMap", source["configMapRef"]["name"].Text ?? "");
            foreach (var (key, value) in configMap.Node["data"].Entries)
            {
                env[key] = value.Text ?? "";
            }
        }
        foreach (var variable in container["env"].Items)
        {
            var name = variable["name"].Text!;
            var secret = variable["valueFrom"]["secretKeyRef"];
            env[name] = secret.Exists
                ? $"secret:{secret["name"]}/{secret["key"]}"
                : Reference().Replace(variable["value"].Text ?? "", m => env.GetValueOrDefault(m.Groups[1].Value, m.Value));
        }
        return env;
    }

    /// <summary>The container port a probe or Service names, by number or by port name.</summary>
    public static int ContainerPort(Node container, Node port) =>
        int.TryParse(port.Text, out var number)
            ? number
            : int.Parse(container["ports"].Items.Single(p => p["name"].Text == port.Text)["containerPort"].Text!);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
