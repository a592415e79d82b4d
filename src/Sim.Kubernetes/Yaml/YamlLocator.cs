using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Kubernetes.Yaml;

/// <summary>
/// Finds where a field path points in a YAML tree, so that a message about
/// <c>spec.containers[0].resources.requests[cpu]</c> can carry that value's line and column. Paths are
/// dotted names with <c>[index]</c> for list items and <c>[key]</c> or <c>['key']</c> for map keys; a
/// JSON path's leading <c>$</c> is allowed.
/// </summary>
internal static class YamlLocator
{
    /// <summary>
    /// The position of the deepest node on <paramref name="path"/> below <paramref name="root"/>: the
    /// value itself when it exists, else the nearest enclosing node that does.
    /// </summary>
    public static Mark Find(YamlNode root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        var node = root;
        foreach (var segment in Segments(path))
        {
            var next = Step(node, segment);
            if (next is null)
            {
                break;
            }

            node = next;
        }

        return node.Start;
    }

    /// <summary>The path of a message in upstream's <c>path: detail</c> form, or null when it has none.</summary>
    public static string? PathOf(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var candidate = message[..colon];
        return candidate.Contains(' ', StringComparison.Ordinal) ? null : candidate;
    }

    private static YamlNode? Step(YamlNode node, string segment) => node switch
    {
        YamlMappingNode mapping => Child(mapping, segment),
        YamlSequenceNode sequence when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < sequence.Children.Count => sequence.Children[index],
        _ => null,
    };

    private static YamlNode? Child(YamlMappingNode mapping, string key)
    {
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode scalar && scalar.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The names, indexes and keys of <paramref name="path"/>, in order.</summary>
    internal static IEnumerable<string> Segments(string path)
    {
        var i = 0;
        if (path.StartsWith('$'))
        {
            i = 1;
        }

        while (i < path.Length)
        {
            var c = path[i];
            if (c == '.')
            {
                i++;
                continue;
            }

            if (c == '[')
            {
                var quoted = i + 1 < path.Length && path[i + 1] == '\'';
                var start = quoted ? i + 2 : i + 1;
                var end = quoted ? path.IndexOf("']", start, StringComparison.Ordinal) : path.IndexOf(']', start);
                if (end < 0)
                {
                    yield return path[start..];
                    yield break;
                }

                yield return path[start..end];
                i = end + (quoted ? 2 : 1);
                continue;
            }

            var stop = path.IndexOfAny(['.', '['], i);
            if (stop < 0)
            {
                stop = path.Length;
            }

            yield return path[i..stop];
            i = stop;
        }
    }
}
