using System.Collections.Immutable;
using Sim.Cluster.Objects;
using Sim.Experiments.Fill;
using Sim.Traces;
using Sim.Traces.AlibabaGpu2023;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Scenarios.Format;

/// <summary>
/// Reads <c>fill</c>: an arrival-only fill experiment on a GPU trace's node and pod lists (docs/scenario-format.md#fill).
/// Both lists are read whole here (they are small: the openb lists are about a thousand nodes and
/// ten thousand pods), once for all variants, so that a bad row is reported by <c>sim validate</c>.
/// </summary>
internal static class FillReader
{
    /// <summary>The trace formats <c>fill</c> reads.</summary>
    public static readonly string[] Formats = ["openb"];

    /// <summary>The values of <c>tieBreaking</c>.</summary>
    public static readonly string[] TieBreakings = ["uniform", "first"];

    /// <summary>The nodes and the experiment, or null after an error (reported).</summary>
    public static (ImmutableArray<Node> Nodes, FillSpec Spec)? Read(Binder b, YamlNode node, string path)
    {
        var errors = b.Bag.ErrorCount;
        if (b.Fields(node, path, ScenarioFields.Fill, "a fill experiment: a mapping with nodes and pods (the trace's node and pod lists)") is not { } fields)
        {
            return null;
        }

        var format = "openb";
        if (fields["format"] is { } formatNode && b.Text(formatNode, fields.PathOf("format"), $"one of {Binder.OneOf(Formats)}") is { } formatText)
        {
            if (Formats.Contains(formatText, StringComparer.Ordinal))
            {
                format = formatText;
            }
            else
            {
                b.Error(formatNode.Start, $"{fields.PathOf("format")}: unknown trace format \"{formatText}\"{Suggestions.Suggest(formatText, Formats)}; expected {Binder.OneOf(Formats)}");
            }
        }

        var folder = fields["data"] is { } dataNode ? b.Text(dataNode, fields.PathOf("data"), "a folder, relative to the scenario") : string.Empty;
        var defaults = new FillOptions();
        var inflate = fields["inflate"] is { } inflateNode ? b.Amount(inflateNode, fields.PathOf("inflate"), Unit.Count) : defaults.TargetRatio;
        var shuffle = fields["shuffle"] is { } shuffleNode ? b.Boolean(shuffleNode, fields.PathOf("shuffle")) : defaults.Shuffle;
        var rename = fields["renameNodes"] is { } renameNode ? b.Boolean(renameNode, fields.PathOf("renameNodes")) : defaults.RenameNodes;
        var popularity = fields["popularityThreshold"] is { } popularityNode
            ? b.Integer(popularityNode, fields.PathOf("popularityThreshold"), 1, 100)
            : defaults.PopularityThreshold;
        var maxPct = fields["maxArrivedPct"] is { } maxNode ? b.Integer(maxNode, fields.PathOf("maxArrivedPct"), 1, 10_000) : defaults.MaxArrivedPct;
        FillTieBreaking? ties = defaults.TieBreaking;
        if (fields["tieBreaking"] is { } tiesNode && b.Text(tiesNode, fields.PathOf("tieBreaking"), $"one of {Binder.OneOf(TieBreakings)}") is { } tiesText)
        {
            ties = tiesText switch
            {
                "uniform" => FillTieBreaking.Uniform,
                "first" => FillTieBreaking.FirstInSearchOrder,
                _ => null,
            };
            if (ties is null)
            {
                b.Error(tiesNode.Start, $"{fields.PathOf("tieBreaking")}: unknown tie-breaking \"{tiesText}\"{Suggestions.Suggest(tiesText, TieBreakings)}; expected {Binder.OneOf(TieBreakings)}");
            }
        }

        var nodesFile = File(b, fields, "nodes", "the node list, e.g. openb_node_list_gpu_node.csv", folder);
        var podsFile = File(b, fields, "pods", "the pod list, e.g. openb_pod_list_default.csv", folder);
        if (b.Bag.ErrorCount != errors || nodesFile is null || podsFile is null || inflate is null || shuffle is null || rename is null
            || popularity is null || maxPct is null || ties is null)
        {
            return null;
        }

        var nodes = Load(b, fields["nodes"]!, fields.PathOf("nodes"), "openb-nodes", nodesFile, p => OpenbTrace.ReadNodes(p).Select(OpenbCluster.ToNode).ToImmutableArray());
        var pods = Load(b, fields["pods"]!, fields.PathOf("pods"), "openb-pods", podsFile, p => OpenbTrace.ReadPods(p).Select(OpenbCluster.ToPod).ToImmutableArray());
        if (nodes is not { } nodeList || pods is not { } podList)
        {
            return null;
        }

        if (nodeList.IsEmpty || podList.IsEmpty)
        {
            var (emptyPath, emptyFile, what) = nodeList.IsEmpty ? ("nodes", nodesFile, "node") : ("pods", podsFile, "pod");
            b.Error(fields[emptyPath]!.Start, $"{fields.PathOf(emptyPath)}: \"{emptyFile}\" has no {what} rows; expected at least one");
            return null;
        }

        var spec = new FillSpec
        {
            Format = format,
            NodesFile = nodesFile,
            PodsFile = podsFile,
            Pods = podList,
            Options = defaults with
            {
                TargetRatio = inflate.Value,
                Shuffle = shuffle.Value,
                RenameNodes = rename.Value,
                PopularityThreshold = (int)popularity.Value,
                MaxArrivedPct = (int)maxPct.Value,
                TieBreaking = ties.Value,
            },
        };
        return (nodeList, spec);
    }

    private static string? File(Binder b, Fields fields, string key, string expected, string? folder)
    {
        if (b.Required(fields, key, expected + ", relative to data (or to the scenario)") is not { } node
            || b.Text(node, fields.PathOf(key), "a file name") is not { } name || folder is null)
        {
            return null;
        }

        var resolved = b.Files.Resolve(Path.Combine(folder, name));
        if (!System.IO.File.Exists(resolved))
        {
            b.Error(node.Start, $"{fields.PathOf(key)}: file \"{resolved}\" not found");
            return null;
        }

        return resolved;
    }

    /// <summary>The rows of a list, read once per file for all variants; a bad row is an error naming its file, line and column.</summary>
    private static ImmutableArray<T>? Load<T>(Binder b, YamlNode at, string path, string kind, string file, Func<string, ImmutableArray<T>> read)
    {
        var (value, error) = b.Files.Cached(kind, file, () =>
        {
            try
            {
                return (read(file), (string?)null);
            }
            catch (TraceFormatException e)
            {
                return (default(ImmutableArray<T>), e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (default(ImmutableArray<T>), $"cannot read \"{file}\": {e.Message}");
            }
        });
        if (error is not null)
        {
            b.Error(at.Start, $"{path}: {error}");
            return null;
        }

        return value;
    }
}
