using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Sim.Kubernetes.Yaml;

/// <summary>
/// Loads a YAML stream into nodes that remember their line and column; a syntax error becomes one
/// diagnostic. Loading is bounded: nesting deeper than <see cref="DiagnosticBag.MaxDepth"/> levels or
/// more than <see cref="DiagnosticBag.MaxNodes"/> values is refused before the tree is built (YamlDotNet
/// builds it recursively, so a file of a million <c>[</c> would otherwise overflow the stack).
/// </summary>
internal static class YamlLoader
{
    /// <summary>The non-empty documents of <paramref name="text"/>, or null after reporting a syntax error or a file beyond the limits.</summary>
    public static IReadOnlyList<YamlNode>? Load(string text, DiagnosticBag bag)
    {
        var stream = new YamlStream();
        var parser = new BoundedParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (LimitExceededException e)
        {
            bag.Error(e.At, e.Message);
            return null;
        }
        catch (YamlException e)
        {
            bag.Error(e.Start, $"YAML syntax error: {FirstSentence(e.Message)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some unclosed flow collections ("a: [\nb: 1").
            bag.Error(parser.LastEnd, "YAML syntax error: cannot read what follows (an unclosed '[' or '{'?)");
            return null;
        }
        catch (ArgumentException)
        {
            // YamlDotNet's parser emits an unpaired mapping entry for some explicit keys ("? : 1" in a
            // block mapping), and its tree builder then throws on the next event.
            bag.Error(parser.Current?.Start ?? parser.LastEnd, "YAML syntax error: cannot read the mapping here (a key without a value, or an explicit '?' key?)");
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

    /// <summary>Passes the parser's events through, counting nesting and values.</summary>
    private sealed class BoundedParser(IParser inner) : IParser
    {
        private int _depth;
        private int _values;

        public ParsingEvent? Current => inner.Current;

        /// <summary>Where the last event read ends: the last place known to be well formed.</summary>
        public Mark LastEnd { get; private set; } = Mark.Empty;

        public bool MoveNext()
        {
            if (inner.Current is { } previous)
            {
                LastEnd = previous.End;
            }

            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case MappingStart or SequenceStart:
                    if (++_depth > DiagnosticBag.MaxDepth)
                    {
                        throw new LimitExceededException(inner.Current.Start, $"nesting deeper than {DiagnosticBag.MaxDepth} levels");
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    _depth--;
                    return true;
                case DocumentStart or DocumentEnd or StreamStart or StreamEnd:
                    return true;
            }

            if (++_values > DiagnosticBag.MaxNodes)
            {
                throw new LimitExceededException(inner.Current!.Start, $"more than {DiagnosticBag.MaxNodes:N0} values in one file");
            }

            return true;
        }
    }

    private sealed class LimitExceededException(Mark at, string message) : Exception(message)
    {
        public Mark At { get; } = at;
    }
}
