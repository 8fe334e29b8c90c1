using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Medimail.Deployment.Tests;

/// <summary>A read-only view of parsed YAML: a missing key gives an empty node, never an exception,
/// so a test reads like the manifest it checks and fails on its assertion, not on a lookup.</summary>
public sealed class Node(object? value)
{
    public bool Exists => value is not null;

    public string? Text => value as string;

    public Node this[string key] =>
        value is IDictionary<object, object> map && map.TryGetValue(key, out var child) ? new Node(child) : new Node(null);

    public IReadOnlyList<Node> Items =>
        value is IList<object> list ? list.Select(item => new Node(item)).ToList() : [];

    public IReadOnlyDictionary<string, Node> Entries =>
        value is IDictionary<object, object> map
            ? map.ToDictionary(entry => (string)entry.Key, entry => new Node(entry.Value))
            : new Dictionary<string, Node>();

    public override string ToString() => Text ?? value?.ToString() ?? "(missing)";
}

public static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>Every document of a file, with anchors and merge keys (<c>&lt;&lt;: *x</c>) resolved as Compose resolves them.</summary>
    public static IReadOnlyList<Node> LoadAll(string path)
    {
        using var reader = File.OpenText(path);
        return LoadAll(reader);
    }

    /// <summary>Every document of YAML text (a rendered overlay).</summary>
    public static IReadOnlyList<Node> LoadAllFromString(string yaml)
    {
        using var reader = new StringReader(yaml);
        return LoadAll(reader);
    }

    private static IReadOnlyList<Node> LoadAll(TextReader reader)
    {
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        var documents = new List<Node>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = Deserializer.Deserialize<object?>(parser);
            if (document is not null)
            {
                documents.Add(new Node(document));
            }
        }
        return documents;
    }

    public static Node Load(string path) => LoadAll(path).Single();
}
