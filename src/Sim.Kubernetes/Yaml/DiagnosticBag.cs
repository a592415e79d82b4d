using System.Collections.Immutable;
using YamlDotNet.Core;

namespace Sim.Kubernetes.Yaml;

/// <summary>
/// Collects the diagnostics of one file. Ignored fields are reported once per field path, at their
/// first occurrence, with the number of occurrences.
/// </summary>
internal sealed class DiagnosticBag(string source)
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<string, (Mark First, int Count, string Message)> _ignored = new(StringComparer.Ordinal);
    private readonly List<string> _ignoredOrder = [];

    /// <summary>The deepest nesting a writer follows: deeper means a recursive alias.</summary>
    public const int MaxDepth = 64;

    /// <summary>How many nodes a writer visits in one file, aliases expanded: more means an alias bomb.</summary>
    public const int MaxNodes = 1_000_000;

    private int _nodes;
    private bool _tooLarge;

    public string Source { get; } = source;

    /// <summary>
    /// Counts a visited node at <paramref name="depth"/>; false (with one error) when the nesting or
    /// the expansion of aliases goes beyond what a real manifest needs.
    /// </summary>
    public bool Visit(YamlDotNet.RepresentationModel.YamlNode node, int depth)
    {
        if (_tooLarge)
        {
            return false;
        }

        if (depth > MaxDepth || ++_nodes > MaxNodes)
        {
            _tooLarge = true;
            Error(node.Start, depth > MaxDepth
                ? $"nesting deeper than {MaxDepth} levels (a recursive alias?)"
                : $"more than {MaxNodes:N0} values once aliases are expanded");
            return false;
        }

        return true;
    }

    public bool HasErrors => ErrorCount != 0;

    public int ErrorCount { get; private set; }

    public void Error(Mark at, string message)
    {
        ErrorCount++;
        _diagnostics.Add(new Diagnostic(Source, at.Line, at.Column, message));
    }

    public void FileError(string message)
    {
        ErrorCount++;
        _diagnostics.Add(new Diagnostic(Source, 0, 0, message));
    }

    public void Warning(Mark at, string message) =>
        _diagnostics.Add(new Diagnostic(Source, at.Line, at.Column, message, DiagnosticSeverity.Warning));

    /// <summary>Records that <paramref name="key"/> was ignored; one warning per key is reported, saying <paramref name="message"/>.</summary>
    public void Ignored(string key, Mark at, string message)
    {
        if (_ignored.TryGetValue(key, out var seen))
        {
            _ignored[key] = seen with { Count = seen.Count + 1 };
            return;
        }

        _ignored[key] = (at, 1, message);
        _ignoredOrder.Add(key);
    }

    /// <summary>Every diagnostic, ignored-field warnings included, in file order (errors before warnings at the same place).</summary>
    public ImmutableArray<Diagnostic> ToImmutable()
    {
        var all = new List<Diagnostic>(_diagnostics);
        foreach (var key in _ignoredOrder)
        {
            var (first, count, message) = _ignored[key];
            var suffix = count > 1 ? $" ({count} occurrences)" : string.Empty;
            all.Add(new Diagnostic(Source, first.Line, first.Column, message + suffix, DiagnosticSeverity.Warning));
        }

        return [.. all.OrderBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Severity)];
    }
}
