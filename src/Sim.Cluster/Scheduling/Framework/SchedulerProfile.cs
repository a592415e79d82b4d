using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;
using Sim.Scheduling.Plugins.NodeResourcesFit;

namespace Sim.Scheduling;

/// <summary>
/// A built scheduler profile (upstream's <c>frameworkImpl</c>): the plugin instances at each extension
/// point in order, the score weights, and the runners that call them as kube-scheduler does.
/// </summary>
public sealed class SchedulerProfile
{
    private readonly IPreEnqueuePlugin[] _preEnqueue;
    private readonly IPreFilterPlugin[] _preFilter;
    private readonly int[] _preFilterToFilter;
    private readonly IFilterPlugin[] _filter;
    private readonly IPostFilterPlugin[] _postFilter;
    private readonly IPreScorePlugin[] _preScore;
    private readonly int[] _preScoreToScore;
    private readonly IScorePlugin[] _score;
    private readonly IScoreExtensions?[] _normalize;
    private readonly int[] _weights;
    private readonly IReservePlugin[] _reserve;
    private readonly IPermitPlugin[] _permit;
    private readonly IPreBindPlugin[] _preBind;
    private readonly IBindPlugin[] _bind;
    private readonly IPostBindPlugin[] _postBind;
    private readonly IBatchFilterPlugin?[] _batchFilter;
    private readonly IBatchScorePlugin?[] _batchScore;
    private readonly IBatchScoreExtensions?[] _batchNormalize;
    private readonly IUniformScorePlugin?[] _uniformScore;
    private readonly long[][] _rawScores;
    private NodeScore[] _pairs = [];

    private SchedulerProfile(string name, int? percentageOfNodesToScore, IReadOnlyDictionary<string, IPlugin> plugins, Dictionary<string, List<IPlugin>> points, IReadOnlyDictionary<string, int> weights)
    {
        SchedulerName = name;
        PercentageOfNodesToScore = percentageOfNodesToScore;
        Plugins = plugins;
        T[] At<T>(string point) => [.. points[point].Cast<T>()];
        var queueSort = At<IQueueSortPlugin>("QueueSort");
        if (queueSort.Length != 1)
        {
            throw new SchedulerConfigException($"profile \"{name}\": exactly one queue sort plugin is required, found {queueSort.Length}");
        }

        QueueSort = queueSort[0];
        _preEnqueue = At<IPreEnqueuePlugin>("PreEnqueue");
        _preFilter = At<IPreFilterPlugin>("PreFilter");
        _filter = At<IFilterPlugin>("Filter");
        _postFilter = At<IPostFilterPlugin>("PostFilter");
        _preScore = At<IPreScorePlugin>("PreScore");
        _score = At<IScorePlugin>("Score");
        _reserve = At<IReservePlugin>("Reserve");
        _permit = At<IPermitPlugin>("Permit");
        _preBind = At<IPreBindPlugin>("PreBind");
        _bind = At<IBindPlugin>("Bind");
        _postBind = At<IPostBindPlugin>("PostBind");
        if (_bind.Length == 0)
        {
            throw new SchedulerConfigException($"profile \"{name}\": at least one bind plugin is required");
        }

        if (_filter.Length > 64 || _score.Length > 64)
        {
            throw new SchedulerConfigException($"profile \"{name}\": at most 64 filter and 64 score plugins are supported");
        }

        _preFilterToFilter = [.. _preFilter.Select(p => Array.FindIndex(_filter, f => f.Name == p.Name))];
        _preScoreToScore = [.. _preScore.Select(p => Array.FindIndex(_score, s => s.Name == p.Name))];
        _normalize = [.. _score.Select(s => s as IScoreExtensions)];
        _weights = [.. _score.Select(s => weights[s.Name])];
        _batchFilter = [.. _filter.Select(f => f as IBatchFilterPlugin)];
        _batchScore = [.. _score.Select(s => s as IBatchScorePlugin)];
        _batchNormalize = [.. _score.Select(s => s as IBatchScoreExtensions)];
        _uniformScore = [.. _score.Select(s => s as IUniformScorePlugin)];
        _rawScores = [.. _score.Select(_ => Array.Empty<long>())];
    }

