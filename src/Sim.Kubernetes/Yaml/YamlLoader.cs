using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Kubernetes.Yaml;

/// <summary>Loads a YAML stream into nodes that remember their line and column; a syntax error becomes one diagnostic.</summary>
internal static class YamlLoader
{
    /// <summary>The non-empty documents of <paramref name="text"/>, or null after reporting a syntax error.</summary>
    public static IReadOnlyList<YamlNode>? Load(string text, DiagnosticBag bag)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            bag.Error(e.Start, $"YAML syntax error: {FirstSentence(e.Message)}");
            return null;
        }

        var documents = new List<YamlNode>(stream.Documents.Count);
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" or "~" or "null" } root && root.Style == YamlDotNet.Core.ScalarStyle.Plain)
            {
                continue; // an empty document, e.g. between two "---"
            }

            documents.Add(document.RootNode);
        }

        return documents;
    }

    private static string FirstSentence(string message)
    {
        var trimmed = message.Trim();
        return trimmed.Length == 0 ? "invalid YAML" : char.ToLowerInvariant(trimmed[0]) + trimmed[1..];
    }
}