    /// <summary>The name pods select the profile by.</summary>
    public string SchedulerName { get; }

    /// <summary>The profile's own percentage of nodes to score, or null to use the scheduler's.</summary>
    public int? PercentageOfNodesToScore { get; }

    /// <summary>Every plugin instance by name.</summary>
    public IReadOnlyDictionary<string, IPlugin> Plugins { get; }

    /// <summary>The queue sort plugin.</summary>
    public IQueueSortPlugin QueueSort { get; }

    /// <summary>The filter plugins in order.</summary>
    public IReadOnlyList<IFilterPlugin> FilterPlugins => _filter;

    /// <summary>The score plugins in order.</summary>
    public IReadOnlyList<IScorePlugin> ScorePlugins => _score;

    /// <summary>True when any PostFilter plugin (preemption) is configured.</summary>
    public bool HasPostFilterPlugins => _postFilter.Length != 0;

    /// <summary>The plugin names at each extension point, for display.</summary>
    public IReadOnlyList<(string Point, ImmutableArray<string> Plugins)> Describe() =>
    [
        ("QueueSort", [QueueSort.Name]),
        ("PreEnqueue", [.. _preEnqueue.Select(p => p.Name)]),
        ("PreFilter", [.. _preFilter.Select(p => p.Name)]),
        ("Filter", [.. _filter.Select(p => p.Name)]),
        ("PostFilter", [.. _postFilter.Select(p => p.Name)]),
        ("PreScore", [.. _preScore.Select(p => p.Name)]),
        ("Score", [.. _score.Select((p, i) => $"{p.Name}({_weights[i]})")]),
        ("Reserve", [.. _reserve.Select(p => p.Name)]),
        ("Permit", [.. _permit.Select(p => p.Name)]),
        ("PreBind", [.. _preBind.Select(p => p.Name)]),
        ("Bind", [.. _bind.Select(p => p.Name)]),
        ("PostBind", [.. _postBind.Select(p => p.Name)]),
    ];

    /// <summary>The weight of score plugin <paramref name="name"/>; 0 when it is not a score plugin here.</summary>
    public int WeightOf(string name)
    {
        var index = Array.FindIndex(_score, s => s.Name == name);
        return index < 0 ? 0 : _weights[index];
    }

    /// <summary>
    /// Builds a profile: the defaults merged with <paramref name="config"/>'s changes, MultiPoint plugins
    /// expanded to every extension point they implement (specific settings win), plugins built from
    /// <paramref name="registry"/> with their args.
    /// </summary>
    public static SchedulerProfile Build(ProfileConfig config, PluginRegistry registry, IFrameworkHandle handle)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(handle);
        var plugins = DefaultPlugins.Merge(config.Plugins);
        var needed = new List<string>();
        foreach (var (_, set) in plugins.ByPoint())
        {
            foreach (var plugin in set.Enabled)
            {
                if (!needed.Contains(plugin.Name, StringComparer.Ordinal))
                {
                    needed.Add(plugin.Name);
                }
            }
        }

        foreach (var name in config.PluginConfig.Keys)
        {
            if (!needed.Contains(name, StringComparer.Ordinal) && !registry.Contains(name))
            {
                throw new SchedulerConfigException($"profile \"{config.SchedulerName}\": pluginConfig names plugin \"{name}\", which does not exist");
            }
        }

        var instances = new Dictionary<string, IPlugin>(StringComparer.Ordinal);
        foreach (var name in needed)
        {
            instances[name] = registry.Create(name, config.PluginConfig.GetValueOrDefault(name), handle);
        }

        var points = new Dictionary<string, List<IPlugin>>(StringComparer.Ordinal);
        foreach (var (point, set) in plugins.ByPoint())
        {
            if (point == nameof(PluginsConfig.MultiPoint))
            {
                continue;
            }

            points[point] = Expand(point, set, plugins.MultiPoint, instances, config.SchedulerName);
        }

        // Score weights: a Score-specific weight wins over MultiPoint's; 0 means 1.
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var plugin in plugins.Score.Enabled.Concat(plugins.MultiPoint.Enabled))
        {
            if (instances[plugin.Name] is IScorePlugin && !weights.ContainsKey(plugin.Name))
            {
                weights[plugin.Name] = plugin.Weight == 0 ? 1 : plugin.Weight;
            }
        }

        foreach (var (name, weight) in weights)
        {
            if (weight is < 0 or > 100)
            {
                throw new SchedulerConfigException($"profile \"{config.SchedulerName}\": score plugin \"{name}\" has weight {weight}; weights must be 1..100");
            }
        }

        var profile = new SchedulerProfile(config.SchedulerName, config.PercentageOfNodesToScore, instances, points, weights);
        if (handle is FrameworkHandle own)
        {
            own.Profile = profile;
        }

        return profile;
    }

    /// <summary>Runs PreEnqueue; the first failure is returned with its plugin.</summary>
    public Status RunPreEnqueuePlugins(PodInfo pod)
    {
        foreach (var plugin in _preEnqueue)
        {
            var status = plugin.PreEnqueue(pod);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(plugin.Name);
            }
        }

        return Status.Success;
    }

    /// <summary>
    /// Runs PreFilter as upstream's <c>RunPreFilterPlugins</c>: Skip marks the plugin's Filter skipped;
    /// UnschedulableAndUnresolvable stops at once; Unschedulable is remembered while the others run;
    /// node-name results are intersected, and an empty intersection rejects the pod.
    /// </summary>
    public Status RunPreFilterPlugins(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result) =>
        RunPreFilterPlugins(state, pod, nodes, out result, out _);

    /// <summary>As the other overload, also naming the plugins that restricted the nodes (for the rejection message of the nodes they left out).</summary>
    public Status RunPreFilterPlugins(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result, out IReadOnlyList<string> pluginsWithNodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        result = null;
        pluginsWithNodes = [];
        var returnStatus = Status.Success;
        List<string>? withNodes = null;
        ulong skip = 0;
        for (var i = 0; i < _preFilter.Length; i++)
        {
            var plugin = _preFilter[i];
            var status = plugin.PreFilter(state, pod, nodes, out var pluginResult);
            if (status.IsSkip)
            {
                if (_preFilterToFilter[i] >= 0)
                {
                    skip |= 1UL << _preFilterToFilter[i];
                }

                continue;
            }

            if (!status.IsSuccess)
            {
                status = status.WithPlugin(plugin.Name);
                if (status.Code == StatusCode.UnschedulableAndUnresolvable)
                {
                    state.SkipFilter = skip;
                    return status;
                }

                if (status.Code == StatusCode.Unschedulable)
                {
                    returnStatus = status;
                    continue;
                }

                return Status.Error($"running PreFilter plugin \"{plugin.Name}\": {status.Message}").WithPlugin(plugin.Name);
            }

            if (pluginResult is { AllNodes: false })
            {
                (withNodes ??= []).Add(plugin.Name);
                pluginsWithNodes = withNodes;
                result = pluginResult.Merge(result);
                if (result.NodeNames!.Count == 0)
                {
                    state.SkipFilter = skip;
                    var message = withNodes.Count == 1
                        ? $"node(s) didn't satisfy plugin {withNodes[0]}"
                        : $"node(s) didn't satisfy plugin(s) [{string.Join(" ", withNodes)}] simultaneously";
                    return Status.UnschedulableAndUnresolvable(message);
                }
            }
        }

        state.SkipFilter = skip;
        return returnStatus;
    }

    /// <summary>Runs the Filter plugins on one node, stopping at the first rejection (returned with its plugin).</summary>
    public Status RunFilterPlugins(CycleState state, PodInfo pod, NodeInfo node) => RunFilterPlugins(state, pod, node, from: 0);

    /// <summary>
    /// <see cref="RunFilterPlugins(CycleState, PodInfo, NodeInfo)"/> from the filter plugin at
    /// <paramref name="from"/> on: the same status when every earlier plugin passes the node, as each did
    /// for a node <see cref="FilterNodes(CycleState, PodInfo, ReadOnlySpan{NodeInfo}, Span{bool}, Span{byte})"/>
    /// recorded as first rejected by the plugin at <paramref name="from"/>.
    /// </summary>
    internal Status RunFilterPlugins(CycleState state, PodInfo pod, NodeInfo node, int from)
    {
        ArgumentNullException.ThrowIfNull(state);
        var skip = state.SkipFilter;
        var filters = _filter;
        for (var i = from; i < filters.Length; i++)
        {
            if ((skip & (1UL << i)) != 0)
            {
                continue;
            }

            var status = filters[i].Filter(state, pod, node);
            if (!status.IsSuccess)
            {
                if (!status.IsRejected)
                {
                    return Status.Error($"running \"{filters[i].Name}\" filter plugin: {status.Message}").WithPlugin(filters[i].Name);
                }

                return status.WithPlugin(filters[i].Name);
            }
        }

        return Status.Success;
    }

    /// <summary>
    /// Runs the filters with the pods nominated to the node of equal or higher priority counted as
    /// present, then, if they were and that passed, again without them (upstream's
    /// <c>RunFilterPluginsWithNominatedPods</c>).
    /// </summary>
    public Status RunFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node, Nominator? nominator)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (nominator is null || nominator.Count == 0)
        {
            return RunFilterPlugins(state, pod, node);
        }

        var nominated = nominator.NominatedPodsForNode(node.Name);
        if (nominated.Count == 0)
        {
            return RunFilterPlugins(state, pod, node);
        }

        NodeInfo? nodeWith = null;
        CycleState? stateWith = null;
        foreach (var other in nominated)
        {
            if (other.Pod.Spec.Priority >= pod.Pod.Spec.Priority && other.Pod.Key != pod.Pod.Key)
            {
                nodeWith ??= node.Clone();
                stateWith ??= state.Clone();
                nodeWith.AddPod(other);
                var added = RunPreFilterExtensionAddPod(stateWith, pod, other, nodeWith);
                if (!added.IsSuccess)
                {
                    return Status.Error(added.Message);
                }
            }
        }

        if (nodeWith is null)
        {
            return RunFilterPlugins(state, pod, node);
        }

        var status = RunFilterPlugins(stateWith!, pod, nodeWith);
        if (!status.IsSuccess)
        {
            return status;
        }

        return RunFilterPlugins(state, pod, node);
    }

    /// <summary>Tells the pre-filter extensions that <paramref name="podToAdd"/> is on <paramref name="node"/>.</summary>
    public Status RunPreFilterExtensionAddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (var i = 0; i < _preFilter.Length; i++)
        {
            if (_preFilter[i] is IPreFilterExtensions extensions && !IsFilterSkipped(state, i))
            {
                var status = extensions.AddPod(state, podToSchedule, podToAdd, node);
                if (!status.IsSuccess)
                {
                    return Status.Error($"running AddPod on PreFilter plugin \"{_preFilter[i].Name}\": {status.Message}");
                }
            }
        }

        return Status.Success;
    }

    /// <summary>Tells the pre-filter extensions that <paramref name="podToRemove"/> is gone from <paramref name="node"/>.</summary>
    public Status RunPreFilterExtensionRemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (var i = 0; i < _preFilter.Length; i++)
        {
            if (_preFilter[i] is IPreFilterExtensions extensions && !IsFilterSkipped(state, i))
            {
                var status = extensions.RemovePod(state, podToSchedule, podToRemove, node);
                if (!status.IsSuccess)
                {
                    return Status.Error($"running RemovePod on PreFilter plugin \"{_preFilter[i].Name}\": {status.Message}");
                }
            }
        }

        return Status.Success;
    }

    /// <summary>
    /// Runs PostFilter plugins until one succeeds (or fails with an error); returns the nominated node,
    /// or, when all reject, the last non-null one a rejecting plugin returned (empty clears the pod's nomination).
    /// </summary>
    public Status RunPostFilterPlugins(CycleState state, PodInfo pod, NodeToStatus statuses, out string? nominatedNodeName)
    {
        nominatedNodeName = null;
        var reasons = new List<string>();
        foreach (var plugin in _postFilter)
        {
            var status = plugin.PostFilter(state, pod, statuses, out var nominated);
            if (status.IsSuccess)
            {
                nominatedNodeName = nominated;
                return status.WithPlugin(plugin.Name);
            }

            if (status.Code == StatusCode.Error)
            {
                nominatedNodeName = null;
                return status.WithPlugin(plugin.Name);
            }

            nominatedNodeName = nominated ?? nominatedNodeName;
            reasons.AddRange(status.Reasons);
        }

        return Status.Unschedulable([.. reasons]);
    }

    /// <summary>Runs PreScore; Skip marks the plugin's Score skipped.</summary>
    public Status RunPreScorePlugins(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ulong skip = 0;
        for (var i = 0; i < _preScore.Length; i++)
        {
            var status = _preScore[i].PreScore(state, pod, nodes);
            if (status.IsSkip)
            {
                if (_preScoreToScore[i] >= 0)
                {
                    skip |= 1UL << _preScoreToScore[i];
                }

                continue;
            }

            if (!status.IsSuccess)
            {
                state.SkipScore = skip;
                return Status.Error($"running PreScore plugin \"{_preScore[i].Name}\": {status.Message}").WithPlugin(_preScore[i].Name);
            }
        }

        state.SkipScore = skip;
        return Status.Success;
    }

    /// <summary>
    /// Runs Score, NormalizeScore and the weights over <paramref name="nodes"/>, adding each node's
    /// weighted total into <paramref name="totals"/>. When <paramref name="breakdown"/> is given, every
    /// plugin's raw and normalized scores are recorded in it.
    /// </summary>
    public Status RunScorePlugins(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> totals, ScoreBreakdown? breakdown = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return RunScorePlugins(state, pod, SchedulingAlgorithm.NodeSpan(nodes), totals, breakdown);
    }

    /// <summary>
    /// <see cref="RunScorePlugins(CycleState, PodInfo, IReadOnlyList{NodeInfo}, Span{long}, ScoreBreakdown?)"/> over a span:
    /// each plugin scores every node (in one call when it is an <see cref="IBatchScorePlugin"/>), then
    /// normalizes; the scores are independent of one another, so the order does not change them.
    /// </summary>
    public Status RunScorePlugins(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> totals, ScoreBreakdown? breakdown = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var count = nodes.Length;
        totals[..count].Clear();

        // The weighted scores of plugins that give every node the same score, added at the end.
        long uniform = 0;
        for (var p = 0; p < _score.Length; p++)
        {
            if ((state.SkipScore & (1UL << p)) != 0)
            {
                continue;
            }

            var plugin = _score[p];
            if (breakdown is null && _uniformScore[p] is { } same && same.TryUniformScore(state, pod, out var sameScore))
            {
                if (sameScore is < 0 or > NodeScoring.MaxNodeScore)
                {
                    return InvalidScore(plugin, sameScore);
                }

                uniform += sameScore * _weights[p];
                continue;
            }

            if (_rawScores[p].Length < count)
            {
                _rawScores[p] = new long[Math.Max(count, 16)];
            }

            var scores = _rawScores[p].AsSpan(0, count);
            if (_batchScore[p] is { } batch)
            {
                batch.ScoreNodes(state, pod, nodes, scores);
            }
            else
            {
                for (var n = 0; n < count; n++)
                {
                    scores[n] = plugin.Score(state, pod, nodes[n]);
                }
            }

            breakdown?.RecordRaw(plugin.Name, nodes, scores);
            if (_normalize[p] is { } normalize)
            {
                var status = _batchNormalize[p] is { } batchNormalize
                    ? batchNormalize.NormalizeScores(state, pod, nodes, scores)
                    : NormalizeAsPairs(normalize, state, pod, nodes, scores);
                if (!status.IsSuccess)
                {
                    return Status.Error($"running Normalize on Score plugin \"{plugin.Name}\": {status.Message}").WithPlugin(plugin.Name);
                }
            }

            var weight = _weights[p];
            breakdown?.RecordNormalized(plugin.Name, weight, nodes, scores);
            if (!AddWeighted(scores, weight, totals))
            {
                return InvalidScore(plugin, scores[scores.IndexOfAnyExceptInRange(0, NodeScoring.MaxNodeScore)]);
            }
        }

        if (uniform != 0)
        {
            AddUniform(uniform, totals[..count]);
        }

        return Status.Success;
    }

    /// <summary>The error of a plugin whose (normalized) score is outside [0, 100], as upstream words it.</summary>
    private static Status InvalidScore(IScorePlugin plugin, long score) =>
        Status.Error($"plugin \"{plugin.Name}\" returns an invalid score {score}, it should in the range of [0, 100] after normalizing").WithPlugin(plugin.Name);

    /// <summary><c>totals[n] += value</c> for every node, vector by vector.</summary>
    private static void AddUniform(long value, Span<long> totals)
    {
        var n = 0;
        if (Vector.IsHardwareAccelerated && totals.Length >= Vector<long>.Count)
        {
            var add = new Vector<long>(value);
            var lastBlock = totals.Length - Vector<long>.Count;
            for (; n <= lastBlock; n += Vector<long>.Count)
            {
                (new Vector<long>(totals[n..]) + add).CopyTo(totals[n..]);
            }
        }

        for (; n < totals.Length; n++)
        {
            totals[n] += value;
        }
    }

    /// <summary>
    /// <c>totals[n] += scores[n] × weight</c> for every node, vector by vector; false, with the totals
    /// partly added, when a score is outside [0, 100] (the cycle then fails, so the totals are not used).
    /// </summary>
    internal static bool AddWeighted(ReadOnlySpan<long> scores, long weight, Span<long> totals)
    {
        totals = totals[..scores.Length];

        // One pass adds and checks: a score outside [0, 100] is, as unsigned, above 100.
        var outside = false;
        var n = 0;
        if (Vector.IsHardwareAccelerated && scores.Length >= Vector<long>.Count)
        {
            var weights = new Vector<long>(weight);
            var max = new Vector<ulong>(NodeScoring.MaxNodeScore);
            var above = Vector<ulong>.Zero;
            ref var score = ref MemoryMarshal.GetReference(scores);
            ref var total = ref MemoryMarshal.GetReference(totals);
            var lastBlock = (nuint)(scores.Length - Vector<long>.Count);
            nuint at = 0;
            for (; at <= lastBlock; at += (nuint)Vector<long>.Count)
            {
                var block = Vector.LoadUnsafe(ref score, at);
                above |= Vector.GreaterThan(Vector.AsVectorUInt64(block), max);
                (Vector.LoadUnsafe(ref total, at) + (block * weights)).StoreUnsafe(ref total, at);
            }

            outside = above != Vector<ulong>.Zero;
            n = (int)at;
        }

        for (; n < scores.Length; n++)
        {
            outside |= (ulong)scores[n] > NodeScoring.MaxNodeScore;
            totals[n] += scores[n] * weight;
        }

        return !outside;
    }

    /// <summary>
    /// Runs the Filter plugins that PreFilter did not skip over <paramref name="nodes"/> at once, clearing
    /// <c>passes[i]</c> for each node some plugin rejects (entries already cleared are left so): batch
    /// plugins judge all nodes in one call, the others node by node. Statuses are not kept: the caller asks
    /// <see cref="RunFilterPlugins(CycleState, PodInfo, NodeInfo)"/> for the status of each rejected node it reports.
    /// </summary>
    public void FilterNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<bool> passes) => FilterNodes(state, pod, nodes, passes, []);

    /// <summary>The plugin index <see cref="FilterNodes(CycleState, PodInfo, ReadOnlySpan{NodeInfo}, Span{bool}, Span{byte})"/> records for a node no plugin rejected.</summary>
    internal const byte NotRejected = byte.MaxValue;

    /// <summary>
    /// <see cref="FilterNodes(CycleState, PodInfo, ReadOnlySpan{NodeInfo}, Span{bool})"/>, recording in
    /// <paramref name="rejectedBy"/> (when not empty; as long as <paramref name="nodes"/>, filled with
    /// <see cref="NotRejected"/> by the caller) the index of the filter plugin after which each node's entry
    /// was first cleared: the plugins before it passed the node, so its status is that of the plugins from
    /// that one on.
    /// </summary>
    internal void FilterNodes(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<bool> passes, Span<byte> rejectedBy)
    {
        ArgumentNullException.ThrowIfNull(state);
        var skip = state.SkipFilter;
        var record = !rejectedBy.IsEmpty;
        for (var p = 0; p < _filter.Length; p++)
        {
            if ((skip & (1UL << p)) != 0)
            {
                continue;
            }

            if (_batchFilter[p] is { } batch)
            {
                batch.FilterNodes(state, pod, nodes, passes);
                if (record)
                {
                    RecordRejected(passes, rejectedBy, (byte)p);
                }

                continue;
            }

            var filter = _filter[p];
            for (var n = 0; n < nodes.Length; n++)
            {
                if (passes[n] && !filter.Filter(state, pod, nodes[n]).IsSuccess)
                {
                    passes[n] = false;
                    if (record)
                    {
                        rejectedBy[n] = (byte)p;
                    }
                }
            }
        }
    }

    /// <summary>Sets <paramref name="plugin"/> as the rejecting plugin of each node cleared in <paramref name="passes"/> and not recorded yet.</summary>
    private static void RecordRejected(Span<bool> passes, Span<byte> rejectedBy, byte plugin)
    {
        var cleared = MemoryMarshal.AsBytes(passes);
        var n = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var none = new Vector<byte>(NotRejected);
            var index = new Vector<byte>(plugin);
            for (; n <= cleared.Length - Vector<byte>.Count; n += Vector<byte>.Count)
            {
                var at = rejectedBy[n..];
                var current = new Vector<byte>(at);
                var newly = Vector.Equals(new Vector<byte>(cleared[n..]), Vector<byte>.Zero) & Vector.Equals(current, none);
                Vector.ConditionalSelect(newly, index, current).CopyTo(at);
            }
        }

        for (; n < cleared.Length; n++)
        {
            if (cleared[n] == 0 && rejectedBy[n] == NotRejected)
            {
                rejectedBy[n] = plugin;
            }
        }
    }

    /// <summary>Runs Reserve in order; on a failure, Unreserve runs for all and the failure is returned.</summary>
    public Status RunReservePlugins(CycleState state, PodInfo pod, string nodeName)
    {
        foreach (var plugin in _reserve)
        {
            var status = plugin.Reserve(state, pod, nodeName);
            if (!status.IsSuccess)
            {
                RunUnreservePlugins(state, pod, nodeName);
                return status.WithPlugin(plugin.Name);
            }
        }

        return Status.Success;
    }

    /// <summary>Runs Unreserve in reverse order.</summary>
    public void RunUnreservePlugins(CycleState state, PodInfo pod, string nodeName)
    {
        for (var i = _reserve.Length - 1; i >= 0; i--)
        {
            _reserve[i].Unreserve(state, pod, nodeName);
        }
    }

    /// <summary>
    /// Runs Permit: a rejection stops at once; the plugins that return Wait are collected with their
    /// timeouts (capped at 15 minutes, as upstream) in <paramref name="waiting"/>.
    /// </summary>
    public Status RunPermitPlugins(CycleState state, PodInfo pod, string nodeName, out IReadOnlyDictionary<string, TimeSpan>? waiting)
    {
        Dictionary<string, TimeSpan>? waits = null;
        foreach (var plugin in _permit)
        {
            var status = plugin.Permit(state, pod, nodeName, out var timeout);
            if (status.Code == StatusCode.Wait)
            {
                (waits ??= new Dictionary<string, TimeSpan>(StringComparer.Ordinal))[plugin.Name] = timeout > MaxPermitTimeout ? MaxPermitTimeout : timeout;
                continue;
            }

            if (!status.IsSuccess)
            {
                waiting = null;
                return status.WithPlugin(plugin.Name);
            }
        }

        waiting = waits;
        return waits is null ? Status.Success : Status.Of(StatusCode.Wait);
    }

    /// <summary>The longest a Permit plugin may hold a pod (upstream's <c>maxTimeout</c>).</summary>
    public static readonly TimeSpan MaxPermitTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Runs PreBind in order; the first failure is returned.</summary>
    public Status RunPreBindPlugins(CycleState state, PodInfo pod, string nodeName)
    {
        foreach (var plugin in _preBind)
        {
            var status = plugin.PreBind(state, pod, nodeName);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(plugin.Name);
            }
        }

        return Status.Success;
    }

    /// <summary>Runs Bind plugins until one does not skip.</summary>
    public Status RunBindPlugins(CycleState state, PodInfo pod, string nodeName)
    {
        foreach (var plugin in _bind)
        {
            var status = plugin.Bind(state, pod, nodeName);
            if (status.IsSkip)
            {
                continue;
            }

            return status.IsSuccess ? status : status.WithPlugin(plugin.Name);
        }

        return Status.Skip;
    }

    /// <summary>Runs PostBind.</summary>
    public void RunPostBindPlugins(CycleState state, PodInfo pod, string nodeName)
    {
        foreach (var plugin in _postBind)
        {
            plugin.PostBind(state, pod, nodeName);
        }
    }

    private bool IsFilterSkipped(CycleState state, int preFilterIndex) =>
        _preFilterToFilter[preFilterIndex] >= 0 && (state.SkipFilter & (1UL << _preFilterToFilter[preFilterIndex])) != 0;

    private static List<IPlugin> Expand(string point, PluginSet specific, PluginSet multiPoint, Dictionary<string, IPlugin> instances, string profile)
    {
        var disabled = specific.Disabled.ToHashSet(StringComparer.Ordinal);
        var enabled = new List<string>();
        foreach (var plugin in specific.Enabled)
        {
            if (!Implements(instances[plugin.Name], point))
            {
                throw new SchedulerConfigException($"profile \"{profile}\": plugin \"{plugin.Name}\" does not extend {point}");
            }

            if (enabled.Contains(plugin.Name, StringComparer.Ordinal))
            {
                throw new SchedulerConfigException($"profile \"{profile}\": plugin \"{plugin.Name}\" already registered as \"{point}\"");
            }

            enabled.Add(plugin.Name);
        }

        if (disabled.Contains("*"))
        {
            return [.. enabled.Select(n => instances[n])];
        }

        var overrides = new List<string>();
        var fromMultiPoint = new List<string>();
        foreach (var plugin in multiPoint.Enabled)
        {
            if (!Implements(instances[plugin.Name], point) || disabled.Contains(plugin.Name))
            {
                continue;
            }

            if (enabled.Contains(plugin.Name, StringComparer.Ordinal))
            {
                overrides.Add(plugin.Name);
                continue;
            }

            if (fromMultiPoint.Contains(plugin.Name, StringComparer.Ordinal))
            {
                throw new SchedulerConfigException($"profile \"{profile}\": plugin \"{plugin.Name}\" already registered as \"MultiPoint\"");
            }

            fromMultiPoint.Add(plugin.Name);
        }

        // Upstream's order: overridden plugins (in their specific order), then MultiPoint's, then the other specific ones.
        var ordered = enabled.Where(overrides.Contains).Concat(fromMultiPoint).Concat(enabled.Where(n => !overrides.Contains(n)));
        return [.. ordered.Select(n => instances[n])];
    }

    private static bool Implements(IPlugin plugin, string point) => point switch
    {
        "PreEnqueue" => plugin is IPreEnqueuePlugin,
        "QueueSort" => plugin is IQueueSortPlugin,
        "PreFilter" => plugin is IPreFilterPlugin,
        "Filter" => plugin is IFilterPlugin,
        "PostFilter" => plugin is IPostFilterPlugin,
        "PreScore" => plugin is IPreScorePlugin,
        "Score" => plugin is IScorePlugin,
        "Reserve" => plugin is IReservePlugin,
        "Permit" => plugin is IPermitPlugin,
        "PreBind" => plugin is IPreBindPlugin,
        "Bind" => plugin is IBindPlugin,
        "PostBind" => plugin is IPostBindPlugin,
        _ => false,
    };

    private Status NormalizeAsPairs(IScoreExtensions normalize, CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        if (_pairs.Length < nodes.Length)
        {
            _pairs = new NodeScore[Math.Max(nodes.Length, 16)];
        }

        var pairs = _pairs.AsSpan(0, nodes.Length);
        for (var n = 0; n < pairs.Length; n++)
        {
            pairs[n] = new NodeScore(nodes[n].Name, scores[n]);
        }

        var status = normalize.NormalizeScore(state, pod, pairs);
        for (var n = 0; n < pairs.Length; n++)
        {
            scores[n] = pairs[n].Score;
        }

        return status;
    }
}
